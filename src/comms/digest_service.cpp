// Digests: at most one message per person per period, listing what reached their inbox in
// the period for the kinds they chose to hear of in that digest.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string_view>

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
  // One transaction for each group of up to 500 people: their preferences, addresses and
  // tokens read in three batched queries, then one row and one message for each.
  auto flush = [&] {
    if (group.empty()) return;
    std::vector<std::int64_t> ids;
    for (const auto& p : group) ids.push_back(p.user_id);
    core::Transaction tx(*writer);
    auto prefs = store::preferences_of(*writer, ids);
    auto emails = accounts::emails_of(*writer, ids);
    std::vector<std::pair<std::int64_t, std::vector<const core::notifications::Stored*>>> chosen_of;
    for (auto& p : group) {
      if (!emails.contains(p.user_id)) continue;
      const auto& mine = prefs[p.user_id];
      std::vector<const core::notifications::Stored*> chosen;
      for (const auto& n : p.entries) {
        auto it = mine.find(n.kind);
        if ((it == mine.end() ? std::string_view(kDefaultFrequency) : std::string_view(it->second)) == period)
          chosen.push_back(&n);
      }
      if (!chosen.empty()) chosen_of.emplace_back(p.user_id, std::move(chosen));
    }
    std::vector<std::int64_t> mailed;
    for (const auto& [uid, chosen] : chosen_of) mailed.push_back(uid);
    auto tokens = store::mail_tokens(*writer, mailed, [] { return random_token(); });
    const auto now = core::now_utc();
    const auto batch = "digest-" + period + "-" + rep.period_key;
    for (const auto& [uid, chosen] : chosen_of) {
      ++rep.people;
      const auto n_chosen = static_cast<std::int64_t>(chosen.size());
      if (!store::record_digest(*writer, uid, period, rep.period_key, n_chosen, now)) {
        ++rep.already;
        continue;
      }
      auto stop = base_url + "/notifications/stop?token=" + tokens[uid] + "&kind=" + period;
      std::string text = std::string(period == "daily" ? "What happened yesterday" : "What happened last week") +
                         " on what you follow:\n\n";
      for (const auto* n : chosen) text += "- " + n->title + "\n  " + base_url + n->href + "\n";
      text += "\n--\nStop this " + period + " digest in one click: " + stop + "\n";
      // And each kind in it on its own: one click stops mail about that kind only.
      std::vector<std::string_view> seen;
      for (const auto* n : chosen) {
        if (std::find(seen.begin(), seen.end(), n->kind) != seen.end() ||
            std::none_of(kinds().begin(), kinds().end(), [&](const Kind& k) { return n->kind == k.key; }))
          continue;
        seen.push_back(n->kind);
        text += "Stop mail about " + kind_label(n->kind) + ": " + base_url +
                "/notifications/stop?token=" + tokens[uid] + "&kind=" + n->kind + "\n";
      }
      text += "Choose how often: " + base_url + "/account/notifications\n";
      core::mail::Message m{emails[uid],
                            std::string(period == "daily" ? "Your daily digest: " : "Your weekly digest: ") +
                                core::count_of(n_chosen, "update"),
                            text, ""};
      m.headers = {{"List-Unsubscribe", "<" + stop + ">"}, {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
      m.batch = batch;
      core::mail::enqueue(*writer, m);
      ++rep.messages;
      rep.entries += n_chosen;
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
