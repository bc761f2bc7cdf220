#pragma once
// The assemblies capability: events (assemblies, workshops, webinars, debates) with their
// agenda, series, organisers and ambitions; registration with a waiting list and
// time-limited offers; attendee lists, check-in and iCalendar. Other capabilities include
// only this header.
//
// Tables: events, event_ambitions, event_organisers, agenda_items, registrations,
// solution_rooms, room_signups, room_advice, room_next_steps, next_step_reviews (migrations/). Times are stored as
// ISO-8601 UTC text and shown in Europe/London.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/auth.hpp"
#include "core/result.hpp"
#include "core/storage.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::core {
class Registry;
}

namespace goldthread::assemblies {

using Clock = std::chrono::system_clock;

// Field limits in characters (docs/LIMITS.md).
inline constexpr std::size_t kMaxTitle = 200;
inline constexpr std::size_t kMaxSummary = 5000;
inline constexpr std::size_t kMaxSeries = 100;
inline constexpr std::size_t kMaxVenue = 200;
inline constexpr std::size_t kMaxAddress = 500;
inline constexpr std::size_t kMaxAccessibility = 2000;
inline constexpr std::size_t kMaxUrl = 2000;
inline constexpr std::size_t kMaxOutcome = 10000;
inline constexpr std::size_t kMaxAgendaLines = 60;
inline constexpr std::size_t kMaxAgendaLine = 2000;
inline constexpr std::size_t kMaxNeeds = 1000;
inline constexpr std::int64_t kMaxCapacity = 100000;
inline constexpr std::size_t kMaxOrganisers = 50;
// How long a place offered from the waiting list is held.
inline constexpr std::chrono::hours kOfferHold{48};

// assembly | workshop | webinar | debate, with their labels.
const std::vector<std::pair<std::string, std::string>>& event_kinds();

struct AgendaItem {
  std::string time;  // "HH:MM" in Europe/London, or ""
  std::string title, speakers, link;
};

struct Event {
  std::int64_t id = 0, place_id = 0;
  std::string slug, kind, title, summary, series;
  std::string starts_at, ends_at;  // UTC, "2018-09-04T12:00:00Z"
  std::string venue_name, venue_address, accessibility;
  std::string online_url;  // shown only to people with a confirmed place
  std::int64_t capacity = 0;
  std::string registration_opens_at, registration_closes_at;  // UTC or "" (open until the start)
  std::string outcome_summary;                                // published afterwards
  bool is_example = false;
  std::int64_t sequence = 0;  // iCalendar SEQUENCE: bumped on every change
  std::string created_at, updated_at;
  std::vector<std::int64_t> ambition_ids, organiser_ids;
  std::vector<AgendaItem> agenda;
};

// What a form (or the seed) gives: dates and times in Europe/London.
struct EventInput {
  std::string kind, title, summary, series;
  std::string date, start_time, end_time;  // "YYYY-MM-DD", "HH:MM", "HH:MM" (same day)
  std::string venue_name, venue_address, accessibility, online_url;
  std::int64_t capacity = 0;
  std::string registration_opens, registration_closes;  // dates or "": from 00:00 / until 23:59
  std::string outcome_summary;
  bool is_example = false;
  std::vector<std::string> ambitions;       // ambition slugs of the place
  std::vector<std::int64_t> organiser_ids;  // organisations
  std::vector<std::string> agenda;          // lines "13:00 | Title | Speakers | https://…"
};

enum class Status { confirmed, waiting, offered, cancelled, left, declined, expired };
const char* status_name(Status s);
bool parse_status(const std::string& s, Status& out);

struct Registration {
  std::int64_t id = 0, event_id = 0, user_id = 0, organisation_id = 0;
  std::string person_name, organisation_name;  // filled by list functions
  std::string access_needs, dietary_needs;
  std::string status;            // status_name
  std::int64_t position = 0;     // arrival order (the waiting list's order)
  std::string offer_expires_at;  // UTC, for offered
  std::string attended_at;       // UTC or ""
  std::string created_at;
};

struct RegistrationInput {
  std::int64_t organisation_id = 0;  // 0: for themselves; else one of their organisations
  std::string access_needs, dietary_needs;
};

// Who is asking from where: the request id for the audit trail, the public address for
// links in e-mail.
struct Origin {
  std::string request_id;
  std::string base_url = "http://localhost:8080";
};

// --- Reading -------------------------------------------------------------------------------
std::optional<Event> try_find_event(core::Connection& c, std::int64_t id);
std::optional<Event> try_find_event_by_slug(core::Connection& c, const std::string& slug);
struct EventPage {
  std::vector<Event> events;
  std::int64_t total = 0;
};
// Upcoming (ends after now, soonest first) or past (newest first).
EventPage list_events(core::Connection& c, bool upcoming, const std::string& now, int page, int per_page);
// The events before and after this one in its series (nullopt at either end or without one).
std::optional<Event> previous_in_series(core::Connection& c, const Event& e);
std::optional<Event> next_in_series(core::Connection& c, const Event& e);
std::optional<Registration> try_find_registration(core::Connection& c, std::int64_t event_id, std::int64_t user_id);
// A person's registrations that are still live (confirmed, waiting, offered), soonest first.
std::vector<std::pair<Event, Registration>> registrations_of(core::Connection& c, std::int64_t user_id);
// Every registration of the event with names, in arrival order.
std::vector<Registration> attendees(core::Connection& c, std::int64_t event_id);
struct Counts {
  std::int64_t confirmed = 0, waiting = 0, offered = 0, attended = 0;
};
// Offers whose time is up no longer hold a place (they are passed on at the next write).
Counts counts(core::Connection& c, std::int64_t event_id, const std::string& now);

// Events at which someone registered for the organisation was checked in, newest first, with
// how many of its people attended each.
std::vector<std::pair<Event, std::int64_t>> events_attended_by(core::Connection& c, std::int64_t organisation_id);

// True for place admins and members of one of the event's organising organisations.
bool may_organise(const core::Principal& p, const Event& e);

// --- Writing (services: each owns its transaction and audits in it) ------------------------
core::Result<Event> create_event(core::Database& db, const core::Principal& who, const Origin& from,
                                 const EventInput& in);
core::Result<Event> update_event(core::Database& db, const core::Principal& who, const Origin& from,
                                 std::int64_t event_id, const EventInput& in);
// Importers and seeds (inside the caller's transaction; no permission check).
core::Result<Event> upsert_event_in(core::Connection& c, const core::audit::Actor& actor, const std::string& slug,
                                    const EventInput& in);
std::vector<core::FieldError> validate_event(const EventInput& in);

// Registers `who`: confirmed while there is room, otherwise on the waiting list, in the
// order the event's row lock was granted (never more confirmed places than the capacity,
// on either engine). Errors: not_found, conflict (already registered, registration closed),
// invalid (an organisation they do not belong to, needs too long).
core::Result<Registration> register_for_event(core::Database& db, const core::Principal& who, const Origin& from,
                                              std::int64_t event_id, const RegistrationInput& in,
                                              Clock::time_point now = Clock::now());
// Withdraws: a confirmed place is cancelled (and offered to the first person waiting), a
// waiting-list entry is left, an offer is declined (and passed on).
core::Result<Registration> cancel_registration(core::Database& db, const core::Principal& who, const Origin& from,
                                               std::int64_t event_id, Clock::time_point now = Clock::now());
// Accepts a live offer: the place is confirmed. conflict when there is none or it expired.
core::Result<Registration> accept_offer(core::Database& db, const core::Principal& who, const Origin& from,
                                        std::int64_t event_id, Clock::time_point now = Clock::now());
// Marks attendance (organisers only). Idempotent: marking twice, or by two organisers at the
// same moment, records one time and one audit record.
core::Result<Registration> mark_attended(core::Database& db, const core::Principal& who, const Origin& from,
                                         std::int64_t event_id, std::int64_t registration_id,
                                         Clock::time_point now = Clock::now());
// Passes on every expired offer of every event (run by `goldthread assemblies sweep-offers`
// from cron; writes also do it lazily for their event). Returns how many offers expired.
core::Result<int> sweep_offers(core::Database& db, const Origin& from, Clock::time_point now = Clock::now());

// --- Times and iCalendar ------------------------------------------------------------------
// UTC ISO text → Europe/London parts: date "2018-09-04", time "13:00", abbreviation "BST".
struct LondonTime {
  std::string date, time, zone, long_date;  // long_date: "Tuesday 4 September 2018"
};
LondonTime london(const std::string& utc_iso);
// Europe/London date + "HH:MM" → UTC ISO; error text for a time that does not exist there
// (the hour the clocks go forward) or malformed input. Ambiguous times take the first (BST).
core::Result<std::string> london_to_utc(const std::string& date, const std::string& hhmm);
std::string format_utc(Clock::time_point t);  // "2026-12-01T10:00:00Z"
// One VEVENT calendar, or a feed of several (RFC 5545: CRLF, folded at 75 octets, VTIMEZONE
// Europe/London, stable UID, SEQUENCE). show_online: include the online link.
std::string ics_calendar(const std::vector<Event>& events, const std::string& base_url, bool show_online,
                         const std::string& calendar_name);

// --- Solution rooms (room_service.cpp, room_store.cpp) -------------------------------------
inline constexpr std::size_t kMaxRoomTitle = 200;
inline constexpr std::size_t kMaxFacilitator = 200;
inline constexpr std::size_t kMaxBrief = 20000;
inline constexpr std::size_t kMaxAdvice = 2000;
inline constexpr std::size_t kMaxOwnerName = 200;
inline constexpr std::int64_t kMaxRoomCapacity = 1000;
// Next steps are commitments of this kind (pledges.hpp), on its scale: not-started,
// in-progress, done, dropped.
inline constexpr const char* kNextStepKind = "next-step";

struct Room {
  std::int64_t id = 0, event_id = 0;
  std::string slug, title;
  std::int64_t host_organisation_id = 0;  // 0: hosted by the event's organisers
  std::string facilitator;
  std::string brief, brief_html;  // Markdown and its sanitised HTML (rendered when saved)
  std::int64_t ambition_id = 0, initiative_id = 0;
  std::int64_t capacity = 0;  // 0: no limit
  std::int64_t signed_up = 0;
  std::string created_at, updated_at;
};

struct RoomInput {
  std::string title, facilitator, brief;
  std::int64_t host_organisation_id = 0;
  std::string ambition;    // an ambition slug of the place, or ""
  std::string initiative;  // an initiative slug of the place, or ""
  std::int64_t capacity = 0;
};

struct Advice {
  std::int64_t id = 0, room_id = 0, author_user_id = 0;
  std::string author_name, body;
  bool hidden = false;
  std::string created_at;
};

struct NextStepInput {
  std::string text;
  std::int64_t owner_user_id = 0;  // someone signed up to the room, or 0
  std::string owner_name;          // for an owner without an account here
  std::int64_t organisation_id = 0;
  std::string due_on;
};

std::vector<Room> rooms_of(core::Connection& c, std::int64_t event_id);
std::optional<Room> try_find_room(core::Connection& c, std::int64_t event_id, const std::string& slug);
// A room as another capability links to it (a pledge made in a room, issue 11.5): its event
// and place, its title and its page.
struct RoomRef {
  std::int64_t id = 0, event_id = 0, place_id = 0;
  std::string title, href;  // href: "/events/{event}/rooms/{room}"
};
// Several rooms by id (one query); unknown ids are absent.
std::vector<RoomRef> room_refs(core::Connection& c, const std::vector<std::int64_t>& ids);
// The room's advice, oldest first; hidden advice only when asked (for its host).
std::vector<Advice> advice_of(core::Connection& c, std::int64_t room_id, bool with_hidden);
// User ids signed up to the room, in sign-up order.
std::vector<std::int64_t> room_members(core::Connection& c, std::int64_t room_id);
// The room's next steps (commitments), oldest first.
std::vector<pledges::Commitment> next_steps_of(core::Connection& c, std::int64_t room_id);
// Event organisers, site admins and members of the room's host organisation.
bool may_host(const core::Principal& p, const Event& e, const Room& r);

core::Result<Room> create_room(core::Database& db, const core::Principal& who, const Origin& from,
                               std::int64_t event_id, const RoomInput& in);
// Inside the caller's transaction (the seed): by (event, slug), audited when created or changed.
core::Result<Room> upsert_room_in(core::Connection& c, const core::audit::Actor& actor, const Event& e,
                                  const std::string& slug, const RoomInput& in);
std::vector<core::FieldError> validate_room(const RoomInput& in);
// Signs up (under the room's row lock: never more than its capacity). conflict when full or
// already signed up.
core::Status sign_up_for_room(core::Database& db, const core::Principal& who, const Origin& from, std::int64_t room_id);
core::Status leave_room(core::Database& db, const core::Principal& who, const Origin& from, std::int64_t room_id);
// Peer advice before and during the event (conflict once it has ended), attributed.
core::Result<Advice> post_advice(core::Database& db, const core::Principal& who, const Origin& from,
                                 std::int64_t room_id, const std::string& body);
// The host hides or restores advice (audited).
core::Result<Advice> moderate_advice(core::Database& db, const core::Principal& who, const Origin& from,
                                     std::int64_t room_id, std::int64_t advice_id, bool hide);
// The host records an agreed next step: a commitment of kind "next-step" made in the same
// transaction (pledges::create_commitment_in), linked to the room; the owner is mailed.
core::Result<pledges::Commitment> add_next_step(core::Database& db, const core::Principal& who, const Origin& from,
                                                std::int64_t room_id, const NextStepInput& in);
// A dated progress update (append-only) by the owner, a member of the owning organisation,
// or the room's host.
core::Result<pledges::ProgressUpdate> update_next_step(core::Database& db, const core::Principal& who,
                                                       const Origin& from, std::int64_t room_id,
                                                       std::int64_t commitment_id, const pledges::ProgressInput& in);

// --- Carried forward ----------------------------------------------------------------------
// Every open next step of the previous event in the series, with its room, its latest update
// and whether this event has reviewed it; then every open pledge made at that event (issue
// 11.7; step.kind "pledge", no room), the same way.
struct CarriedForward {
  pledges::Commitment step;
  Room room;  // id 0 for a pledge
  std::optional<pledges::ProgressUpdate> latest;
  std::string reviewed_at;  // "" when not yet reviewed at this event
};
std::vector<CarriedForward> carried_forward(core::Connection& c, const Event& e);
// An organiser of this event marks a carried-forward next step or pledge reviewed (idempotent).
core::Status mark_reviewed(core::Database& db, const core::Principal& who, const Origin& from, std::int64_t event_id,
                           std::int64_t commitment_id);

// Routes, migrations, navigation and the account page's section.
void register_module(core::Registry& registry);
// Loads the bundled events beside a place file (<place>-events.json); idempotent by slug.
struct SeedCounts {
  int created = 0, updated = 0, unchanged = 0;
};
core::Result<SeedCounts> seed_events(core::Database& db, const std::string& place_file);

}  // namespace goldthread::assemblies
