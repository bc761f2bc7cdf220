#pragma once
// Shared KPIs (issue 12.6): the partnership marks a few indicators as KPIs of an ambition with
// a baseline and a target (overall or per area); organisations sign up to them. Internal to
// the outcomes folder: the services (kpi_service.cpp) and the pure rules for target status and
// data freshness (docs/OUTCOMES.md, "KPIs, targets and freshness").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.hpp"
#include "core/result.hpp"
#include "core/storage.hpp"
#include "outcomes/methods.hpp"
#include "outcomes/outcomes_store.hpp"

namespace goldthread::outcomes {

// Limits (docs/LIMITS.md).
inline constexpr std::int64_t kMaxKpisPerAmbition = 5;
inline constexpr std::size_t kMaxAreaTargets = 20;
inline constexpr std::size_t kMaxContribution = 2000;
inline constexpr std::size_t kMaxReporter = 200;
inline constexpr std::size_t kMaxNumberText = 40;

struct KpiInput {
  std::string ambition_slug, baseline_value, baseline_period, target_value, target_period;
  std::vector<std::string> area_targets;  // "CODE VALUE", one a line
};
struct SignUpInput {
  std::int64_t organisation_id = 0;
  std::vector<std::string> areas;
  std::string contribution, reporter, frequency;  // frequency: monthly | quarterly | annually
};

// The reporting frequencies a sign-up may choose: (value, label).
const std::vector<std::pair<std::string, std::string>>& reporting_frequencies();

// Validates and saves (insert or update by indicator and ambition) in one transaction,
// audited ("kpi"). `ambitions`: the place's ambition slugs; `areas`: the place's area codes.
// At most kMaxKpisPerAmbition per ambition. Links the indicator to the ambition if it was not.
core::Result<store::Kpi> save_kpi(core::Database& db, const core::audit::Actor& actor, const store::Indicator& ind,
                                  const KpiInput& in, const std::vector<std::string>& ambitions,
                                  const std::vector<std::string>& areas);
// An organisation's sign-up (insert or update by KPI and organisation), audited ("kpi-signup").
core::Result<store::SignUp> sign_up(core::Database& db, const core::audit::Actor& actor, const store::Kpi& kpi,
                                    const SignUpInput& in, const std::vector<std::string>& areas);

// --- Pure rules ------------------------------------------------------------------------------
// The share of the way from the baseline period to the target period at `latest` (by start
// dates, clamped to 0..1; 1 when the target period does not start after the baseline).
double fraction_elapsed(const std::string& baseline_period, const std::string& latest_period,
                        const std::string& target_period);

struct AreaKpiStatus {
  std::optional<double> target, baseline, latest;
  std::string latest_period;  // canonical; "" when no figure
  TargetStatus status = TargetStatus::no_data;
  bool has_target = false;
};
// The KPI at one area: the area's own target if it has one (its baseline: its figure at the
// baseline period, else the KPI's), the KPI's target for `place_code` (the place as a whole),
// no target elsewhere. `points`: the indicator's public points.
AreaKpiStatus kpi_status(const store::Indicator& ind, const store::Kpi& kpi, const std::vector<store::Point>& points,
                         const std::string& area_code, const std::string& place_code);

// Months between expected figures: the indicator's frequency when it names one ("Annual",
// "Quarterly", "Monthly"), else the sign-up's reporting frequency.
int cadence_months(const std::string& indicator_frequency, const std::string& signup_frequency);

struct Freshness {
  bool due = false;               // some area lacks the figure for the latest expected period
  std::string expected_period;    // canonical period that was expected (the first one missing)
  std::vector<std::string> late;  // the areas without it (or without any figure)
};
// Rule: for each area, the period after its latest figure (one cadence later, the same length)
// is expected once it has ended and one further cadence has passed (time to publish); an area
// with no figure at all is due. `today` "YYYY-MM-DD".
Freshness freshness(const store::Indicator& ind, const store::SignUp& s, const std::vector<store::Point>& points,
                    const std::string& today);
// The period `months` after `p` with p's length, as canonical text ("2024-01-01/P1Y").
std::string next_period(const Period& p, int months);

}  // namespace goldthread::outcomes
