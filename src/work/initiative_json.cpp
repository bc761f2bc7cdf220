// The two representations of the initiative pages, in one place: the resource (the JSON twin,
// docs/API.md "Initiatives") and the screen model the templates read. Handlers build the
// structs of work/initiative_views.hpp and never write JSON themselves.
#include <nlohmann/json.hpp>

#include "core/json_values.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "work/initiative_views.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using nlohmann::json;

namespace {

json iso_or_null(const std::string& date) {
  return date.empty() ? json(nullptr) : json(date);
}

json alignments_of(const std::vector<AlignmentView>& alignments) {
  json out = json::array();
  for (const auto& a : alignments) {
    json item = {
        {"ambition", a.ambition}, {"ambition_slug", a.ambition_slug}, {"href", a.href}, {"statement", a.statement}};
    if (!a.priority.empty()) item["priority"] = a.priority;
    out.push_back(std::move(item));
  }
  return out;
}

json areas_of(const std::vector<AreaView>& areas) {
  json out = json::array();
  for (const auto& a : areas) out.push_back({{"code", a.code}, {"name", a.name}, {"href", a.href}});
  return out;
}

json links_of(const std::vector<Link>& links) {
  json out = json::array();
  for (const auto& l : links) out.push_back({{"text", l.text.empty() ? l.href : l.text}, {"href", l.href}});
  return out;
}

json summary_resource(const InitiativeSummary& s) {
  return {{"slug", s.slug},
          {"title", s.title},
          {"summary", s.summary},
          {"status", s.status},
          {"owner", core::text_or_null(s.owner_name)},
          {"is_vision_project", s.is_vision_project},
          {"href", "/initiatives/" + s.slug},
          {"wider_area", core::text_or_null(s.wider_area)}};
}

}  // namespace

void to_json(json& j, const InitiativeView& v) {
  const auto& i = v.initiative;
  json partners = json::array();
  for (const auto& p : v.partners) {
    json item = {{"id", p.id}, {"name", p.name}, {"href", p.href}, {"status", p.status}};
    if (p.status == "claimed") item["claimed_by"] = p.claimed_by;
    partners.push_back(std::move(item));
  }
  json principles = json::array();
  for (const auto& [code, label] : v.principles) principles.push_back({{"code", code}, {"label", label}});
  json owner = nullptr;
  if (v.owner) owner = {{"name", v.owner->name}, {"href", v.owner->href}};
  j = {{"id", i.id},
       {"slug", i.slug},
       {"href", "/initiatives/" + i.slug},
       {"title", i.title},
       {"summary", i.summary},
       {"description", i.description},
       {"description_html", v.description_html},
       {"status", i.status},
       {"start_date", iso_or_null(i.start_date)},
       {"end_date", iso_or_null(i.end_date)},
       {"is_vision_project", i.is_vision_project},
       {"lead_name", core::text_or_null(i.lead_name)},
       {"sponsors", i.sponsors},
       {"partner_labels", i.partner_labels},
       {"owner", owner},
       {"partners", partners},
       {"alignments", alignments_of(v.alignments)},
       {"areas", areas_of(v.areas)},
       {"principles", principles},
       {"building_blocks", i.building_blocks},
       {"links", links_of(i.links)},
       {"followers", v.followers}};
}

void screen_json(json& j, const InitiativeView& v, const InitiativeScreen& s) {
  const auto& i = v.initiative;
  json partner_orgs = json::array();
  for (const auto& p : v.partners) {
    json oj = {{"name", p.name}, {"href", p.href}, {"status", p.status}, {"confirmed", p.status == "confirmed"}};
    if (p.status == "claimed") oj["claim"] = "listed by " + p.claimed_by + ", not yet confirmed by " + p.name;
    partner_orgs.push_back(std::move(oj));
  }
  json principles = json::array();
  for (const auto& p : v.principles) principles.push_back(p.second);
  json owner = nullptr;
  if (v.owner) owner = {{"name", v.owner->name}, {"href", v.owner->href}};
  auto links = links_of(i.links);
  j = {{"initiative",
        {{"slug", i.slug},
         {"title", i.title},
         {"summary", i.summary},
         {"description", i.description},
         {"status", i.status},
         {"status_label", label_of(statuses(), i.status)},
         {"start_date", core::text_or_null(i.start_date)},
         {"end_date", i.end_date},
         {"dates_text", core::display_date(i.start_date) + " to " +
                            (i.end_date.empty() ? "not set" : core::display_date(i.end_date))},
         {"is_vision_project", i.is_vision_project},
         {"lead_name", core::text_or_null(i.lead_name)},
         {"sponsors", i.sponsors},
         {"partner_labels", i.partner_labels},
         {"owner", owner},
         {"partner_organisations", partner_orgs},
         {"alignments", alignments_of(v.alignments)},
         {"areas", areas_of(v.areas)},
         {"principles", principles},
         {"building_blocks", i.building_blocks},
         {"links", links},
         {"followers", v.followers}}},
       {"description_html", v.description_html},
       {"has_sponsors", !i.sponsors.empty()},
       {"has_principles", !principles.empty()},
       {"has_links", !links.empty()},
       {"signed_in", s.signed_in},
       {"following", s.following},
       {"can_edit", s.can_edit},
       {"banner", s.banner ? json(*s.banner) : json(nullptr)}};
}

void to_json(json& j, const InitiativeListView& v) {
  json items = json::array();
  for (const auto& s : v.items) items.push_back(summary_resource(s));
  const auto& f = v.filter;
  j = {{"initiatives", items},
       {"total", v.total},
       {"filters",
        {{"q", f.search},
         {"status", f.status},
         {"area", f.area_code},
         {"sector", f.sector},
         {"vision", f.vision_projects_only}}},
       {"pagination", core::resource_pagination(v.base_href, f.page, v.per_page, v.total)}};
}

void screen_json(json& j, const InitiativeListView& v, bool can_create) {
  json items = json::array();
  for (const auto& s : v.items) items.push_back(summary_json(s));
  const auto& f = v.filter;
  json areas = json::array();
  for (const auto& a : v.areas)
    areas.push_back({{"value", a.code}, {"text", a.name}, {"selected", a.code == f.area_code}});
  j = {{"initiatives", items},
       {"total", v.total},
       {"has_initiatives", !items.empty()},
       {"filters",
        {{"q", f.search},
         {"status", f.status},
         {"area", f.area_code},
         {"sector", f.sector},
         {"vision", f.vision_projects_only}}},
       {"status_options", options_json(statuses(), f.status)},
       {"sector_options", options_json(partners::sectors(), f.sector)},
       {"area_options", areas},
       {"can_create", can_create},
       {"total_text", core::count_of(v.total, "initiative")},
       {"pagination", core::pagination(v.base_href, f.page, v.per_page, v.total)}};
}

void to_json(json& j, const ConnectRequest& r) {
  j = {{"id", r.id},
       {"initiative", {{"title", r.initiative_title}, {"href", "/initiatives/" + r.initiative_slug}}},
       {"from", r.user_name},
       {"message", r.message},
       {"status", r.status},
       {"reply", core::text_or_null(r.reply)},
       {"created_at", r.created_at},
       {"replied_at", core::text_or_null(r.replied_at)}};
}

void to_json(json& j, const RequestsView& v) {
  json list = json::array();
  for (const auto& r : v.requests) list.push_back(r);
  j = {{"requests", list}};
}

void screen_json(json& j, const RequestsView& v, const std::string& csrf_token) {
  json list = json::array();
  for (const auto& r : v.requests) {
    json item = {{"id", r.id},
                 {"initiative", r.initiative_title},
                 {"href", "/initiatives/" + r.initiative_slug},
                 {"from", r.user_name},
                 {"message", r.message},
                 {"status", r.status},
                 {"replied", r.status == "replied"},
                 {"reply", r.reply},
                 {"received", r.created_at.substr(0, 10)},
                 {"replied_on", r.replied_at.substr(0, 10)},
                 {"typed", r.id == v.failed_id ? v.typed : ""}};
    if (v.error && r.id == v.failed_id && !v.error->fields.empty()) item["error"] = v.error->fields.front().message;
    list.push_back(std::move(item));
  }
  j = {{"requests", list},
       {"has_requests", !list.empty()},
       {"csrf_token", csrf_token},
       {"banner", v.banner ? json(*v.banner) : json(nullptr)}};
  if (v.error) {
    core::attach_errors(j, *v.error);
    // The summary links to the one reply box that failed.
    if (j.contains("errors"))
      for (auto& err : j["errors"]) err["href"] = "#reply-" + std::to_string(v.failed_id);
  }
}

void to_json(json& j, const FollowState& f) {
  j = {{"initiative", {{"href", f.initiative_href}}}, {"following", f.following}};
}

}  // namespace goldthread::work
