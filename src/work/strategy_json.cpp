// The strategy pages' two representations, in one place: the resource (docs/API.md
// "Strategies") and the template's model.
#include <nlohmann/json.hpp>

#include "core/json_values.hpp"
#include "core/text.hpp"
#include "work/strategy_views.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using nlohmann::json;

namespace {

json owner_of(const StrategyView& v) {
  return {{"name", v.owner.name}, {"href", v.owner.href.empty() ? json(nullptr) : json(v.owner.href)}};
}

// What people read: "1 April 2020 to 31 March 2025" (the resource keeps the ISO dates).
json period_text(const Strategy& s) {
  if (s.period_start.empty() && s.period_end.empty()) return nullptr;
  auto day = [](const std::string& d) { return d.empty() ? std::string("not set") : core::display_date(d); };
  return day(s.period_start) + " to " + day(s.period_end);
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

json summary_resource(const StrategyView& v) {
  const auto& s = v.strategy;
  return {{"id", s.id},
          {"slug", s.slug},
          {"href", "/strategies/" + s.slug},
          {"title", s.title},
          {"summary", s.summary},
          {"owner", owner_of(v)},
          {"period_start", core::text_or_null(s.period_start)},
          {"period_end", core::text_or_null(s.period_end)}};
}

}  // namespace

void to_json(json& j, const StrategyView& v) {
  j = summary_resource(v);
  j["url"] = core::text_or_null(v.strategy.url);
  j["alignments"] = alignments_of(v.alignments);
}

void screen_json(json& j, const StrategyView& v, const StrategyScreen& s) {
  const auto& st = v.strategy;
  auto al = alignments_of(v.alignments);
  j = {{"strategy",
        {{"slug", st.slug},
         {"title", st.title},
         {"summary", st.summary},
         {"owner", owner_of(v)},
         {"period", period_text(st)},
         {"period_text", period_text(st)},
         {"url", core::text_or_null(st.url)},
         {"alignments", al},
         {"has_alignments", !al.empty()}}},
       {"can_edit", s.can_edit},
       {"banner", s.banner ? json(*s.banner) : json(nullptr)}};
}

void to_json(json& j, const StrategiesView& v) {
  json items = json::array();
  for (const auto& s : v.strategies) items.push_back(summary_resource(s));
  j = {{"strategies", items}, {"total", items.size()}};
}

void screen_json(json& j, const StrategiesView& v, bool can_create) {
  json items = json::array();
  for (const auto& sv : v.strategies) {
    const auto& s = sv.strategy;
    items.push_back({{"slug", s.slug},
                     {"title", s.title},
                     {"summary", s.summary},
                     {"href", "/strategies/" + s.slug},
                     {"owner", owner_of(sv)},
                     {"period", period_text(s)},
                     {"period_text", period_text(s)}});
  }
  j = {{"strategies", items}, {"has_strategies", !items.empty()}, {"total", items.size()}, {"can_create", can_create}};
}

}  // namespace goldthread::work
