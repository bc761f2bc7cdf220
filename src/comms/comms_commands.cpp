// The comms commands: `goldthread comms digest daily|weekly [--today YYYY-MM-DD]` (run daily and
// weekly from cron; idempotent) and `goldthread comms progress ISSUE` (a newsletter's sending).
#include <iostream>

#include "comms/comms_handlers.hpp"
#include "core/command.hpp"
#include "core/config.hpp"
#include "core/mail.hpp"
#include "core/registry.hpp"
#include "core/text.hpp"

namespace goldthread::comms {
namespace {

std::string today_utc() {
  return core::now_utc().substr(0, 10);
}

int digest(core::CommandInput& in) {
  auto period = in.value("PERIOD");
  auto today = in.value("--today");
  if (today.empty()) today = today_utc();
  auto db = in.open_database();
  if (!db) return 1;
  auto r = run_digest(*db, in.config ? in.config->base_url : "http://localhost:8080", period, today);
  if (!r) {
    *in.err << "goldthread: " << r.error().message << "\n";
    return 2;
  }
  *in.out << "Digest " << period << " " << r->period_key << " (" << r->from << " to " << r->to
          << "): " << core::count_of(r->messages, "message") << " queued with " << core::count_of(r->entries, "update")
          << "; " << r->already << " already sent\n";
  return 0;
}

int progress(core::CommandInput& in) {
  auto id = core::parse_id(in.value("ISSUE"));
  if (!id) {
    *in.err << "goldthread: ISSUE must be an issue's number\n";
    return 2;
  }
  auto db = in.open_database();
  if (!db) return 1;
  auto conn = db->acquire();
  auto i = store::find_issue(*conn, *id);
  if (!i) {
    *in.err << "goldthread: there is no issue " << *id << "\n";
    return 1;
  }
  auto p = core::mail::batch_progress(*conn, issue_batch(*id));
  *in.out << "Issue " << *id << " (" << i->status << "): " << p.sent << " of " << p.total() << " sent, "
          << p.queued + p.sending << " waiting, " << p.dead << " failed\n";
  return 0;
}

}  // namespace

void register_commands(core::Registry& r) {
  r.add_command_group({{"comms"}, "Newsletter, notifications and digests"});
  r.add_command({{"comms", "digest"},
                 "Mail each person's digest of the last day or week (at most one each per period)",
                 {core::CommandArg::positional("PERIOD", "daily or weekly"),
                  core::CommandArg::option("--today", "The date to run for (YYYY-MM-DD; default: today, UTC)")},
                 digest});
  r.add_command({{"comms", "progress"},
                 "How far the sending of a newsletter issue has got",
                 {core::CommandArg::positional("ISSUE", "The issue's number")},
                 progress});
}

}  // namespace goldthread::comms
