// The representations of the solution-room forms and write answers, in one place
// (assemblies/room_form_views.hpp). Handlers build the structs and never write JSON themselves.
#include <nlohmann/json.hpp>

#include "assemblies/event_views.hpp"
#include "assemblies/room_form_views.hpp"
#include "core/page.hpp"

namespace goldthread::assemblies {
using nlohmann::json;

namespace {

json room_values(const RoomInput& in, bool screen) {
  json capacity = screen ? json(in.capacity ? std::to_string(in.capacity) : "") : json(in.capacity);
  return {{"title", in.title},       {"host_organisation_id", in.host_organisation_id},
          {"ambition", in.ambition}, {"facilitator", in.facilitator},
          {"brief", in.brief},       {"initiative", in.initiative},
          {"capacity", capacity}};
}

}  // namespace

void to_json(json& j, const RoomForm& f) {
  json orgs = json::array();
  for (const auto& [id, name] : f.organisations) orgs.push_back({{"id", id}, {"name", name}});
  json ambitions = json::array();
  for (const auto& [slug, title] : f.ambitions) ambitions.push_back({{"slug", slug}, {"title", title}});
  j = {{"event", event_summary(f.event)},
       {"action", "/events/" + f.event.slug + "/rooms"},
       {"organisations", orgs},
       {"ambitions", ambitions},
       {"values", room_values(f.values, false)}};
}

void screen_json(json& j, const RoomForm& f) {
  const auto& in = f.values;
  json orgs = json::array();
  orgs.push_back({{"value", 0}, {"text", "The event's organisers"}, {"selected", in.host_organisation_id == 0}});
  for (const auto& [id, name] : f.organisations)
    orgs.push_back({{"value", id}, {"text", name}, {"selected", id == in.host_organisation_id}});
  json ambitions = json::array();
  ambitions.push_back({{"value", ""}, {"text", "None"}, {"selected", in.ambition.empty()}});
  for (const auto& [slug, title] : f.ambitions)
    ambitions.push_back({{"value", slug}, {"text", title}, {"selected", slug == in.ambition}});
  j = {{"event", event_summary(f.event)}, {"action", "/events/" + f.event.slug + "/rooms"},
       {"organisations", orgs},           {"ambitions", ambitions},
       {"values", room_values(in, true)}, {"error_for", json::object()}};
  if (f.error) core::attach_errors(j, *f.error);
}

void to_json(json& j, const RoomFormValues& v) {
  j = {{"text", v.text}, {"owner_name", v.owner_name}, {"due_on", v.due_on}, {"body", v.body}};
}

std::string ProgressForm::action() const {
  return room_href + "/next-steps/" + std::to_string(next_step_id) + "/progress";
}

void to_json(json& j, const ProgressForm& f) {
  json statuses = json::array();
  for (const auto& [code, label] : pledges::status_scale(kNextStepKind))
    statuses.push_back({{"code", code}, {"label", label}});
  j = {{"room", {{"title", f.room_title}, {"href", f.room_href}}},
       {"next_step_id", f.next_step_id},
       {"action", f.action()},
       {"statuses", statuses},
       {"values", {{"status", f.values.status}, {"note", f.values.note}}}};
}

void screen_json(json& j, const ProgressForm& f) {
  json options = json::array();
  for (const auto& [code, label] : pledges::status_scale(kNextStepKind))
    options.push_back(
        {{"id", "status-" + code}, {"value", code}, {"text", label}, {"checked", code == f.values.status}});
  j = {{"room", {{"title", f.room_title}, {"href", f.room_href}}},
       {"action", f.action()},
       {"status_options", options},
       {"values", {{"note", f.values.note}}},
       {"error_for", json::object()}};
  if (f.error) core::attach_errors(j, *f.error);
}

void to_json(json& j, const RoomAnswer& a) {
  if (!a.advice) {
    j = {{"href", a.room_href}};
    return;
  }
  const auto& v = *a.advice;
  j = {{"id", v.id},         {"author_name", v.author_name}, {"body", v.body}, {"created_at", v.created_at},
       {"hidden", v.hidden}, {"room_href", a.room_href}};
}

void to_json(json& j, const ProgressAnswer& a) {
  const auto& u = a.update;
  j = {{"id", u.id},
       {"next_step_id", u.commitment_id},
       {"status", u.status},
       {"status_label", pledges::completion_label(u.status)},
       {"note", u.note},
       {"author_name", u.author_name},
       {"created_at", u.created_at},
       {"next_step_href", a.room_href + "#next-step-" + std::to_string(u.commitment_id)}};
}

void to_json(json& j, const ReviewedAnswer& a) {
  j = {{"next_step_id", a.next_step_id}, {"reviewed", true}, {"event_href", a.event_href}};
}

}  // namespace goldthread::assemblies
