// make_pledge: a person for themselves, a resident, or a member for their organisation.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "assemblies/assemblies.hpp"
#include "core/service.hpp"
#include "places/places.hpp"
#include "pledges/commitment_internal.hpp"
#include "pledges/pledge_rules.hpp"
#include "pledges/pledge_store.hpp"
#include "pledges/pledges.hpp"
#include "work/work.hpp"

namespace goldthread::pledges {
using nlohmann::json;

namespace {

constexpr const char* kCheck = "Check your pledge";

// Everything a pledge needs checked against other capabilities' data, in the form's order.
// `room`: the room named by in.room_id, when it exists.
std::vector<core::FieldError> check_pledge(core::Connection& c, const core::Principal& who, const PledgeInput& in,
                                           const std::optional<assemblies::RoomRef>& room, const std::string& today) {
  std::vector<core::FieldError> e;
  if (!is_pledged_as(in.pledged_as)) e.push_back({"pledged_as", "Select who is making this pledge"});
  if (in.pledged_as == "organisation" && !accounts::is_member(who, in.organisation_id))
    e.push_back({"organisation_id", "Select an organisation you are a member of"});
  if (in.ambition_ids.empty()) {
    e.push_back({"ambitions", "Select at least one ambition your pledge serves"});
  } else {
    auto place = places::try_current_place(c);
    std::vector<std::int64_t> known;
    if (place)
      for (const auto& a : places::list_ambitions(c, place->id)) known.push_back(a.id);
    for (auto id : in.ambition_ids)
      if (std::find(known.begin(), known.end(), id) == known.end()) {
        e.push_back({"ambitions", "Select ambitions from the list"});
        break;
      }
  }
  if (in.initiative_id && !work::try_find_initiative_by_id(c, in.initiative_id))
    e.push_back({"initiative_id", "Select an initiative from the list"});
  if (in.event_id && !assemblies::try_find_event(c, in.event_id))
    e.push_back({"event_id", "Select the event from the list, or leave it unticked"});
  if (in.room_id) {  // one of the place's rooms, and of the pledge's event when it names one
    auto place = places::try_current_place(c);
    if (!room || !place || room->place_id != place->id)
      e.push_back({"room_id", "Select a solution room from the list, or none"});
    else if (in.event_id && room->event_id != in.event_id)
      e.push_back({"room_id", "Select a solution room of the event you are making this pledge at, or none"});
  }
  if (in.due_on.empty())
    e.push_back({"due_on", "Enter the date you will do it by"});
  else if (!parse_date(in.due_on))
    e.push_back({"due_on", "Due date must be a real date"});
  else if (in.due_on < today)
    e.push_back({"due_on", "Due date must be today or in the future"});
  return e;
}

}  // namespace

core::Result<Pledge> make_pledge(core::Database& db, const core::Principal& who, const core::audit::Actor& actor,
                                 const PledgeInput& in, const std::string& today) {
  return core::transact<Pledge>(
      db, "This pledge was saved twice at the same moment.", [&](core::Connection& c) -> core::Result<Pledge> {
        std::optional<assemblies::RoomRef> room;
        if (in.room_id)
          if (auto refs = assemblies::room_refs(c, {in.room_id}); !refs.empty()) room = refs[0];
        // A pledge made in a room is made at the room's event.
        const auto event_id = in.event_id ? in.event_id : room ? room->event_id : 0;
        CommitmentInput ci;
        ci.kind = "pledge";
        ci.href_prefix = "/pledges/";
        ci.text = in.text;
        ci.owner_user_id = who.user_id;
        ci.owner_name = who.name;
        ci.owner_role = in.owner_role;
        ci.organisation_id = in.pledged_as == "organisation" ? in.organisation_id : 0;
        ci.due_on = in.due_on;
        auto errors = check_pledge(c, who, in, room, today);
        for (auto& fe : validate_commitment(ci))
          if (fe.field != "due_on") errors.push_back(std::move(fe));
        if (!errors.empty()) return core::Error::invalid(kCheck, errors);
        auto m = insert_commitment_unaudited(c, ci);
        if (!m) return m.error();
        auto ambitions = in.ambition_ids;
        std::sort(ambitions.begin(), ambitions.end());
        ambitions.erase(std::unique(ambitions.begin(), ambitions.end()), ambitions.end());
        store::insert_pledge(c, m->id, in.pledged_as, in.initiative_id, "", ambitions, event_id, in.room_id);
        auto after = commitment_audit_json(*m);
        after["pledged_as"] = in.pledged_as;
        after["ambition_ids"] = ambitions;
        after["initiative_id"] = in.initiative_id;
        if (event_id) after["event_id"] = event_id;
        if (room) after["room"] = {{"id", room->id}, {"title", room->title}, {"href", room->href}};
        core::audit::record(c, actor, {"create", "pledge", std::to_string(m->id), "", core::audit::to_text(after)});
        Pledge p;
        p.commitment = *m;
        p.pledged_as = in.pledged_as;
        p.initiative_id = in.initiative_id;
        p.event_id = event_id;
        p.room_id = in.room_id;
        p.ambition_ids = ambitions;
        return p;
      });
}

std::optional<Pledge> try_find_pledge(core::Connection& c, std::int64_t id) {
  auto p = store::find_pledge(c, id);
  if (!p) return std::nullopt;
  std::vector<Commitment> one{p->commitment};
  fill_organisation_names(c, one);
  p->commitment = one[0];
  return p;
}

std::vector<Pledge> pledges_of_event(core::Connection& c, std::int64_t event_id, bool open_only) {
  auto list = store::pledges_at_event(c, event_id, open_only);
  std::vector<Commitment> commitments;
  for (const auto& p : list) commitments.push_back(p.commitment);
  fill_organisation_names(c, commitments);
  for (std::size_t i = 0; i < list.size(); ++i) list[i].commitment = commitments[i];
  return list;
}

std::vector<Pledge> pledges_of_room(core::Connection& c, std::int64_t room_id) {
  auto list = store::pledges_in_room(c, room_id);
  std::vector<Commitment> commitments;
  for (const auto& p : list) commitments.push_back(p.commitment);
  fill_organisation_names(c, commitments);
  for (std::size_t i = 0; i < list.size(); ++i) list[i].commitment = commitments[i];
  return list;
}

bool link_seeded_pledge_to_event_in(core::Connection& c, const core::audit::Actor& actor, const std::string& source_key,
                                    std::int64_t event_id) {
  auto id = store::commitment_by_source_key(c, source_key);
  if (!id || !store::find_pledge(c, *id)) return false;
  if (store::set_pledge_event(c, *id, event_id))
    core::audit::record(c, actor,
                        {"link-event", "pledge", std::to_string(*id), "",
                         core::audit::to_text(json{{"event_id", event_id}, {"source_key", source_key}})});
  return true;
}

}  // namespace goldthread::pledges
