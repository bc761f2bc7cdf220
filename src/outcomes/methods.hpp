#pragma once
// The outcomes capability's statistics: pure functions, no database, no HTTP. Each method is
// named on the pages that use it and described, with its reference, in docs/OUTCOMES.md;
// methods_test.cpp pins each to worked examples from that reference.
#include <optional>
#include <string>
#include <vector>

namespace goldthread::outcomes {

// --- Periods ---------------------------------------------------------------------------
// A period as stored: canonical text (an ISO 8601 date or date/duration interval), its start
// date and length in months (0 for a snapshot date), and a plain-English label.
struct Period {
  std::string canonical;  // "2021-09-01/P1Y", "2024-03-31", "2023-04-01/P12M"
  std::string start;      // "YYYY-MM-DD"
  int months = 0;         // 0 = a snapshot on `start`
  bool rolling = false;   // written as rolling twelve months ("12 months to March 2024")
  std::string label;      // "academic year 2021/22", "2011 to 2013 (3 years pooled)"
  // Sort key: start date, then length (a year before a three-year period starting with it).
  bool operator<(const Period& o) const { return start != o.start ? start < o.start : months < o.months; }
};

// Accepts, case-insensitively:
//   ELS/ISO 8601: "YYYY-MM-DD" (snapshot), "YYYY-MM-DD/PnY", "YYYY-MM-DD/PnM" (n 1..50 / 1..600)
//   calendar year "2023"; financial year "2023/24" or "FY2023/24" (April to March);
//   academic year "AY2023/24" (September to August); quarter "2023 Q1" or "2023-Q1"
//   (calendar quarters); month "2023-04"; rolling twelve months "12 months to 2024-03".
// nullopt when the text is none of these (or names an impossible date).
std::optional<Period> parse_period(const std::string& text);

// Date arithmetic on "YYYY-MM-DD": the date `months` later (the day clamped to the month's
// length; "" for a bad date), and the days from a to b (0 for a bad date).
std::string months_after(const std::string& iso_date, int months);
long days_between(const std::string& a, const std::string& b);

// --- Confidence intervals ----------------------------------------------------------------
struct Interval {
  double lower = 0, upper = 0;
};
// z for a two-sided level: 1.959964 for 0.95, 3.090232 for 0.998 (other levels: by inversion).
double z_for(double level);
// Wilson score interval for the proportion x/n (0 <= x <= n, n > 0), as a proportion.
Interval wilson(double x, double n, double level = 0.95);
// Byar's approximation to the exact Poisson interval for an observed count o (>= 0):
// returned for the count itself; divide by the denominator (times the multiplier) for a rate.
Interval byar(double o, double level = 0.95);

// --- Comparison with a benchmark (Fingertips) ---------------------------------------------
enum class Polarity { higher_is_better, lower_is_better, neither };
enum class Comparison { better, similar, worse, higher, lower, not_compared };
// The area's interval against the benchmark's value: the interval lies wholly above, wholly
// below, or contains it. With polarity: better/similar/worse; without: higher/similar/lower.
// No interval: not_compared.
Comparison compare(std::optional<Interval> area, std::optional<double> benchmark, Polarity p);
// A 95% interval widened (or narrowed) to another level, assuming it is symmetric on the
// value's scale (normal approximation): used for 99.8% when only 95% limits are published.
Interval rescale(double value, Interval ci95, double level);
std::string comparison_label(Comparison c);  // "Better", "Similar", ..., "Not compared"
std::string comparison_key(Comparison c);    // "better", ..., "not-compared"

// --- Trend over the last five points -----------------------------------------------------
enum class Trend { increasing, decreasing, no_significant_change, not_enough_data };
struct TrendPoint {
  double value = 0;
  std::optional<Interval> ci;                    // 95%
  std::optional<double> numerator, denominator;  // counts, when published
};
struct TrendResult {
  Trend trend = Trend::not_enough_data;
  std::string method;    // "chi-square test for trend" | "interval overlap of first and last" | ""
  double statistic = 0;  // chi-square (1 df) when that method was used
};
// Chi-square test for linear trend in proportions (Cochran-Armitage) on counts o_i of n_i,
// scored x_i: returns the statistic (1 degree of freedom).
double chi_square_trend(const std::vector<double>& o, const std::vector<double>& n, const std::vector<double>& x);
// The last five points (oldest first): the chi-square test for trend (at `level`) when every
// point has a numerator and denominator; otherwise, when every point has a 95% interval, the
// intervals of the first and last point (no overlap = a change); otherwise not_enough_data.
TrendResult trend_of(const std::vector<TrendPoint>& points, double level = 0.95);
std::string trend_label(Trend t);
std::string trend_key(Trend t);

// --- Against a target ---------------------------------------------------------------------
enum class TargetStatus { on_track, at_risk, off_track, no_data };
// Rule (docs/OUTCOMES.md): the latest value has met the target (by polarity) → on track;
// otherwise the straight line from the baseline to the target, at the latest period's share
// of the way (elapsed / total): met → on track; within 5% of the total distance → at risk;
// else off track. No latest value or baseline → no data. Polarity "neither": met = within 5%.
TargetStatus target_status(std::optional<double> latest, double latest_fraction_elapsed, double baseline, double target,
                           Polarity p);
std::string target_label(TargetStatus s);
std::string target_key(TargetStatus s);

Polarity parse_polarity(const std::string& s);  // "higher", "lower", anything else: neither
std::string polarity_key(Polarity p);           // "higher" | "lower" | "neither"
std::string polarity_label(Polarity p);

}  // namespace goldthread::outcomes
