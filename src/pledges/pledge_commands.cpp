// The command of the pledges capability, registered from pledges_module.cpp:
// `goldthread pledges remind [--today YYYY-MM-DD]`, the reminder sweep (run it daily), and the
// seed of the bundled pledges.
#include <iostream>

#include "core/command.hpp"
#include "core/config.hpp"
#include "core/registry.hpp"
#include "pledges/pledge_rules.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::pledges {
namespace {

int remind(core::CommandInput& in) {
  auto today = in.value("--today");
  if (today.empty()) today = today_utc();
  if (!parse_date(today) || today.size() != 10) {
    *in.err << "goldthread: --today must be a date like 2026-12-01\n";
    return 2;
  }
  auto db = in.open_database();
  if (!db) return 1;
  auto r = send_reminders(*db, today, in.config ? in.config->base_url : "http://localhost:8080");
  *in.out << "Reminders for " << today << ": " << r.due_soon << " due soon, " << r.no_recent_update
          << " no recent update, " << r.overdue_update << " overdue for an update; " << r.already_sent
          << " already sent, " << r.no_address << " without an e-mail address\n";
  return 0;
}

}  // namespace

void register_commands(core::Registry& r) {
  r.add_command_group({{"pledges"}, "Pledges and commitments"});
  r.add_command({{"pledges", "remind"},
                 "Mail reminders: 14 days before a commitment is due, and when it goes stale (each once)",
                 {core::CommandArg::option("--today", "The date to sweep for (YYYY-MM-DD; default: today, UTC)")},
                 remind});
  // After the work seed (modules.cpp order): a bundled pledge may name an initiative.
  r.add_seed([](core::Database& db, const std::string& place_file) { return seed_from_place_file(db, place_file); });
}

}  // namespace goldthread::pledges
