// The statistics pinned to worked examples from their published references (docs/OUTCOMES.md).
#include "outcomes/methods.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "outcomes/csv_reader.hpp"
#include "outcomes/kpis.hpp"

namespace goldthread::outcomes {
namespace {

TEST(OutcomesPeriods, ElsIntervalsAreLabelledInPlainEnglish) {
  EXPECT_EQ(parse_period("2021-09-01/P1Y")->label, "academic year 2021/22");
  EXPECT_EQ(parse_period("2011-01-01/P3Y")->label, "2011 to 2013 (3 years pooled)");
  EXPECT_EQ(parse_period("2019-08-01/P1Y")->label, "academic year 2019/20 (August to July)");
  EXPECT_EQ(parse_period("2021-04-01/P1Y")->label, "financial year 2021/22");
  EXPECT_EQ(parse_period("2023-01-01/P1Y")->label, "2023");
  EXPECT_EQ(parse_period("2024-03-15")->label, "15 March 2024");
  EXPECT_EQ(parse_period("2023-07-01/P1M")->label, "July 2023");
  EXPECT_EQ(parse_period("2015-11-16/P1Y")->label, "year from 16 November 2015");
  EXPECT_EQ(parse_period("2019-01-01/P5Y")->months, 60);
}

TEST(OutcomesPeriods, OtherFormsBecomeTheirIsoInterval) {
  EXPECT_EQ(parse_period("2023/24")->canonical, "2023-04-01/P1Y");
  EXPECT_EQ(parse_period("FY2023/24")->label, "financial year 2023/24");
  EXPECT_EQ(parse_period("AY2023/24")->canonical, "2023-09-01/P1Y");
  EXPECT_EQ(parse_period("2023")->canonical, "2023-01-01/P1Y");
  auto q = parse_period("2024 Q2");
  EXPECT_EQ(q->canonical, "2024-04-01/P3M");
  EXPECT_EQ(q->label, "April to June 2024 (quarter 2)");
  EXPECT_EQ(parse_period("2024-Q1")->label, "January to March 2024 (quarter 1)");
  EXPECT_EQ(parse_period("2024-03")->canonical, "2024-03-01/P1M");
  auto r = parse_period("12 months to 2024-03");
  EXPECT_EQ(r->canonical, "2023-04-01/P12M");
  EXPECT_EQ(r->label, "12 months to March 2024");
  EXPECT_TRUE(r->rolling);
  // Re-parsing the stored form gives the same period.
  EXPECT_EQ(parse_period(r->canonical)->label, r->label);
}

TEST(OutcomesPeriods, NonsenseAndImpossibleDatesAreRefused) {
  for (auto s : {"", "soon", "2023-02-30", "2023/25", "2023 Q5", "2023-13", "2021-09-01/P0Y", "2021-09-01/X1Y",
                 "2021-09-01/P1W", "12 months to 2024-13"})
    EXPECT_FALSE(parse_period(s).has_value()) << s;
}

TEST(OutcomesPeriods, OrderIsByStartThenLength) {
  std::vector<Period> ps;
  for (auto s : {"2022-01-01/P3Y", "2021-09-01/P1Y", "2022-01-01/P1Y", "2020-04-01/P1Y", "2022-01-01"})
    ps.push_back(*parse_period(s));
  std::sort(ps.begin(), ps.end());
  std::vector<std::string> got;
  for (const auto& p : ps) got.push_back(p.canonical);
  EXPECT_EQ(got, (std::vector<std::string>{"2020-04-01/P1Y", "2021-09-01/P1Y", "2022-01-01", "2022-01-01/P1Y",
                                           "2022-01-01/P3Y"}));
}

// Newcombe RG (1998), "Two-sided confidence intervals for the single proportion", Stat Med
// 17:857-872, Table I, method 3 (Wilson score): the worked examples 81/263, 15/148, 0/20, 1/29.
TEST(OutcomesMethods, WilsonMatchesNewcombesWorkedExamples) {
  auto a = wilson(81, 263);
  EXPECT_NEAR(a.lower, 0.2553, 5e-5);
  EXPECT_NEAR(a.upper, 0.3662, 5e-5);
  auto b = wilson(15, 148);
  EXPECT_NEAR(b.lower, 0.0624, 5e-5);
  EXPECT_NEAR(b.upper, 0.1605, 5e-5);
  auto c = wilson(0, 20);
  EXPECT_NEAR(c.lower, 0.0, 5e-5);
  EXPECT_NEAR(c.upper, 0.1611, 5e-5);
  auto d = wilson(1, 29);
  EXPECT_NEAR(d.lower, 0.0061, 5e-5);
  EXPECT_NEAR(d.upper, 0.1718, 5e-5);
  // 99.8% is wider.
  auto w = wilson(81, 263, 0.998);
  EXPECT_LT(w.lower, a.lower);
  EXPECT_GT(w.upper, a.upper);
}

// Byar's method approximates the exact Poisson limits (Breslow & Day 1987, Vol II, p. 69;
// the PHE/APHO technical briefing's formula): for 10 events the exact 95% limits are 4.795 and
// 18.390 (tables of exact Poisson limits), Byar gives them within 0.01.
TEST(OutcomesMethods, ByarApproximatesTheExactPoissonLimits) {
  auto ten = byar(10);
  EXPECT_NEAR(ten.lower, 4.795, 0.01);
  EXPECT_NEAR(ten.upper, 18.390, 0.01);
  auto zero = byar(0);
  EXPECT_EQ(zero.lower, 0);
  EXPECT_NEAR(zero.upper, 3.689, 0.025);  // exact: 3.689; Byar is least accurate at 0
  EXPECT_NEAR(z_for(0.998), 3.0902, 1e-4);
  EXPECT_NEAR(z_for(0.9), 1.6449, 1e-4);
}

// Fingertips: "better"/"worse" when the area's interval does not contain the benchmark value.
TEST(OutcomesMethods, ComparisonFollowsPolarity) {
  Interval above{61.0, 65.0}, around{58.0, 62.0}, below{50.0, 55.0};
  EXPECT_EQ(compare(above, 60.0, Polarity::higher_is_better), Comparison::better);
  EXPECT_EQ(compare(above, 60.0, Polarity::lower_is_better), Comparison::worse);
  EXPECT_EQ(compare(below, 60.0, Polarity::lower_is_better), Comparison::better);
  EXPECT_EQ(compare(around, 60.0, Polarity::higher_is_better), Comparison::similar);
  EXPECT_EQ(compare(above, 60.0, Polarity::neither), Comparison::higher);
  EXPECT_EQ(compare(std::nullopt, 60.0, Polarity::higher_is_better), Comparison::not_compared);
  EXPECT_EQ(compare(above, std::nullopt, Polarity::higher_is_better), Comparison::not_compared);
  // At 99.8% a narrow difference becomes "similar".
  auto wide = rescale(63.0, {61.0, 65.0}, 0.998);
  EXPECT_NEAR(wide.lower, 63.0 - 2.0 * 3.0902 / 1.96, 1e-3);
  EXPECT_EQ(compare(wide, 60.0, Polarity::higher_is_better), Comparison::similar);
}

// Agresti, "Categorical Data Analysis" (2nd ed., 2002), section 3.4.6, Table 3.7: infant
// malformation by mother's alcohol consumption (Graubard and Korn 1987), scores 0, 0.5, 1.5,
// 4, 7: the test statistic for linear trend is 6.57.
TEST(OutcomesMethods, ChiSquareForTrendMatchesAgrestisExample) {
  std::vector<double> o{48, 38, 5, 1, 1};
  std::vector<double> n{48 + 17066, 38 + 14464, 5 + 788, 1 + 126, 1 + 37};
  EXPECT_NEAR(chi_square_trend(o, n, {0, 0.5, 1.5, 4, 7}), 6.57, 0.01);
}

TrendPoint pt(double v, std::optional<Interval> ci = std::nullopt, std::optional<double> num = std::nullopt,
              std::optional<double> den = std::nullopt) {
  TrendPoint p;
  p.value = v;
  p.ci = ci;
  p.numerator = num;
  p.denominator = den;
  return p;
}

TEST(OutcomesMethods, TrendOfTheLastFivePoints) {
  std::vector<TrendPoint> rising;
  for (int i = 0; i < 6; ++i) rising.push_back(pt(0, std::nullopt, 100.0 + 20 * i, 1000.0));
  auto r = trend_of(rising);
  EXPECT_EQ(r.trend, Trend::increasing);
  EXPECT_EQ(r.method, "chi-square test for trend");
  std::vector<TrendPoint> flat;
  for (int i = 0; i < 5; ++i) flat.push_back(pt(0, std::nullopt, 100.0 + (i % 2), 1000.0));
  EXPECT_EQ(trend_of(flat).trend, Trend::no_significant_change);
  std::vector<TrendPoint> falling_ci;
  for (int i = 0; i < 5; ++i) falling_ci.push_back(pt(50.0 - 3 * i, Interval{49.0 - 3 * i, 51.0 - 3 * i}));
  auto f = trend_of(falling_ci);
  EXPECT_EQ(f.trend, Trend::decreasing);
  EXPECT_EQ(f.method, "overlap of the first and last 95% intervals");
  EXPECT_EQ(trend_of({pt(1), pt(2), pt(3), pt(4)}).trend, Trend::not_enough_data);
  EXPECT_EQ(trend_of({pt(1), pt(2), pt(3), pt(4), pt(5)}).trend, Trend::not_enough_data);  // no intervals or counts
}

TEST(OutcomesMethods, TargetStatusByPolarity) {
  // Baseline 60, target 70 (higher is better); halfway through the time: expected 65.
  EXPECT_EQ(target_status(71.0, 0.5, 60, 70, Polarity::higher_is_better), TargetStatus::on_track);
  EXPECT_EQ(target_status(66.0, 0.5, 60, 70, Polarity::higher_is_better), TargetStatus::on_track);
  EXPECT_EQ(target_status(64.7, 0.5, 60, 70, Polarity::higher_is_better), TargetStatus::at_risk);
  EXPECT_EQ(target_status(61.0, 0.5, 60, 70, Polarity::higher_is_better), TargetStatus::off_track);
  EXPECT_EQ(target_status(std::nullopt, 0.5, 60, 70, Polarity::higher_is_better), TargetStatus::no_data);
  // Lower is better: baseline 20, target 10.
  EXPECT_EQ(target_status(9.0, 0.2, 20, 10, Polarity::lower_is_better), TargetStatus::on_track);
  EXPECT_EQ(target_status(19.0, 0.5, 20, 10, Polarity::lower_is_better), TargetStatus::off_track);
}

TEST(OutcomesCsv, ReadsQuotedFieldsAcrossLines) {
  std::istringstream in(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n\"two\nlines\",3\n");
  csv::Reader r(in);
  std::vector<std::string> f;
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"x, y", "say \"hi\""}));
  ASSERT_TRUE(r.next(f));
  EXPECT_EQ(r.line(), 4u);
  EXPECT_EQ(f, (std::vector<std::string>{"two\nlines", "3"}));
  EXPECT_FALSE(r.next(f));
  EXPECT_TRUE(r.error().empty());
  std::istringstream bad("\"open\n");
  csv::Reader rb(bad);
  EXPECT_FALSE(rb.next(f));
  EXPECT_NE(rb.error().find("not closed"), std::string::npos);
  EXPECT_EQ(csv::field("=cmd"), "'=cmd");
  EXPECT_EQ(csv::field("-1.5"), "-1.5");
  EXPECT_EQ(csv::field("a,b"), "\"a,b\"");
}

store::Point point(const std::string& area, const std::string& period, double v) {
  store::Point p;
  p.area_code = area;
  p.period = period;
  p.value = v;
  return p;
}

TEST(OutcomesKpis, FractionElapsedAndTargetStatusOfAKpi) {
  // 2015 to 2030 by start dates; 2023 is 2,922 of 5,479 days on.
  EXPECT_NEAR(fraction_elapsed("2015-01-01/P1Y", "2023-01-01/P1Y", "2030-01-01/P1Y"), 2922.0 / 5479.0, 1e-12);
  EXPECT_EQ(fraction_elapsed("2015-01-01/P1Y", "2040-01-01/P1Y", "2030-01-01/P1Y"), 1.0);
  EXPECT_EQ(fraction_elapsed("2030-01-01/P1Y", "2023-01-01/P1Y", "2015-01-01/P1Y"), 1.0);
  store::Indicator ind;
  ind.polarity = "higher";
  ind.value_type = "percentage";
  store::Kpi kpi;
  kpi.baseline_value = 74;
  kpi.baseline_period = "2015-01-01/P1Y";
  kpi.target_value = 80;
  kpi.target_period = "2030-01-01/P1Y";
  kpi.area_targets = {{"B", 60}};
  std::vector<store::Point> pts = {point("A", "2015-01-01/P1Y", 74), point("B", "2015-01-01/P1Y", 50),
                                   point("A", "2023-01-01/P1Y", 77.5), point("B", "2023-01-01/P1Y", 54)};
  // A: expected 74 + 6 × 0.5333 = 77.2 by 2023; 77.5 is ahead: on track.
  auto a = kpi_status(ind, kpi, pts, "A", "A");
  EXPECT_EQ(a.status, TargetStatus::on_track);
  EXPECT_EQ(a.latest_period, "2023-01-01/P1Y");
  // B: its own baseline (50 in 2015) and target 60: expected 55.33; 54 is 1.33 behind, more
  // than 5% of 10: off track.
  auto b = kpi_status(ind, kpi, pts, "B", "A");
  EXPECT_EQ(*b.baseline, 50);
  EXPECT_EQ(b.status, TargetStatus::off_track);
  // An area without a target of its own has no status.
  EXPECT_FALSE(kpi_status(ind, kpi, pts, "C", "A").has_target);
}

TEST(OutcomesKpis, FreshnessExpectsThePeriodAfterTheLatestOneCadenceAfterItEnds) {
  EXPECT_EQ(next_period(*parse_period("2023"), 12), "2024-01-01/P1Y");
  EXPECT_EQ(next_period(*parse_period("2022-01-01/P3Y"), 12), "2023-01-01/P3Y");
  EXPECT_EQ(next_period(*parse_period("2024 Q1"), 3), "2024-04-01/P3M");
  EXPECT_EQ(cadence_months("Annual", "monthly"), 12);
  EXPECT_EQ(cadence_months("Published occasionally (snapshot)", "quarterly"), 3);
  store::Indicator ind;
  ind.frequency = "Annual";
  store::SignUp s;
  s.areas = {"A", "B"};
  std::vector<store::Point> pts = {point("A", "2023-01-01/P1Y", 1), point("B", "2024-01-01/P1Y", 1)};
  // A's 2024 figure ends 2025-01-01 and is expected by 2026-01-01; B's 2025 one by 2027-01-01.
  auto before = freshness(ind, s, pts, "2025-12-31");
  EXPECT_FALSE(before.due);
  auto after = freshness(ind, s, pts, "2026-01-01");
  EXPECT_TRUE(after.due);
  EXPECT_EQ(after.expected_period, "2024-01-01/P1Y");
  EXPECT_EQ(after.late, std::vector<std::string>{"A"});
  // An area with no figure at all is due.
  s.areas = {"C"};
  EXPECT_TRUE(freshness(ind, s, pts, "2000-01-01").due);
}

}  // namespace
}  // namespace goldthread::outcomes
