// The outcomes forms as JSON: each form's resource (action, values as typed, the choices it
// offers) and the template's model (options with their checked state, the error summary).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/page.hpp"
#include "core/text.hpp"
#include "outcomes/form_views.hpp"

namespace goldthread::outcomes {
using nlohmann::json;

namespace {

json indicator_ref(const store::Indicator& ind) {
  return {{"slug", ind.slug}, {"name", ind.name}, {"unit", ind.unit}, {"href", "/indicators/" + ind.slug}};
}

// The place's own areas (not the region or England): what a sign-up may name.
std::vector<const AreaRef*> own_areas(const PlaceFrame& frame) {
  std::vector<const AreaRef*> out;
  for (const auto& r : frame.refs)
    if (r.kind != "region" && r.kind != "country") out.push_back(&r);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

void with_errors(json& j, const core::Error* e) {
  j["has_errors"] = false;
  j["errors"] = json::array();
  j["error_for"] = json::object();
  if (e) core::attach_errors(j, *e);
}

}  // namespace

// --- The KPI form ---------------------------------------------------------------------------

void to_json(json& j, const KpiFormView& f) {
  json ambitions = json::array();
  for (const auto& a : f.frame.ambitions) ambitions.push_back({{"slug", a.slug}, {"title", a.title}});
  const auto& in = f.values;
  j = {{"indicator", indicator_ref(f.indicator)},
       {"action", "/indicators/" + f.indicator.slug + "/kpi"},
       {"ambitions", ambitions},
       {"place", {{"code", f.frame.place_code}, {"name", f.frame.place_name}}},
       {"max_kpis_per_ambition", kMaxKpisPerAmbition},
       {"values",
        {{"ambition", in.ambition_slug},
         {"baseline_value", in.baseline_value},
         {"baseline_period", in.baseline_period},
         {"target_value", in.target_value},
         {"target_period", in.target_period},
         {"area_targets", in.area_targets}}}};
}

void screen_json(json& j, const KpiFormView& f) {
  json ambitions = json::array();
  const auto& in = f.values;
  for (const auto& a : f.frame.ambitions)
    ambitions.push_back(
        {{"value", a.slug}, {"text", a.title}, {"id", "ambition-" + a.slug}, {"checked", a.slug == in.ambition_slug}});
  j = {{"indicator", indicator_ref(f.indicator)},
       {"action", "/indicators/" + f.indicator.slug + "/kpi"},
       {"ambition_options", ambitions},
       {"values",
        {{"baseline_value", in.baseline_value},
         {"baseline_period", in.baseline_period},
         {"target_value", in.target_value},
         {"target_period", in.target_period},
         {"area_targets", core::join(in.area_targets, "\n")}}},
       {"place_name", f.frame.place_name},
       {"max_kpis", kMaxKpisPerAmbition}};
  with_errors(j, f.error);
}

// --- The sign-up form -----------------------------------------------------------------------

void to_json(json& j, const SignUpFormView& f) {
  json orgs = json::array();
  for (const auto& [id, name] : f.organisations) orgs.push_back({{"id", id}, {"name", name}});
  json areas = json::array();
  for (const auto* r : own_areas(f.frame)) areas.push_back({{"code", r->code}, {"name", r->name}});
  json freqs = json::array();
  for (const auto& [value, text] : reporting_frequencies()) freqs.push_back({{"code", value}, {"label", text}});
  const auto& in = f.values;
  j = {{"indicator", indicator_ref(f.indicator)},
       {"action", "/indicators/" + f.indicator.slug + "/sign-up"},
       {"kpis", kpis_json(f.kpis, f.frame, false)},
       {"organisations", orgs},
       {"areas", areas},
       {"frequencies", freqs},
       {"values",
        {{"kpi", f.chosen ? json(f.chosen->kpi.id) : json(nullptr)},
         {"acting_for", in.organisation_id ? json(in.organisation_id) : json(nullptr)},
         {"areas", in.areas},
         {"contribution", in.contribution},
         {"reporter", in.reporter},
         {"frequency", in.frequency}}}};
}

void screen_json(json& j, const SignUpFormView& f) {
  const auto& in = f.values;
  json orgs = json::array();
  for (const auto& [id, name] : f.organisations)
    orgs.push_back({{"value", id}, {"text", name}, {"selected", id == in.organisation_id}});
  json areas = json::array();
  for (const auto* r : own_areas(f.frame))
    areas.push_back(
        {{"value", r->code}, {"text", r->name}, {"id", "areas-" + r->code}, {"checked", has(in.areas, r->code)}});
  json freqs = json::array();
  for (const auto& [value, text] : reporting_frequencies())
    freqs.push_back(
        {{"value", value}, {"text", text}, {"id", "frequency-" + value}, {"checked", value == in.frequency}});
  auto kpis = kpis_json(f.kpis, f.frame, true);
  for (std::size_t i = 0; i < f.kpis.size(); ++i) {
    kpis[i]["checked"] = &f.kpis[i] == f.chosen;
    kpis[i]["option_id"] = "kpi-" + std::to_string(f.kpis[i].kpi.id);
  }
  j = {{"indicator",
        {{"slug", f.indicator.slug}, {"name", f.indicator.name}, {"href", "/indicators/" + f.indicator.slug}}},
       {"kpi_options", kpis},
       {"has_kpis", !kpis.empty()},
       {"one_kpi", kpis.size() == 1},
       {"action", "/indicators/" + f.indicator.slug + "/sign-up"},
       {"organisation_options", orgs},
       {"area_options", areas},
       {"frequency_options", freqs},
       {"values", {{"contribution", in.contribution}, {"reporter", in.reporter}}}};
  with_errors(j, f.error);
}

void to_json(json& j, const KpiAnswer& a) {
  j = {{"id", a.id}, {"href", a.href}};
}

// --- The upload and its background job ------------------------------------------------------

namespace {

constexpr std::size_t kSummaryLines = 20;

json report_json(const ImportReport& rep) {
  json problems = json::array();
  for (const auto& p : rep.problems)
    problems.push_back({{"line", p.row}, {"column", p.column.empty() ? "(row)" : p.column}, {"problem", p.problem}});
  return {{"rows", rep.rows},
          {"created", rep.created},
          {"updated", rep.updated},
          {"unchanged", rep.unchanged},
          {"skipped", rep.skipped},
          {"indicators_created", rep.indicators_created},
          {"written", rep.written},
          {"problems", problems},
          {"problem_count", rep.problem_count},
          {"import_id", rep.import_id ? json(rep.import_id) : json(nullptr)},
          {"error", rep.error.empty() ? json(nullptr) : json(rep.error)}};
}

json values_json(const ImportValues& v) {
  return {{"csv", v.csv},
          {"file_name", v.file_name},
          {"provisional", v.provisional},
          {"embargo_until", v.embargo_until},
          {"skip_invalid", v.skip_invalid}};
}

}  // namespace

core::Error report_error(const ImportReport& rep) {
  if (!rep.error.empty()) return core::Error::invalid(rep.error, {{"csv", rep.error}});
  std::vector<core::FieldError> fields;
  for (std::size_t i = 0; i < rep.problems.size() && i < kSummaryLines; ++i) {
    const auto& p = rep.problems[i];
    fields.push_back(
        {"csv", "Line " + std::to_string(p.row) + (p.column.empty() ? "" : ", " + p.column) + ": " + p.problem});
  }
  if (rep.problem_count > kSummaryLines)
    fields.push_back({"row-report", "and " + core::with_commas(rep.problem_count - kSummaryLines) +
                                        " more problems (see the row report)"});
  return core::Error::invalid("Nothing was imported", std::move(fields));
}

void to_json(json& j, const ImportFormView& f) {
  j = {{"action", "/indicators/import"},
       {"values", values_json(f.values)},
       {"report", f.report ? report_json(*f.report) : json(nullptr)}};
}

void screen_json(json& j, const ImportFormView& f) {
  json report = nullptr;
  if (f.report) {
    const auto& rep = *f.report;
    report = report_json(rep);
    report["has_problems"] = !rep.problems.empty();
    report["rows_text"] = core::count_of(static_cast<std::int64_t>(rep.rows), "row");
    report["problems_text"] = core::count_of(static_cast<std::int64_t>(rep.problem_count), "problem");
    if (rep.error.empty()) report[rep.written ? "confirmation" : "nothing_written"] = true;
  }
  j = {{"values", values_json(f.values)}, {"report", report}};
  with_errors(j, f.error);
}

std::string ImportJobView::href() const {
  return "/indicators/import?job=" + std::to_string(id);
}

void to_json(json& j, const ImportJobView& v) {
  j = {{"id", v.id}, {"status", v.report ? "finished" : "running"}, {"rows_total", v.rows_total}};
  if (v.report) {
    const auto& r = *v.report;
    j["rows_checked"] = r.rows;
    j["written"] = r.written;
    j["created"] = r.created;
    j["updated"] = r.updated;
    j["unchanged"] = r.unchanged;
    j["skipped"] = r.skipped;
    j["problem_count"] = r.problem_count;
    j["error"] = r.error.empty() ? json(nullptr) : json(r.error);
  } else {
    j["rows_checked"] = v.rows_checked;
  }
  j["links"] = {{"self", v.href()}};
}

void screen_json(json& j, const ImportJobView& v) {
  j = {{"href", v.href()},
       {"checked", v.rows_checked},
       {"total", v.rows_total},
       {"checked_text", core::with_commas(v.rows_checked)},
       {"total_text", core::count_of(static_cast<std::int64_t>(v.rows_total), "row")}};
}

}  // namespace goldthread::outcomes
