// The reminder sweep (`goldthread pledges remind`): a mail 14 days before a commitment's due
// date and one when it goes stale, each exactly once. Each reminder is its own transaction:
// the row in commitment_reminders (primary key = commitment, kind, key), the audit record and
// the message in the outbox commit together or not at all, so a second sweep — or a
// concurrent one on another server — finds the row (or hits the key) and sends nothing.
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "core/mail.hpp"
#include "core/service.hpp"
#include "pledges/commitment_internal.hpp"
#include "pledges/pledge_rules.hpp"
#include "pledges/pledge_store.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::pledges {

namespace {

struct Due {
  std::string kind, key;
};

std::vector<Due> reminders_for(const Commitment& m, const std::string& today) {
  std::vector<Due> out;
  if (due_soon(m.due_on, today, m.status)) out.push_back({"due-soon", m.due_on});
  auto s = staleness_of(m.last_update_at, today, m.status);
  if (s != Staleness::fresh) out.push_back({staleness_code(s), m.last_update_at});
  return out;
}

core::mail::Message message(const Commitment& m, const Due& d, const std::string& to, const std::string& base_url) {
  const std::string what = m.kind == "pledge" ? "pledge" : "commitment";
  std::string subject, why;
  if (d.kind == "due-soon") {
    subject = "Your " + what + " is due on " + long_date(m.due_on);
    why = "Your " + what + " is due on " + long_date(m.due_on) + ".";
  } else if (d.kind == "no-recent-update") {
    subject = "Your " + what + " has had no update for 3 months";
    why = "There has been no progress update on your " + what + " since " + long_date(m.last_update_at) +
          ". Partners review progress at every assembly, twice a year.";
  } else {
    subject = "Your " + what + " is overdue for an update";
    why = "There has been no progress update on your " + what + " since " + long_date(m.last_update_at) +
          ", more than 6 months ago.";
  }
  std::string text = "Hello " + m.owner_name + ",\n\n" + why + "\n\n\"" + m.text +
                     "\"\n\nStatus: " + completion_label(m.status) +
                     "\n\nAdd a progress update (say how far it has got, or that it is "
                     "complete with the evidence):\n" +
                     base_url + m.href + "\n";
  return {to, subject, text, ""};
}

}  // namespace

ReminderReport send_reminders(core::Database& db, const std::string& today, const std::string& base_url) {
  ReminderReport rep;
  std::vector<Commitment> open;
  std::map<std::int64_t, std::string> emails;
  {
    auto conn = db.acquire();
    open = store::open_with_owner(*conn);
    std::vector<std::int64_t> owners;
    for (const auto& m : open) owners.push_back(m.owner_user_id);
    emails = accounts::emails_of(*conn, owners);
  }
  const core::audit::Actor system;
  for (const auto& m : open)
    for (const auto& d : reminders_for(m, today)) {
      auto to = emails.find(m.owner_user_id);
      if (to == emails.end()) {
        ++rep.no_address;
        continue;
      }
      auto r = core::transact<bool>(db, "already sent", [&](core::Connection& c) -> core::Result<bool> {
        if (store::reminder_sent(c, m.id, d.kind, d.key)) return false;
        store::record_reminder(c, m.id, d.kind, d.key, core::now_utc());
        // The audit record also moves the data version, so cached pages show the new staleness.
        core::audit::record(c, system,
                            {"remind", m.kind, std::to_string(m.id), "",
                             core::audit::to_text({{"reminder", d.kind}, {"key", d.key}, {"today", today}})});
        core::mail::enqueue(c, message(m, d, to->second, base_url));
        return true;
      });
      if (!r || !*r) {
        ++rep.already_sent;
        continue;
      }
      if (d.kind == "due-soon")
        ++rep.due_soon;
      else if (d.kind == "no-recent-update")
        ++rep.no_recent_update;
      else
        ++rep.overdue_update;
    }
  return rep;
}

}  // namespace goldthread::pledges
