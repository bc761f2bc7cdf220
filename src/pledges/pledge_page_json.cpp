// The representations of the pledge register and a pledge's page, in one place
// (pledges/pledge_page_views.hpp). Handlers build the structs and never write JSON themselves.
#include <nlohmann/json.hpp>

#include "core/page.hpp"
#include "core/text.hpp"
#include "pledges/commitment_internal.hpp"
#include "pledges/pledge_page_views.hpp"
#include "pledges/pledge_views.hpp"

namespace goldthread::pledges {
using nlohmann::json;

namespace {

// Removes the CSS classes (status_class, staleness_class) at any depth: not in a resource.
void drop_classes(json& j) {
  if (j.is_object()) {
    j.erase("status_class");
    j.erase("staleness_class");
    for (auto& [k, v] : j.items()) drop_classes(v);
  } else if (j.is_array()) {
    for (auto& v : j) drop_classes(v);
  }
}

json options(const Choices& list, const std::string& selected) {
  json out = json::array();
  for (const auto& [v, t] : list) out.push_back({{"value", v}, {"text", t}, {"selected", v == selected}});
  return out;
}

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
       {"ambition_options", options(v.ambitions, q.ambition)},
       {"organisation_options", options(v.organisations, q.organisation)},
       {"sector_options", options(v.sectors, q.sector)},
       {"status_options", options(completion_scale(), q.status)},
       {"event_options", options(v.events, q.event)},
       {"has_event_options", !v.events.empty()},
       {"room_options", options(v.rooms, q.room)},
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
