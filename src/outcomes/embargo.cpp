// Embargoes that end (issue 12.3, 12.10): a figure under embargo becomes public at the start of
// its date, and nothing writes then, so the data version (core::data_version) that keys every
// cached page and export would not move. The first request after that midnight records the end
// with an audited write; the data version moves and every cached view showing figures (the
// indicator pages and exports, the area profile, the map, the ambition page) is built again.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/audit.hpp"
#include "core/log.hpp"
#include "core/storage.hpp"
#include "outcomes/outcomes_handlers.hpp"
#include "outcomes/outcomes_store.hpp"

namespace goldthread::outcomes {
namespace {

std::atomic<std::uint64_t> dates_written{0};  // embargo_dates_written() calls in this process
std::mutex today_mu;
std::string today_override;  // GUARDED_BY(today_mu); tests only

// How long a server trusts the next embargo end it read: another server (or the CLI) may
// import an earlier one meanwhile, so an embargo's end is recorded at most this late when its
// date was imported elsewhere (an import in this process is seen at once: dates_written).
constexpr auto kRecheck = std::chrono::seconds(60);

class EmbargoClock : public core::Middleware {
 public:
  std::optional<core::Response> before(core::Context& ctx, const core::Route&) override {
    const auto& method = ctx.request().method;
    if (method != "GET" && method != "HEAD") return std::nullopt;
    const auto now = std::chrono::steady_clock::now();
    const std::string day = today_iso();
    const auto written = dates_written.load();
    {
      std::lock_guard g(mu_);
      if (read_ && written == written_ && now - read_at_ < kRecheck && (next_.empty() || day < next_))
        return std::nullopt;
    }
    // One request reads (and, on an embargo's date, writes) while the others go on: they see
    // the old state, which can only hide a figure a moment longer, never show one early.
    std::unique_lock refreshing(refresh_mu_, std::try_to_lock);
    if (!refreshing.owns_lock()) return std::nullopt;
    std::string next;
    auto read_next = [&] {
      auto conn = ctx.db().acquire();
      return store::next_embargo_end(*conn);
    };
    try {
      next = read_next();
      if (!next.empty() && next <= day) {
        end_embargoes_due(ctx.db(), day);
        next = read_next();
      }
    } catch (const std::exception& e) {  // never fail a page for this: try again after kRecheck
      core::log::warn("outcomes: could not record ended embargoes", {{"error", e.what()}});
      next.clear();
    }
    std::lock_guard g(mu_);
    next_ = std::move(next);
    read_ = true;
    read_at_ = now;
    written_ = written;
    return std::nullopt;
  }

 private:
  std::mutex mu_;                                  // the state below; held only to read or replace it
  std::mutex refresh_mu_;                          // the one request reading the next end from the database
  bool read_ = false;                              // GUARDED_BY(mu_)
  std::chrono::steady_clock::time_point read_at_;  // GUARDED_BY(mu_)
  std::string next_;                               // GUARDED_BY(mu_); "" for none
  std::uint64_t written_ = 0;                      // GUARDED_BY(mu_); dates_written when read
};

}  // namespace

std::string today_iso() {
  {
    std::lock_guard g(today_mu);
    if (!today_override.empty()) return today_override;
  }
  return core::now_utc().substr(0, 10);
}

void set_today_for_test(const std::string& day) {
  std::lock_guard g(today_mu);
  today_override = day;
}

std::size_t end_embargoes_due(core::Database& db, const std::string& today) {
  auto conn = db.acquire();
  core::Transaction tx(*conn);
  auto ended = store::end_embargoes(*conn, today);
  if (ended.empty()) return 0;
  core::audit::record(
      *conn, core::audit::Actor{},
      {"update", "indicator-embargo", ended.back(), "", core::audit::to_text({{"ended", ended}, {"today", today}})});
  tx.commit();
  return ended.size();
}

void embargo_dates_written() {
  ++dates_written;
}

std::shared_ptr<core::Middleware> embargo_clock() {
  return std::make_shared<EmbargoClock>();
}

}  // namespace goldthread::outcomes
