// The representations of the pledge register and a pledge's page, in one place
// (pledges/pledge_page_views.hpp). Handlers build the structs and never write JSON themselves.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/json_values.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "pledges/commitment_internal.hpp"
#include "pledges/pledge_page_views.hpp"
#include "pledges/pledge_views.hpp"

namespace goldthread::pledges {
using nlohmann::json;

namespace {

// Removes the CSS classes (status_class, staleness_class) at any depth: not in a resource.
json filters(const RegisterQuery& q) {
  return {{"ambition", q.ambition}, {"organisation", q.organisation},
          {"sector", q.sector},     {"status", q.status},
          {"event", q.event},       {"room", q.room}};
}

json history_of(const std::vector<ProgressUpdate>& updates) {
  json history = json::array();
  for (auto it = updates.rbegin(); it != updates.rend(); ++it) history.push_back(update_json(*it));
  return history;  // newest first
}

const ProgressUpdate* evidence_of(const std::vector<ProgressUpdate>& updates) {
  for (auto it = updates.rbegin(); it != updates.rend(); ++it)
    if (it->status == "complete" && !it->evidence_text.empty()) return &*it;
  return nullptr;
}

json initiative_of(const PledgePageView& v) {
  if (!v.initiative) return nullptr;
  return {{"title", v.initiative->title}, {"href", v.initiative->href}};
}

}  // namespace

void to_json(json& j, const RegisterView& v) {
  const auto& q = v.query;
  j = {{"pledges", v.pledges},
       {"total", v.total},
       {"filters", filters(q)},
       {"csv_href", "/pledges.csv" + q.query},
       {"json_href", "/pledges.json" + q.query},
       {"pagination", core::resource_pagination("/pledges" + q.query, q.filter.page, v.per_page, v.total)}};
  drop_classes(j);
}

void screen_json(json& j, const RegisterView& v) {
  const auto& q = v.query;
  j = {{"pledges", v.pledges},
       {"has_pledges", !v.pledges.empty()},
       {"total", v.total},
       {"total_label", std::to_string(v.total) + (v.total == 1 ? " pledge" : " pledges")},
       {"filters", filters(q)},
       {"filtered", !q.query.empty()},
       {"ambition_options", core::select_options(v.ambitions, q.ambition)},
       {"organisation_options", core::select_options(v.organisations, q.organisation)},
       {"sector_options", core::select_options(v.sectors, q.sector)},
       {"status_options", core::select_options(completion_scale(), q.status)},
       {"event_options", core::select_options(v.events, q.event)},
       {"has_event_options", !v.events.empty()},
       {"room_options", core::select_options(v.rooms, q.room)},
       {"has_room_options", !v.rooms.empty()},
       {"csv_href", "/pledges.csv" + q.query},
       {"json_href", "/pledges.json" + q.query},
       {"signed_in", v.signed_in},
       {"pagination", core::pagination("/pledges" + q.query, q.filter.page, v.per_page, v.total)}};
}

void to_json(json& j, const PledgePageView& v) {
  json event = nullptr;
  if (v.event) event = {{"title", v.event->title}, {"href", v.event->href}, {"starts_at", v.event->starts_at}};
  json evidence = nullptr;
  if (auto* e = evidence_of(v.updates))
    evidence = {{"text", e->evidence_text}, {"url", opt(e->evidence_url)}, {"created_at", e->created_at}};
  j = {{"pledge", v.pledge},   {"initiative", initiative_of(v)},
       {"event", event},       {"history", history_of(v.updates)},
       {"evidence", evidence}, {"update_href", v.may_update ? json(v.href + "/progress") : json(nullptr)}};
  drop_classes(j);
}

void screen_json(json& j, const PledgePageView& v, const PledgeScreen& s) {
  json event = nullptr;
  if (v.event)
    event = {{"title", v.event->title},
             {"href", v.event->href},
             {"starts_at", v.event->starts_at},
             {"date_label", core::display_date(v.event->starts_at)}};
  json evidence = nullptr;
  if (auto* e = evidence_of(v.updates))
    evidence = {{"text", e->evidence_text}, {"url", opt(e->evidence_url)}, {"date_label", long_date(e->created_at)}};
  auto history = history_of(v.updates);
  j = {{"pledge", v.pledge},
       {"initiative", initiative_of(v)},
       {"event", event},
       {"history", history},
       {"has_history", !history.empty()},
       {"evidence", evidence},
       {"can_update", v.may_update},
       {"update_href", v.href + "/progress"},
       {"banner", s.banner.empty() ? json(nullptr) : json(s.banner)},
       {"follow",
        {{"type", "pledge"},
         {"id", v.pledge.value("id", std::int64_t{0})},
         {"noun", "pledge"},
         {"return_to", v.href},
         {"signed_in", s.signed_in},
         {"following", s.following}}}};
}

namespace {
json id_choices(const IdChoices& list) {
  json out = json::array();
  for (const auto& [id, title] : list) out.push_back({{"id", id}, {"title", title}});
  return out;
}
}  // namespace

void to_json(json& j, const PledgeFormView& f) {
  const auto& in = f.values;
  json as = {"self", "resident"};
  if (!f.organisations.empty()) as.push_back("organisation");
  json offer = nullptr;
  if (f.event_offer)
    offer = {{"id", f.event_offer->id}, {"title", f.event_offer->title}, {"starts_at", f.event_offer->starts_at}};
  j = {{"action", "/pledges"},
       {"values",
        {{"pledged_as", in.pledged_as},
         {"organisation_id", in.organisation_id},
         {"text", in.text},
         {"owner_role", in.owner_role},
         {"ambition_ids", in.ambition_ids},
         {"initiative_id", in.initiative_id},
         {"event_id", in.event_id},
         {"room_id", in.room_id},
         {"due_on", in.due_on}}},
       {"pledged_as", as},
       {"organisations", id_choices(f.organisations)},
       {"ambitions", id_choices(f.ambitions)},
       {"initiatives", id_choices(f.initiatives)},
       {"event_offer", offer},
       {"rooms", id_choices(f.rooms)}};
}

void screen_json(json& j, const PledgeFormView& f) {
  const auto& in = f.values;
  json as = json::array();
  as.push_back({{"value", "self"},
                {"text", "For myself"},
                {"hint", "A commitment you make in your own role"},
                {"checked", in.pledged_as == "self"}});
  as.push_back({{"value", "resident"},
                {"text", "As a resident"},
                {"hint", "Something you will do where you live"},
                {"checked", in.pledged_as == "resident"}});
  json orgs = json::array();
  for (const auto& [id, name] : f.organisations)
    orgs.push_back({{"value", id}, {"text", name}, {"selected", id == in.organisation_id}});
  if (!orgs.empty())
    as.push_back({{"value", "organisation"},
                  {"text", "For my organisation"},
                  {"hint", "Its sector is recorded with the pledge"},
                  {"checked", in.pledged_as == "organisation"}});
  json ambitions = json::array();
  for (const auto& [id, title] : f.ambitions)
    ambitions.push_back(
        {{"value", id},
         {"text", title},
         {"id", "ambition-" + std::to_string(id)},
         {"checked", std::find(in.ambition_ids.begin(), in.ambition_ids.end(), id) != in.ambition_ids.end()}});
  json initiatives = json::array();
  for (const auto& [id, title] : f.initiatives)
    initiatives.push_back({{"value", id}, {"text", title}, {"selected", id == in.initiative_id}});
  json event_offer = nullptr;
  if (f.event_offer)
    event_offer = {{"id", f.event_offer->id},
                   {"title", f.event_offer->title},
                   {"date_label", core::display_date(f.event_offer->starts_at)},
                   {"checked", in.event_id == f.event_offer->id}};
  // The offered event's solution rooms (issue 11.5); also shown when the room was refused, so
  // that the error summary's link has its field.
  json rooms = json::array();
  for (const auto& [id, title] : f.rooms)
    rooms.push_back({{"value", id}, {"text", title}, {"selected", id == in.room_id}});
  bool room_refused = false;
  if (f.error)
    for (const auto& fe : f.error->fields) room_refused = room_refused || fe.field == "room_id";
  json room_field = nullptr;
  if (!rooms.empty() || room_refused) room_field = {{"options", rooms}};
  j = {{"values",
        {{"text", in.text},
         {"owner_role", in.owner_role},
         {"due_day", f.due_day},
         {"due_month", f.due_month},
         {"due_year", f.due_year}}},
       {"pledged_as_options", as},
       {"organisation_options", orgs},
       {"has_organisations", !orgs.empty()},
       {"ambition_options", ambitions},
       {"initiative_options", initiatives},
       {"event_offer", event_offer},
       {"room_field", room_field},
       {"error_for", json::object()}};
  if (f.error) core::attach_errors(j, *f.error);
}

namespace {
const std::string& selected_status(const PledgeProgressForm& f) {
  return f.values.status.empty() ? f.pledge.commitment.status : f.values.status;
}
}  // namespace

void to_json(json& j, const PledgeProgressForm& f) {
  json statuses = json::array();
  for (const auto& [v, t] : completion_scale()) statuses.push_back({{"code", v}, {"label", t}});
  const auto& in = f.values;
  j = {{"pledge", commitment_json(f.pledge.commitment, today_utc())},
       {"action", f.pledge.commitment.href + "/progress"},
       {"statuses", statuses},
       {"values",
        {{"status", selected_status(f)},
         {"note", in.note},
         {"evidence_text", in.evidence_text},
         {"evidence_url", in.evidence_url}}}};
  drop_classes(j);
}

void screen_json(json& j, const PledgeProgressForm& f) {
  json statuses = json::array();
  const auto& selected = selected_status(f);
  for (const auto& [v, t] : completion_scale())
    statuses.push_back({{"value", v}, {"text", t}, {"id", "status-" + v}, {"checked", v == selected}});
  const auto& in = f.values;
  j = {{"pledge", commitment_json(f.pledge.commitment, today_utc())},
       {"action", f.pledge.commitment.href + "/progress"},
       {"status_options", statuses},
       {"values", {{"note", in.note}, {"evidence_text", in.evidence_text}, {"evidence_url", in.evidence_url}}},
       {"error_for", json::object()}};
  if (f.error) core::attach_errors(j, *f.error);
}

void to_json(json& j, const PledgeAnswer& a) {
  j = {{"id", a.id}, {"href", a.href}};
}

void to_json(json& j, const PledgeProgressAnswer& a) {
  j = {{"id", a.update.id}, {"href", a.pledge_href}, {"status", a.update.status}};
}

}  // namespace goldthread::pledges
