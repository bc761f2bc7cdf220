// Agreed next steps of a solution room — commitments of kind "next-step" made through the
// commitment mechanism (pledges.hpp) inside this capability's own transaction — their
// progress, and carrying them forward to the next event in the series.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_store.hpp"
#include "assemblies/event_time.hpp"
#include "core/mail.hpp"
#include "core/service.hpp"
#include "core/text.hpp"

namespace goldthread::assemblies {

namespace {

constexpr const char* kSameStep = "This next step was changed by someone else at the same moment. Try again.";

struct RoomAndEvent {
  Room room;
  Event event;
};

core::Result<RoomAndEvent> load(core::Connection& c, std::int64_t room_id) {
  auto r = store::find_room(c, room_id);
  auto e = r ? try_find_event(c, r->event_id) : std::nullopt;
  if (!e) return core::Error::not_found("There is no solution room at this address.");
  return RoomAndEvent{*r, *e};
}

}  // namespace

std::vector<pledges::Commitment> next_steps_of(core::Connection& c, std::int64_t room_id) {
  return pledges::commitments_by_id(c, store::next_step_ids(c, {room_id}));
}

core::Result<pledges::Commitment> add_next_step(core::Database& db, const core::Principal& who, const Origin& from,
                                                std::int64_t room_id, const NextStepInput& in) {
  return core::transact<pledges::Commitment>(
      db, kSameStep, [&](core::Connection& c) -> core::Result<pledges::Commitment> {
        auto re = load(c, room_id);
        if (!re) return re.error();
        if (!may_host(who, re->event, re->room))
          return core::Error::forbidden("Only the room's host can record its next steps.");
        std::vector<core::FieldError> errors;
        if (in.text.empty())
          errors.push_back({"text", "Enter the next step that was agreed"});
        else if (core::utf8_length(in.text) > pledges::kMaxCommitmentText)
          errors.push_back({"text", "Next step must be 1,000 characters or fewer"});
        std::string owner_name = in.owner_name, email;
        if (in.owner_user_id) {
          auto members = room_members(c, room_id);
          auto contact = accounts::try_contact(c, in.owner_user_id);
          if (std::find(members.begin(), members.end(), in.owner_user_id) == members.end() || !contact)
            errors.push_back({"owner_user_id", "Select someone signed up to this room, or name the owner"});
          else
            owner_name = contact->name, email = contact->email;
        } else if (owner_name.empty()) {
          errors.push_back({"owner_name", "Enter the name of the person who owns the next step"});
        }
        if (core::utf8_length(owner_name) > kMaxOwnerName)
          errors.push_back({"owner_name", "Name must be 200 characters or fewer"});
        if (!errors.empty()) return core::Error::invalid("Check the next step", errors);
        pledges::CommitmentInput m;
        m.kind = kNextStepKind;
        m.href_prefix = "/events/" + re->event.slug + "/rooms/" + re->room.slug + "#next-step-";
        m.text = in.text;
        m.owner_user_id = in.owner_user_id;
        m.owner_name = owner_name;
        m.organisation_id = in.organisation_id;
        m.due_on = in.due_on;
        auto actor = core::audit::Actor::from(who, re->room.host_organisation_id, from.request_id);
        auto made = pledges::create_commitment_in(c, actor, m);
        if (!made) {
          auto err = made.error();
          for (auto& f : err.fields)
            if (f.field == "text" && f.message.rfind("Pledge", 0) == 0)
              f.message = "Next step must be 1,000 characters or fewer";
            else if (f.field == "text")
              f.message = "Enter the next step that was agreed";
          return err;
        }
        store::link_next_step(c, room_id, made->id, core::now_utc());
        if (!email.empty())
          core::mail::enqueue(c, {email, "A next step from " + re->room.title + " is yours",
                                  "Dear " + owner_name + ",\n\nAt " + re->event.title + ", the solution room \"" +
                                      re->room.title + "\" agreed a next step that you own:\n\n" + made->text +
                                      (made->due_on.empty() ? "" : "\n\nDue: " + made->due_on) +
                                      "\n\nRecord progress here: " + from.base_url + made->href + "\n",
                                  ""});
        return *made;
      });
}

core::Result<pledges::ProgressUpdate> update_next_step(core::Database& db, const core::Principal& who,
                                                       const Origin& from, std::int64_t room_id,
                                                       std::int64_t commitment_id, const pledges::ProgressInput& in) {
  return core::transact<pledges::ProgressUpdate>(
      db, kSameStep, [&](core::Connection& c) -> core::Result<pledges::ProgressUpdate> {
        auto re = load(c, room_id);
        if (!re) return re.error();
        bool host = may_host(who, re->event, re->room);
        auto m = store::room_of_next_step(c, commitment_id) == room_id ? pledges::try_find_commitment(c, commitment_id)
                                                                       : std::nullopt;
        if (!m)  // who may not update it must not learn whether it exists
          return host ? core::Error::not_found("There is no such next step in this room.")
                      : core::Error::forbidden("Only the next step's owner and the room's host can update it.");
        if (!host && !pledges::can_update_commitment(who, *m))
          return core::Error::forbidden("Only the next step's owner and the room's host can update it.");
        return pledges::add_progress_in(c, core::audit::Actor::from(who, 0, from.request_id), commitment_id, in);
      });
}

std::vector<CarriedForward> carried_forward(core::Connection& c, const Event& e) {
  std::vector<CarriedForward> out;
  auto prev = previous_in_series(c, e);
  if (!prev) return out;
  auto rooms = rooms_of(c, prev->id);
  std::vector<std::int64_t> room_ids;
  for (const auto& r : rooms) room_ids.push_back(r.id);
  auto steps = pledges::commitments_by_id(c, store::next_step_ids(c, room_ids));
  for (auto& p : pledges::pledges_of_event(c, prev->id, true)) steps.push_back(std::move(p.commitment));
  std::vector<std::int64_t> open_ids;
  for (const auto& s : steps)
    if (!pledges::is_closed_status(s.status)) open_ids.push_back(s.id);
  auto latest = pledges::latest_updates(c, open_ids);
  auto reviews = store::reviews_of(c, e.id);
  for (const auto& s : steps) {
    if (pledges::is_closed_status(s.status)) continue;
    CarriedForward item;
    item.step = s;
    if (s.kind == kNextStepKind) {
      auto room_id = store::room_of_next_step(c, s.id);
      for (const auto& r : rooms)
        if (r.id == room_id) item.room = r;
    }
    for (const auto& u : latest)
      if (u.commitment_id == s.id) item.latest = u;
    if (auto it = reviews.find(s.id); it != reviews.end()) item.reviewed_at = it->second;
    out.push_back(std::move(item));
  }
  return out;
}

core::Status mark_reviewed(core::Database& db, const core::Principal& who, const Origin& from, std::int64_t event_id,
                           std::int64_t commitment_id) {
  return core::transact<core::Unit>(db, kSameStep, [&](core::Connection& c) -> core::Status {
    auto e = try_find_event(c, event_id);
    if (!e) return core::Error::not_found("There is no event at this address.");
    if (!may_organise(who, *e))
      return core::Error::forbidden("Only the event's organisers can mark next steps and pledges reviewed.");
    auto items = carried_forward(c, *e);
    auto it =
        std::find_if(items.begin(), items.end(), [&](const CarriedForward& x) { return x.step.id == commitment_id; });
    if (it == items.end())
      return core::Error::not_found("That next step or pledge is not carried forward to this event.");
    auto at = core::now_utc();
    if (store::insert_review(c, event_id, commitment_id, who.user_id, at))
      core::audit::record(
          c, core::audit::Actor::from(who, 0, from.request_id),
          {"review", it->step.kind, std::to_string(commitment_id), "",
           core::audit::to_text({{"event_id", event_id}, {"title", it->step.text}, {"reviewed_at", at}})});
    return core::Unit{};
  });
}

}  // namespace goldthread::assemblies
