// The representations of the KPI freshness page, in one place (outcomes/freshness_views.hpp).
#include <nlohmann/json.hpp>

#include "core/page.hpp"
#include "core/text.hpp"
#include "outcomes/freshness_views.hpp"

namespace goldthread::outcomes {
using nlohmann::json;

namespace {

// `screen` adds what only the template reads (labels, counts as text).
json freshness_json(const FreshnessView& v, bool screen) {
  json orgs = json::array();
  for (const auto& o : v.organisations) {
    json items = json::array();
    for (const auto& it : o.items) {
      const auto& k = *it.kpi;
      json x;
      signup_json(x, *it.signup, k.indicator, v.frame, screen);
      x["kpi"] = {{"id", k.kpi.id},
                  {"indicator", {{"slug", k.indicator.slug}, {"name", k.indicator.name}}},
                  {"href", "/indicators/" + k.indicator.slug + "#kpis"},
                  {"ambition", k.kpi.ambition_slug}};
      if (screen) x["kpi"]["ambition_title"] = k.ambition_title;
      items.push_back(std::move(x));
    }
    json j = {
        {"organisation",
         {{"id", o.organisation.id}, {"name", o.organisation.name}, {"href", "/organisations/" + o.organisation.slug}}},
        {"kpis", items},
        {"due", o.due}};
    if (screen) j["due_text"] = o.due ? core::count_of(o.due, "KPI needs", "KPIs need") + " a figure" : "Up to date";
    orgs.push_back(std::move(j));
  }
  json model = {{"organisations", orgs},
                {"rule",
                 "A KPI needs a figure when, for one of the areas the organisation signed up for, the period after "
                 "the latest figure (one update later: a year for annual indicators) has ended and one more update "
                 "interval has passed, the time allowed to publish it. Areas with no figure at all need one too."},
                {"links", {{"self", "/indicators/freshness"}}}};
  if (screen) {
    model["has_organisations"] = !orgs.empty();
    model["summary"] = core::count_of(static_cast<std::int64_t>(v.organisations.size()), "organisation") +
                       " signed up; " + core::count_of(static_cast<std::int64_t>(v.due), "sign-up") +
                       " waiting for a figure";
  }
  return model;
}

}  // namespace

void to_json(json& j, const FreshnessView& v) {
  j = freshness_json(v, false);
}

void screen_json(json& j, const FreshnessView& v) {
  j = freshness_json(v, true);
}

core::Section organisation_kpis_section_of(const OrganisationKpisView& v, bool screen) {
  json items = json::array();
  for (const auto& k : v.kpis) {
    json kj;
    kpi_json(kj, k, v.frame, screen);
    if (!k.signups.empty()) {
      json sj;
      signup_json(sj, k.signups.front(), k.indicator, v.frame, screen);
      kj["signup"] = sj;
    }
    kj.erase("signups");
    items.push_back(std::move(kj));
  }
  return core::make_section("shared-kpis", "Shared KPIs", "outcomes/organisation_section",
                            {{"kpis", items}, {"freshness_href", "/indicators/freshness"}});
}

}  // namespace goldthread::outcomes
