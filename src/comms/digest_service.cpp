// Digests: at most one message per person per period, listing what reached their inbox in
// the period for the kinds they chose to hear of in that digest.
#include <chrono>
#include <cstdio>

#include "accounts/accounts.hpp"
#include "comms/comms_service.hpp"
#include "core/mail.hpp"
#include "core/service.hpp"
#include "core/text.hpp"

namespace goldthread::comms {
namespace {

using namespace std::chrono;

std::optional<sys_days> parse_day(const std::string& s) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
  year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

std::string iso_day(sys_days d) {
  year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

struct Pending {
  std::int64_t user_id = 0;
  std::vector<core::notifications::Stored> entries;
};

}  // namespace

core::Result<DigestReport> run_digest(core::Database& db, const std::string& base_url, const std::string& period,
                                      const std::string& today) {
  if (period != "daily" && period != "weekly")
    return core::Error::invalid("Say daily or weekly", {{"period", "Say daily or weekly"}});
  auto t = parse_day(today);
  if (!t) return core::Error::invalid("Give the date as YYYY-MM-DD", {{"today", "Give the date as YYYY-MM-DD"}});
  DigestReport rep;
  sys_days from, to;
  if (period == "daily") {
    to = *t;
    from = to - days{1};
    rep.period_key = iso_day(from);
  } else {
    // The ISO week (Monday to Sunday) before the one holding today.
    auto monday = *t - (weekday{*t} - Monday);
    to = monday;
    from = monday - days{7};
    rep.period_key = "week-" + iso_day(from);
  }
  rep.from = iso_day(from) + "T00:00:00Z";
  rep.to = iso_day(to) + "T00:00:00Z";

  auto reader = db.acquire();
  auto writer = db.acquire();
  std::vector<Pending> group;
  auto flush = [&] {
    if (group.empty()) return;
    std::vector<std::int64_t> ids;
    for (const auto& p : group) ids.push_back(p.user_id);
    core::Transaction tx(*writer);
    auto prefs = store::preferences_of(*writer, ids);
    auto emails = accounts::emails_of(*writer, ids);
    for (auto& p : group) {
      auto e = emails.find(p.user_id);
      if (e == emails.end()) continue;
      std::vector<const core::notifications::Stored*> chosen;
      for (const auto& n : p.entries) {
        auto it = prefs[p.user_id].find(n.kind);
        auto f = it == prefs[p.user_id].end() ? std::string(kDefaultFrequency) : it->second;
        if (f == period) chosen.push_back(&n);
      }
      if (chosen.empty()) continue;
      ++rep.people;
      if (!store::record_digest(*writer, p.user_id, period, rep.period_key, static_cast<std::int64_t>(chosen.size()),
                                core::now_utc())) {
        ++rep.already;
        continue;
      }
      auto token = store::mail_token(*writer, p.user_id, random_token());
      auto stop = base_url + "/notifications/stop?token=" + token + "&kind=" + period;
      std::string text = std::string(period == "daily" ? "What happened yesterday" : "What happened last week") +
                         " on what you follow:\n\n";
      for (const auto* n : chosen) text += "- " + n->title + "\n  " + base_url + n->href + "\n";
      text += "\n--\nStop this " + period + " digest in one click: " + stop + "\nChoose how often: " + base_url +
              "/account/notifications\n";
      core::mail::Message m{e->second,
                            std::string(period == "daily" ? "Your daily digest: " : "Your weekly digest: ") +
                                core::count_of(static_cast<std::int64_t>(chosen.size()), "update"),
                            text, ""};
      m.headers = {{"List-Unsubscribe", "<" + stop + ">"}, {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
      m.batch = "digest-" + period + "-" + rep.period_key;
      core::mail::enqueue(*writer, m);
      ++rep.messages;
      rep.entries += static_cast<std::int64_t>(chosen.size());
    }
    core::audit::record(*writer, core::audit::Actor{},
                        {"digest", "notifications", period + "-" + rep.period_key, "",
                         "{\"people\":" + std::to_string(group.size()) + "}"});
    tx.commit();
    group.clear();
  };
  core::notifications::for_each_in_window(*reader, rep.from, rep.to,
                                          [&](std::int64_t uid, const core::notifications::Stored& n) {
                                            if (group.empty() || group.back().user_id != uid) {
                                              if (group.size() >= 500) flush();
                                              group.push_back({uid, {}});
                                            }
                                            group.back().entries.push_back(n);
                                          });
  flush();
  return rep;
}

}  // namespace goldthread::comms
