// Solution rooms: creating them (the brief's Markdown rendered and sanitised once, when saved),
// sign-up under the room's row lock, peer advice and its moderation. Each write is one
// transaction with its audit record.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_store.hpp"
#include "assemblies/event_time.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "work/work.hpp"

namespace goldthread::assemblies {
using nlohmann::json;

namespace {

constexpr const char* kSameRoom = "This solution room was changed by someone else at the same moment. Try again.";

std::string room_audit_json(const Room& r) {
  return core::audit::to_text({{"event_id", r.event_id},
                               {"slug", r.slug},
                               {"title", r.title},
                               {"host_organisation_id", r.host_organisation_id},
                               {"facilitator", r.facilitator},
                               {"brief", r.brief},
                               {"ambition_id", r.ambition_id},
                               {"initiative_id", r.initiative_id},
                               {"capacity", r.capacity}});
}

std::string advice_audit_json(const Advice& a) {
  return core::audit::to_text({{"room_id", a.room_id},
                               {"author_user_id", a.author_user_id},
                               {"author_name", a.author_name},
                               {"body", a.body},
                               {"hidden", a.hidden}});
}

bool is_member_of(const core::Principal& p, std::int64_t org) {
  return org && std::any_of(p.memberships.begin(), p.memberships.end(),
                            [&](const core::Membership& m) { return m.organisation_id == org; });
}

// The room's fields from the input, with references resolved through places, work, partners.
core::Result<Room> build(core::Connection& c, const Event& e, const RoomInput& in) {
  auto errors = validate_room(in);
  Room r;
  r.event_id = e.id;
  r.title = in.title;
  r.facilitator = in.facilitator;
  r.brief = in.brief;
  r.capacity = in.capacity;
  r.host_organisation_id = in.host_organisation_id;
  if (in.host_organisation_id && !partners::try_find_organisation(c, in.host_organisation_id))
    errors.push_back({"host_organisation_id", "Select the host organisation from the list"});
  if (!in.ambition.empty()) {
    auto a = places::try_find_ambition(c, e.place_id, in.ambition);
    if (a)
      r.ambition_id = a->id;
    else
      errors.push_back({"ambition", "Select an ambition from the list"});
  }
  if (!in.initiative.empty()) {
    auto i = work::try_find_initiative(c, e.place_id, in.initiative);
    if (i)
      r.initiative_id = i->id;
    else
      errors.push_back({"initiative", "Enter the address name of an initiative on this site, or leave it blank"});
  }
  if (errors.empty()) {
    auto html = work::render_markdown(in.brief);
    if (!html)
      errors.push_back({"brief", "Problem brief is too complex to show: make its tables smaller or nest less"});
    else
      r.brief_html = *html;
  }
  if (!errors.empty()) return core::Error::invalid("Check the solution room's details", errors);
  return r;
}

core::Result<Event> event_of(core::Connection& c, const Room& r) {
  auto e = try_find_event(c, r.event_id);
  if (!e) return core::Error::not_found("There is no event at this address.");
  return *e;
}

}  // namespace

bool may_host(const core::Principal& p, const Event& e, const Room& r) {
  return may_organise(p, e) || p.has(core::Role::site_admin) || is_member_of(p, r.host_organisation_id);
}

std::vector<core::FieldError> validate_room(const RoomInput& in) {
  std::vector<core::FieldError> errors;
  if (in.title.empty())
    errors.push_back({"title", "Enter the problem the room works on"});
  else if (core::utf8_length(in.title) > kMaxRoomTitle)
    errors.push_back({"title", "Title must be 200 characters or fewer"});
  if (core::utf8_length(in.facilitator) > kMaxFacilitator)
    errors.push_back({"facilitator", "Facilitator must be 200 characters or fewer"});
  if (in.brief.empty())
    errors.push_back({"brief", "Enter the problem brief"});
  else if (core::utf8_length(in.brief) > kMaxBrief)
    errors.push_back({"brief", "Problem brief must be 20,000 characters or fewer"});
  else if (auto problem = work::markdown_problem(in.brief, "Problem brief"))
    errors.push_back({"brief", *problem});
  if (in.capacity < 0 || in.capacity > kMaxRoomCapacity)
    errors.push_back({"capacity", "Places must be between 0 (no limit) and 1,000"});
  return errors;
}

core::Result<Room> create_room(core::Database& db, const core::Principal& who, const Origin& from,
                               std::int64_t event_id, const RoomInput& in) {
  return core::transact<Room>(db, kSameRoom, [&](core::Connection& c) -> core::Result<Room> {
    auto e = try_find_event(c, event_id);
    if (!e) return core::Error::not_found("There is no event at this address.");
    if (!may_organise(who, *e)) return core::Error::forbidden("Only the event's organisers can add solution rooms.");
    auto r = build(c, *e, in);
    if (!r) return r.error();
    auto taken = [&](const std::string& s) { return try_find_room(c, e->id, s).has_value(); };
    r->slug = core::unique_slug(r->title, "room", taken);
    r->created_at = r->updated_at = core::now_utc();
    r->id = store::insert_room(c, *r, who.user_id);
    core::audit::record(c, core::audit::Actor::from(who, r->host_organisation_id, from.request_id),
                        {"create", "solution_room", std::to_string(r->id), "", room_audit_json(*r)});
    return *store::find_room(c, r->id);
  });
}

core::Result<Room> upsert_room_in(core::Connection& c, const core::audit::Actor& actor, const Event& e,
                                  const std::string& slug, const RoomInput& in) {
  auto r = build(c, e, in);
  if (!r) return r.error();
  r->slug = slug;
  auto before = try_find_room(c, e.id, slug);
  if (before) {
    r->id = before->id;
    if (room_audit_json(*before) == room_audit_json(*r)) return *before;
    r->updated_at = core::now_utc();
    store::update_room(c, *r);
    core::audit::record(
        c, actor, {"update", "solution_room", std::to_string(r->id), room_audit_json(*before), room_audit_json(*r)});
  } else {
    r->created_at = r->updated_at = core::now_utc();
    r->id = store::insert_room(c, *r, actor.user_id);
    core::audit::record(c, actor, {"create", "solution_room", std::to_string(r->id), "", room_audit_json(*r)});
  }
  return *store::find_room(c, r->id);
}

core::Status sign_up_for_room(core::Database& db, const core::Principal& who, const Origin& from,
                              std::int64_t room_id) {
  return core::transact<core::Unit>(db, kSameRoom, [&](core::Connection& c) -> core::Status {
    auto r = store::lock_room(c, room_id);  // serialises sign-ups for the last place
    if (!r) return core::Error::not_found("There is no solution room at this address.");
    auto e = event_of(c, *r);
    if (!e) return e.error();
    if (e->ends_at <= format_utc(Clock::now()))
      return core::Error::conflict("This event has taken place: sign-up has closed.");
    if (store::is_signed_up(c, room_id, who.user_id))
      return core::Error::conflict("You are already signed up to this room.");
    if (r->capacity > 0 && r->signed_up >= r->capacity) return core::Error::conflict("This solution room is full.");
    store::insert_signup(c, room_id, who.user_id, core::now_utc());
    core::audit::record(c, core::audit::Actor::from(who, 0, from.request_id),
                        {"sign-up", "solution_room", std::to_string(room_id), "",
                         core::audit::to_text({{"title", r->title}, {"user_id", who.user_id}})});
    return core::Unit{};
  });
}

core::Status leave_room(core::Database& db, const core::Principal& who, const Origin& from, std::int64_t room_id) {
  return core::transact<core::Unit>(db, kSameRoom, [&](core::Connection& c) -> core::Status {
    auto r = store::lock_room(c, room_id);
    if (!r) return core::Error::not_found("There is no solution room at this address.");
    if (!store::delete_signup(c, room_id, who.user_id))
      return core::Error::conflict("You are not signed up to this room.");
    core::audit::record(c, core::audit::Actor::from(who, 0, from.request_id),
                        {"leave", "solution_room", std::to_string(room_id),
                         core::audit::to_text({{"title", r->title}, {"user_id", who.user_id}}), ""});
    return core::Unit{};
  });
}

core::Result<Advice> post_advice(core::Database& db, const core::Principal& who, const Origin& from,
                                 std::int64_t room_id, const std::string& body) {
  return core::transact<Advice>(db, kSameRoom, [&](core::Connection& c) -> core::Result<Advice> {
    auto r = store::find_room(c, room_id);
    if (!r) return core::Error::not_found("There is no solution room at this address.");
    auto e = event_of(c, *r);
    if (!e) return e.error();
    if (body.empty()) return core::Error::invalid("Check your advice", {{"body", "Enter your advice"}});
    if (core::utf8_length(body) > kMaxAdvice)
      return core::Error::invalid("Check your advice", {{"body", "Advice must be 2,000 characters or fewer"}});
    if (e->ends_at <= format_utc(Clock::now()))
      return core::Error::conflict("Advice closes when the event ends: this event has taken place.");
    Advice a{0, room_id, who.user_id, who.name, body, false, core::now_utc()};
    a.id = store::insert_advice(c, a);
    core::audit::record(c, core::audit::Actor::from(who, 0, from.request_id),
                        {"create", "room_advice", std::to_string(a.id), "", advice_audit_json(a)});
    return a;
  });
}

core::Result<Advice> moderate_advice(core::Database& db, const core::Principal& who, const Origin& from,
                                     std::int64_t room_id, std::int64_t advice_id, bool hide) {
  return core::transact<Advice>(db, kSameRoom, [&](core::Connection& c) -> core::Result<Advice> {
    auto r = store::find_room(c, room_id);
    if (!r) return core::Error::not_found("There is no solution room at this address.");
    auto e = event_of(c, *r);
    if (!e) return e.error();
    if (!may_host(who, *e, *r)) return core::Error::forbidden("Only the room's host can hide or restore advice.");
    auto before = store::find_advice(c, advice_id);
    if (!before || before->room_id != room_id) return core::Error::not_found("There is no such advice in this room.");
    auto after = *before;
    after.hidden = hide;
    if (before->hidden == hide) return after;  // already so: nothing to record
    store::set_advice_hidden(c, advice_id, hide, core::now_utc());
    core::audit::record(c, core::audit::Actor::from(who, r->host_organisation_id, from.request_id),
                        {hide ? "hide" : "restore", "room_advice", std::to_string(advice_id),
                         advice_audit_json(*before), advice_audit_json(after)});
    return after;
  });
}

}  // namespace goldthread::assemblies
