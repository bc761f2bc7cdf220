// Registration: places, the waiting list and offers, under the event's lock. Every write
// first takes the lock (store::lock_event), then passes on expired offers, then acts: so two
// registrations for the last place are serialised on both engines and the waiting list keeps
// the order in which the lock was granted.
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_service.hpp"
#include "assemblies/assemblies_store.hpp"
#include "assemblies/event_time.hpp"
#include "core/mail.hpp"
#include "core/notifications.hpp"
#include "core/service.hpp"
#include "core/text.hpp"

namespace goldthread::assemblies {
using nlohmann::json;

namespace {

constexpr const char* kBusy = "Someone else changed this registration at the same moment. Try again.";

std::string reg_json(const Registration& r) {
  return core::audit::to_text({{"event_id", r.event_id},
                               {"user_id", r.user_id},
                               {"organisation_id", r.organisation_id},
                               {"status", r.status},
                               {"position", r.position},
                               {"offer_expires_at", r.offer_expires_at},
                               {"attended_at", r.attended_at}});
}

void audit_change(core::Connection& c, const core::audit::Actor& actor, const std::string& action,
                  const Registration& before, const Registration& after) {
  core::audit::record(c, actor, {action, "registration", std::to_string(after.id), reg_json(before), reg_json(after)});
}

std::string when_text(const Event& e) {
  auto l = london(e.starts_at);
  return l.long_date + ", " + twelve_hour(l.time);
}

void tell(core::Connection& c, std::int64_t user_id, const std::string& subject, const std::string& text) {
  auto people = accounts::people_by_id(c, {user_id});
  auto p = people.find(user_id);
  if (p == people.end() || p->second.email.empty()) return;
  core::mail::enqueue(c, {p->second.email, subject, "Dear " + p->second.name + ",\n\n" + text, ""});
}

// The event locked for this transaction, or the error to return.
struct Locked {
  Event event;
  std::int64_t position = 0, capacity = 0;
};
core::Result<Locked> lock(core::Connection& c, std::int64_t event_id) {
  auto l = store::lock_event(c, event_id);
  auto e = l ? try_find_event(c, event_id) : std::nullopt;
  if (!e) return core::Error::not_found("There is no event at this address.");
  return Locked{std::move(*e), l->next_position, l->capacity};
}

core::audit::Actor actor_for(const core::Principal& who, std::int64_t org, const Origin& from) {
  return core::audit::Actor::from(who, org, from.request_id);
}

}  // namespace

const char* status_name(Status s) {
  switch (s) {
    case Status::confirmed:
      return "confirmed";
    case Status::waiting:
      return "waiting";
    case Status::offered:
      return "offered";
    case Status::cancelled:
      return "cancelled";
    case Status::left:
      return "left";
    case Status::declined:
      return "declined";
    case Status::expired:
      return "expired";
  }
  return "cancelled";
}

bool parse_status(const std::string& s, Status& out) {
  for (auto st : {Status::confirmed, Status::waiting, Status::offered, Status::cancelled, Status::left,
                  Status::declined, Status::expired})
    if (s == status_name(st)) {
      out = st;
      return true;
    }
  return false;
}

void pass_on_places(core::Connection& c, const core::audit::Actor& actor, const Event& e, std::int64_t capacity,
                    Clock::time_point now, const Origin& from) {
  const auto now_s = format_utc(now);
  const auto link = from.base_url + "/events/" + e.slug;
  for (const auto& r : store::expired_offers(c, e.id, now_s)) {
    auto after = r;
    after.status = "expired";
    store::set_status(c, r.id, after.status, r.offer_expires_at);
    audit_change(c, actor, "expire", r, after);
    tell(c, r.user_id, "Your offer of a place at " + e.title + " has expired",
         "The place we offered you at " + e.title +
             " was not accepted in time, so it has gone to the next person "
             "waiting.\n\nYou can register again at " +
             link + "\n");
  }
  auto held = store::held_places(c, e.id, now_s);
  while (held < capacity) {
    auto next = store::first_waiting(c, e.id);
    if (!next) break;
    auto after = *next;
    after.status = "offered";
    after.offer_expires_at = format_utc(now + kOfferHold);
    store::set_status(c, next->id, after.status, after.offer_expires_at);
    audit_change(c, actor, "offer", *next, after);
    core::notifications::publish(c, {"event",
                                     e.id,
                                     "place-offered",
                                     "A place is free for you at " + e.title,
                                     "/events/" + e.slug,
                                     false,
                                     "",
                                     {},
                                     {},
                                     0,
                                     {next->user_id},
                                     false});
    auto until = london(after.offer_expires_at);
    tell(c, next->user_id, "A place is free at " + e.title + ": accept it by " + until.long_date,
         "A place has become free at " + e.title + " (" + when_text(e) +
             ") and you are first on the waiting list.\n\n"
             "We are holding it for you until " +
             twelve_hour(until.time) + " on " + until.long_date +
             ". Accept or "
             "decline it at " +
             link + "\n\nIf you do nothing, the place goes to the next person waiting.\n");
    ++held;
  }
}

core::Result<Registration> register_for_event(core::Database& db, const core::Principal& who, const Origin& from,
                                              std::int64_t event_id, const RegistrationInput& in,
                                              Clock::time_point now) {
  if (!who.signed_in()) return core::Error::forbidden("Sign in to register.");
  std::vector<core::FieldError> errors;
  if (in.organisation_id != 0 &&
      std::none_of(who.memberships.begin(), who.memberships.end(),
                   [&](const core::Membership& m) { return m.organisation_id == in.organisation_id; }))
    errors.push_back({"acting_for", "Choose yourself or an organisation you belong to"});
  if (core::utf8_length(in.access_needs) > kMaxNeeds)
    errors.push_back({"access_needs", "Access needs must be 1,000 characters or fewer"});
  if (core::utf8_length(in.dietary_needs) > kMaxNeeds)
    errors.push_back({"dietary_needs", "Dietary needs must be 1,000 characters or fewer"});
  if (!errors.empty()) return core::Error::invalid("Check your registration", errors);
  return core::transact<Registration>(db, kBusy, [&](core::Connection& c) -> core::Result<Registration> {
    auto l = lock(c, event_id);
    if (!l) return l.error();
    const auto& e = l->event;
    const auto now_s = format_utc(now);
    if (e.starts_at <= now_s || (!e.registration_closes_at.empty() && e.registration_closes_at < now_s))
      return core::Error::conflict("Registration for this event has closed.");
    if (!e.registration_opens_at.empty() && now_s < e.registration_opens_at)
      return core::Error::conflict("Registration for this event opens on " + london(e.registration_opens_at).long_date +
                                   ".");
    auto actor = actor_for(who, in.organisation_id, from);
    pass_on_places(c, actor, e, l->capacity, now, from);
    auto existing = try_find_registration(c, event_id, who.user_id);
    if (existing && (existing->status == "confirmed" || existing->status == "waiting" || existing->status == "offered"))
      return core::Error::conflict("You are already registered for this event.");
    Registration r;
    r.event_id = event_id;
    r.user_id = who.user_id;
    r.organisation_id = in.organisation_id;
    r.access_needs = in.access_needs;
    r.dietary_needs = in.dietary_needs;
    r.position = l->position;
    r.created_at = now_s;
    // pass_on_places has offered every free place to the people waiting, so a free place
    // now means nobody is waiting: first come, first served.
    r.status = store::held_places(c, event_id, now_s) < l->capacity ? "confirmed" : "waiting";
    if (existing) {
      r.id = existing->id;
      store::rejoin(c, r.id, r);
      audit_change(c, actor, "register", *existing, r);
    } else {
      r.id = store::insert_registration(c, r);
      core::audit::record(c, actor, {"register", "registration", std::to_string(r.id), "", reg_json(r)});
    }
    if (r.status == "confirmed")
      tell(c, who.user_id, "You are registered for " + e.title,
           "Your place at " + e.title + " (" + when_text(e) +
               ") is confirmed.\n\nDetails, and a calendar file: " + from.base_url + "/events/" + e.slug + "\n");
    else
      tell(c, who.user_id, "You are on the waiting list for " + e.title,
           e.title +
               " is full, so you are on the waiting list. If a place becomes free we will e-mail you an offer, "
               "held for 48 hours.\n\n" +
               from.base_url + "/events/" + e.slug + "\n");
    return r;
  });
}

core::Result<Registration> cancel_registration(core::Database& db, const core::Principal& who, const Origin& from,
                                               std::int64_t event_id, Clock::time_point now) {
  return core::transact<Registration>(db, kBusy, [&](core::Connection& c) -> core::Result<Registration> {
    auto l = lock(c, event_id);
    if (!l) return l.error();
    auto actor = actor_for(who, 0, from);
    pass_on_places(c, actor, l->event, l->capacity, now, from);
    auto r = try_find_registration(c, event_id, who.user_id);
    if (!r || (r->status != "confirmed" && r->status != "waiting" && r->status != "offered"))
      return core::Error::conflict("You are not registered for this event.");
    auto after = *r;
    const std::string action = r->status == "confirmed" ? "cancel" : r->status == "waiting" ? "leave" : "decline";
    after.status = r->status == "confirmed" ? "cancelled" : r->status == "waiting" ? "left" : "declined";
    after.offer_expires_at = "";
    store::set_status(c, r->id, after.status, "");
    audit_change(c, actor, action, *r, after);
    // The place this frees (a confirmed one, or an offer) goes to the next person waiting.
    pass_on_places(c, actor, l->event, l->capacity, now, from);
    return after;
  });
}

core::Result<Registration> accept_offer(core::Database& db, const core::Principal& who, const Origin& from,
                                        std::int64_t event_id, Clock::time_point now) {
  return core::transact<Registration>(db, kBusy, [&](core::Connection& c) -> core::Result<Registration> {
    auto l = lock(c, event_id);
    if (!l) return l.error();
    auto actor = actor_for(who, 0, from);
    pass_on_places(c, actor, l->event, l->capacity, now, from);
    auto r = try_find_registration(c, event_id, who.user_id);
    if (r && r->status == "expired")
      return core::Error::conflict("Your offer has expired: the place went to the next person waiting.");
    if (!r || r->status != "offered") return core::Error::conflict("You have no offer of a place at this event.");
    auto after = *r;
    after.status = "confirmed";
    after.offer_expires_at = "";
    store::set_status(c, r->id, after.status, "");
    audit_change(c, actor, "accept", *r, after);
    tell(c, who.user_id, "You are registered for " + l->event.title,
         "You accepted the place at " + l->event.title + " (" + when_text(l->event) + "). It is confirmed.\n\n" +
             from.base_url + "/events/" + l->event.slug + "\n");
    return after;
  });
}

core::Result<Registration> mark_attended(core::Database& db, const core::Principal& who, const Origin& from,
                                         std::int64_t event_id, std::int64_t registration_id, Clock::time_point now) {
  return core::transact<Registration>(db, kBusy, [&](core::Connection& c) -> core::Result<Registration> {
    auto e = try_find_event(c, event_id);
    if (!e) return core::Error::not_found("There is no event at this address.");
    if (!may_organise(who, *e)) return core::Error::forbidden("Only the event's organisers can check people in.");
    auto r = store::find_registration(c, registration_id);
    if (!r || r->event_id != event_id) return core::Error::not_found("There is no such registration for this event.");
    if (r->status != "confirmed") return core::Error::conflict("Only people with a confirmed place can be checked in.");
    // A conditional update: of two organisers marking at once, one sets the time and audits;
    // the other sees it already set and changes nothing.
    auto after = *r;
    if (store::set_attended(c, r->id, format_utc(now))) {
      after = *store::find_registration(c, r->id);
      audit_change(c, actor_for(who, 0, from), "attend", *r, after);
    } else if (r->attended_at.empty()) {
      after = *store::find_registration(c, r->id);
    }
    return after;
  });
}

core::Result<int> sweep_offers(core::Database& db, const Origin& from, Clock::time_point now) {
  std::vector<std::int64_t> events;
  {
    auto conn = db.acquire();
    events = store::events_with_expired_offers(*conn, format_utc(now));
  }
  int expired = 0;
  for (auto id : events) {
    auto r = core::transact<int>(db, kBusy, [&](core::Connection& c) -> core::Result<int> {
      auto l = lock(c, id);
      if (!l) return 0;
      int n = int(store::expired_offers(c, id, format_utc(now)).size());
      pass_on_places(c, core::audit::Actor{}, l->event, l->capacity, now, from);
      return n;
    });
    if (!r) return r.error();
    expired += *r;
  }
  return expired;
}

}  // namespace goldthread::assemblies
