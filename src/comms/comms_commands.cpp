// The comms commands: `goldthread comms digest daily|weekly [--today YYYY-MM-DD]` (run daily and
// weekly from cron; idempotent), `goldthread comms progress ISSUE` (a newsletter's sending),
// `goldthread comms send ISSUE [--segment S]` (queue an issue in batches of 500, printing
// progress, as the admin's Send button does; on an issue part-sent it resumes)
// and `goldthread comms deliver` (deliver everything due in the outbox now, then stop: for a
// server run without the background sender, and for bench/comms/).
#include <chrono>
#include <iostream>

#include "comms/comms_handlers.hpp"
#include "comms/comms_service.hpp"
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
  *in.out << "Issue " << *id << " (" << i->status << "): queued " << i->queued << " of " << i->recipients << "; "
          << p.sent << " of " << p.total() << " sent, " << p.queued + p.sending << " waiting, " << p.dead
          << " failed\n";
  return 0;
}

int send(core::CommandInput& in) {
  auto id = core::parse_id(in.value("ISSUE"));
  if (!id) {
    *in.err << "goldthread: ISSUE must be an issue's number\n";
    return 2;
  }
  auto db = in.open_database();
  if (!db) return 1;
  const auto started = std::chrono::steady_clock::now();
  SendLimits limits;
  // Progress every 20 batches (10,000 messages) and at the end.
  std::int64_t batches = 0;
  limits.on_batch = [&](const Issue& i) {
    if (++batches % 20 == 0 || i.queued == i.recipients)
      *in.out << "Queued " << core::with_commas(static_cast<std::size_t>(i.queued)) << " of "
              << core::with_commas(static_cast<std::size_t>(i.recipients)) << "\n"
              << std::flush;
  };
  auto r = send_issue(*db, core::audit::Actor{}, {"cli", in.config ? in.config->base_url : "http://localhost:8080"},
                      *id, in.value("--segment"), limits);
  if (!r) {
    *in.err << "goldthread: " << r.error().message << "\n";
    return 1;
  }
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  *in.out << "Issue " << *id << " (" << r->status << ") queued for " << core::count_of(r->queued, "subscriber")
          << " in " << ms << " ms\n";
  return r->status == "sent" ? 0 : 1;
}

int deliver(core::CommandInput& in) {
  if (!in.config) return 1;
  auto smtp = core::mail::smtp_config(*in.config);
  if (!smtp.configured()) {
    *in.err << "goldthread: set GOLDTHREAD_SMTP_HOST to deliver mail\n";
    return 2;
  }
  if (auto problem = core::mail::check(smtp); !problem.empty()) {
    *in.err << "goldthread: " << problem << "\n";
    return 2;
  }
  auto db = in.open_database();
  if (!db) return 1;
  core::mail::Sender sender(*db, smtp);
  const auto started = std::chrono::steady_clock::now();
  std::int64_t attempted = 0;
  for (int n = sender.run_once(); n > 0; n = sender.run_once()) attempted += n;
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  *in.out << core::count_of(attempted, "message") << " attempted in " << s << " s ("
          << (s > 0 ? static_cast<std::int64_t>(static_cast<double>(attempted) / s) : 0) << " a second)\n";
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
  r.add_command({{"comms", "send"},
                 "Queue a newsletter issue for every confirmed subscriber (or one segment), or finish one part-sent",
                 {core::CommandArg::positional("ISSUE", "The issue's number"),
                  core::CommandArg::option("--segment", "Only subscribers with this interest, e.g. ambition:3")},
                 send});
  r.add_command({{"comms", "deliver"},
                 "Deliver every message due in the outbox now, then stop (needs GOLDTHREAD_SMTP_HOST)",
                 {},
                 deliver});
}

}  // namespace goldthread::comms
