#pragma once
// Typed view models of the outcomes forms: the KPI form, the sign-up form (kpi_handlers.cpp) and
// the upload with its background job (import_handlers.cpp). A form page's JSON twin describes
// the form (its action, values and choices); its representations are written in one place,
// form_json.cpp.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "outcomes/kpi_views.hpp"
#include "outcomes/kpis.hpp"
#include "outcomes/outcomes.hpp"

namespace goldthread::outcomes {

// The KPI form (place admins): the indicator, the place's ambitions, what was typed.
struct KpiFormView {
  const store::Indicator& indicator;
  const PlaceFrame& frame;
  const KpiInput& values;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const KpiFormView& f);
void screen_json(nlohmann::json& j, const KpiFormView& f);

// The sign-up form (partner members): the indicator's KPIs (one per ambition), the chosen one,
// the organisations the person acts for, the place's areas and the reporting frequencies.
struct SignUpFormView {
  const store::Indicator& indicator;
  const std::vector<KpiView>& kpis;
  const KpiView* chosen = nullptr;
  const PlaceFrame& frame;
  std::vector<std::pair<std::int64_t, std::string>> organisations = {};  // id, name
  const SignUpInput& values;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const SignUpFormView& f);
void screen_json(nlohmann::json& j, const SignUpFormView& f);

// The answer to saving a KPI or a sign-up: {id, href}.
struct KpiAnswer {
  std::int64_t id = 0;
  std::string href;
};
void to_json(nlohmann::json& j, const KpiAnswer& a);

// The upload form as posted, to fix and submit again after a failed import.
struct ImportValues {
  std::string csv, file_name, embargo_until;
  bool provisional = false, skip_invalid = false;
};
// The upload page: the empty form, the form with its problems, or an import's result (the
// per-row report and the form refilled, or the confirmation).
struct ImportFormView {
  ImportValues values = {};              // empty after a confirmation
  const ImportReport* report = nullptr;  // after an import
  const core::Error* error = nullptr;    // the form's problems, or the report's for the summary
};
void to_json(nlohmann::json& j, const ImportFormView& f);
void screen_json(nlohmann::json& j, const ImportFormView& f);
// The summary's problems of a report that wrote nothing: the first rows' problems (each at the
// CSV field), then how many more; the file's own problem when it has one.
core::Error report_error(const ImportReport& rep);

// A background import (GET /indicators/import?job=N) while it runs, and when it has ended.
struct ImportJobView {
  std::int64_t id = 0;
  std::size_t rows_total = 0, rows_checked = 0;
  const ImportReport* report = nullptr;  // once finished
  std::string href() const;
};
void to_json(nlohmann::json& j, const ImportJobView& v);
void screen_json(nlohmann::json& j, const ImportJobView& v);  // the progress page

}  // namespace goldthread::outcomes
