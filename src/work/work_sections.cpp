// Sections the work capability adds to other capabilities' pages: initiatives, strategies and
// partners serving each priority (ambition page), everything active in an area (area page),
// and an organisation's strategies and initiatives (organisation page).
#include <map>
#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/page.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "work/work_handlers.hpp"
#include "work/work_store.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using nlohmann::json;

namespace {
constexpr std::int64_t kPerPriority = 10;
constexpr std::int64_t kPerArea = 25;

core::Section make(const std::string& key, const std::string& heading, const std::string& tmpl, json model) {
  return core::make_section(key, heading, tmpl, std::move(model));
}
}  // namespace

std::optional<core::Section> ambition_section(core::Context& ctx, const places::Ambition& ambition) {
  const auto ambition_id = ambition.id;
  auto conn = ctx.db().acquire();
  std::map<std::int64_t, json> by_priority;
  for (const auto& p : ambition.priorities)
    by_priority[p.id] = {{"title", p.title},
                         {"slug", p.slug},
                         {"initiatives", json::array()},
                         {"strategies", json::array()},
                         {"partners", json::array()},
                         {"initiative_count", 0}};
  by_priority[0] = {{"title", "The ambition as a whole"}, {"slug", "whole"},           {"initiatives", json::array()},
                    {"strategies", json::array()},        {"partners", json::array()}, {"initiative_count", 0}};
  for (const auto& [priority_id, n] : initiative_counts_by_priority(*conn, ambition_id))
    if (by_priority.count(priority_id)) by_priority[priority_id]["initiative_count"] = n;
  for (const auto& r : initiatives_by_priority(*conn, ambition_id, kPerPriority))
    if (by_priority.count(r.priority_id))
      by_priority[r.priority_id]["initiatives"].push_back(
          {{"title", r.title}, {"href", "/initiatives/" + r.slug}, {"status", r.detail}, {"basis", r.basis}});
  for (const auto& r : strategies_by_priority(*conn, ambition_id))
    if (by_priority.count(r.priority_id))
      by_priority[r.priority_id]["strategies"].push_back(
          {{"title", r.title}, {"href", "/strategies/" + r.slug}, {"statement", r.detail}});
  for (const auto& r : partners_by_priority(*conn, ambition_id, kPerPriority))
    if (by_priority.count(r.priority_id))
      by_priority[r.priority_id]["partners"].push_back({{"name", r.title}, {"href", "/organisations/" + r.slug}});
  json priorities = json::array();
  for (const auto& p : ambition.priorities) priorities.push_back(by_priority[p.id]);
  auto& whole = by_priority[0];
  if (!whole["initiatives"].empty() || !whole["strategies"].empty()) priorities.push_back(whole);
  for (auto& p : priorities) {
    p["more"] = p["initiative_count"].get<std::int64_t>() > kPerPriority;
    p["nothing"] = p["initiatives"].empty() && p["strategies"].empty();
  }
  return make("work", "Work serving these priorities", "work/ambition_section",
              {{"priorities", priorities}, {"ambition_slug", ambition.slug}});
}

std::optional<core::Section> area_section(core::Context& ctx, const places::Area& area) {
  auto conn = ctx.db().acquire();
  const auto& place = current_place(ctx, *conn);
  if (!place) return std::nullopt;
  const std::string& code = area.code;
  InitiativeFilter f;
  f.place_id = place->id;
  f.area_code = code;
  f.status = "active";
  f.per_page = kPerArea;
  auto page = find_initiatives(*conn, f);
  json initiatives = json::array();
  for (const auto& s : page.items) initiatives.push_back(summary_json(s));
  bool has_wider = false;
  for (const auto& s : page.items) has_wider = has_wider || !s.wider_area.empty();
  // Organisations serving the area or a wider one containing it (Essex County Council for
  // Colchester), marked as such.
  auto orgs = partners::find_organisations(*conn, {"", "", code, 1, static_cast<int>(kPerArea)});
  json organisations = json::array();
  for (const auto& o : orgs.organisations) {
    auto wider = orgs.wider_area.find(o.id);
    has_wider = has_wider || wider != orgs.wider_area.end();
    organisations.push_back({{"name", o.name},
                             {"href", "/organisations/" + o.slug},
                             {"wider_area", wider == orgs.wider_area.end() ? json(nullptr) : json(wider->second)}});
  }
  json strategies = json::array();
  for (const auto& r : strategies_in_area(*conn, place->id, places::area_codes_covering(*conn, code)))
    strategies.push_back({{"title", r.title}, {"href", "/strategies/" + r.slug}});
  json model = {{"initiatives", initiatives},
                {"initiative_total", page.total},
                {"more_initiatives", page.total > kPerArea},
                {"initiatives_href", "/initiatives?status=active&area=" + code},
                {"organisations", organisations},
                {"organisation_total", orgs.total},
                {"more_organisations", orgs.total > kPerArea},
                {"organisations_href", "/organisations?area=" + code},
                {"strategies", strategies},
                {"has_wider", has_wider},
                {"nothing", initiatives.empty() && organisations.empty() && strategies.empty()}};
  return make("work", "Active in this area", "work/area_section", model);
}

std::optional<core::Section> organisation_work_section(core::Context& ctx, const partners::Organisation& organisation) {
  const auto organisation_id = organisation.id;
  auto conn = ctx.db().acquire();
  const auto& place = current_place(ctx, *conn);
  if (!place) return std::nullopt;
  json strategies = json::array();
  for (const auto& s : list_strategies(*conn, place->id, organisation_id))
    strategies.push_back({{"title", s.title}, {"href", "/strategies/" + s.slug}});
  InitiativeFilter f;
  f.place_id = place->id;
  f.organisation_id = organisation_id;
  f.per_page = kPerArea;
  auto page = find_initiatives(*conn, f);
  json initiatives = json::array();
  for (const auto& s : page.items) initiatives.push_back(summary_json(s));
  // Listings by other organisations that this one has not confirmed: shown apart, saying who
  // made them, so nobody reads them as this organisation's own account of its work.
  json claims = json::array();
  auto links = partner_claims_on(*conn, {organisation_id}, "claimed", static_cast<int>(kPerArea));
  std::vector<std::int64_t> by;
  for (const auto& l : links) by.push_back(l.claimed_by_organisation_id);
  auto names = partners::organisation_names(*conn, by);
  for (const auto& l : links)
    claims.push_back(
        {{"title", l.initiative_title},
         {"href", "/initiatives/" + l.initiative_slug},
         {"claim", "listed by " + claimant_name(*conn, l, names) + ", not yet confirmed by " + organisation.name}});
  json model = {{"strategies", strategies},
                {"has_strategies", !strategies.empty()},
                {"claims", claims},
                {"has_claims", !claims.empty()},
                {"initiatives", initiatives},
                {"has_initiatives", !initiatives.empty()},
                {"initiative_total", page.total},
                {"more_initiatives", page.total > kPerArea}};
  return make("work", "Strategies and initiatives", "work/organisation_section", model);
}

}  // namespace goldthread::work
