// The statistics of docs/OUTCOMES.md: periods, Wilson and Byar intervals, Fingertips'
// comparison with a benchmark, the chi-square test for trend and the target rule.
#include "outcomes/methods.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace goldthread::outcomes {
namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}

// Reads exactly `width` digits at s[pos]; -1 otherwise.
int digits(const std::string& s, std::size_t pos, std::size_t width) {
  if (pos + width > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

struct Ymd {
  int y = 0, m = 0, d = 0;
};
std::optional<Ymd> date_of(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  Ymd r{digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2)};
  if (r.y < 1800 || r.y > 2200 || r.m < 1 || r.m > 12 || r.d < 1 || r.d > days_in(r.y, r.m)) return std::nullopt;
  return r;
}
std::string iso(const Ymd& d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
  return buf;
}
std::string long_date(const Ymd& d) {
  return std::to_string(d.d) + " " + kMonths[d.m - 1] + " " + std::to_string(d.y);
}
std::string two(int y) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%02d", y % 100);
  return buf;
}
std::string span_years(int y) {
  return std::to_string(y) + "/" + two(y + 1);
}
Ymd add_months(Ymd d, int months) {
  int total = d.y * 12 + (d.m - 1) + months;
  d.y = total / 12;
  d.m = total % 12 + 1;
  d.d = std::min(d.d, days_in(d.y, d.m));
  return d;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string label_for(const Ymd& d, int months, bool rolling) {
  if (months == 0) return long_date(d);
  const bool first = d.d == 1;
  if (rolling && months == 12) {
    auto end = add_months(d, 11);
    return "12 months to " + std::string(kMonths[end.m - 1]) + " " + std::to_string(end.y);
  }
  if (months % 12 == 0) {
    int n = months / 12;
    if (n == 1) {
      if (first && d.m == 1) return std::to_string(d.y);
      if (first && d.m == 4) return "financial year " + span_years(d.y);
      if (first && d.m == 9) return "academic year " + span_years(d.y);
      if (first && d.m == 8) return "academic year " + span_years(d.y) + " (August to July)";
      return "year from " + long_date(d);
    }
    if (first && d.m == 1)
      return std::to_string(d.y) + " to " + std::to_string(d.y + n - 1) + " (" + std::to_string(n) + " years pooled)";
    if (first && d.m == 4)
      return "financial years " + span_years(d.y) + " to " + span_years(d.y + n - 1) + " (" + std::to_string(n) +
             " years pooled)";
    if (first && (d.m == 9 || d.m == 8))
      return "academic years " + span_years(d.y) + " to " + span_years(d.y + n - 1) + " (" + std::to_string(n) +
             " years pooled)";
    return std::to_string(n) + " years from " + long_date(d);
  }
  if (months == 1 && first) return std::string(kMonths[d.m - 1]) + " " + std::to_string(d.y);
  if (months == 3 && first && (d.m - 1) % 3 == 0)
    return std::string(kMonths[d.m - 1]) + " to " + kMonths[d.m + 1] + " " + std::to_string(d.y) + " (quarter " +
           std::to_string((d.m - 1) / 3 + 1) + ")";
  return std::to_string(months) + " months from " + long_date(d);
}

Period make(const Ymd& d, int months, bool rolling) {
  Period p;
  p.start = iso(d);
  p.months = months;
  p.rolling = rolling;
  if (months == 0)
    p.canonical = p.start;
  else if (months % 12 == 0 && !rolling)
    p.canonical = p.start + "/P" + std::to_string(months / 12) + "Y";
  else
    p.canonical = p.start + "/P" + std::to_string(months) + "M";
  p.label = label_for(d, months, rolling);
  return p;
}

// "2023/24": the second year must follow the first.
std::optional<int> year_span(const std::string& s) {
  if (s.size() != 7 || s[4] != '/') return std::nullopt;
  int y = digits(s, 0, 4), n = digits(s, 5, 2);
  if (y < 1800 || y > 2200 || n != (y + 1) % 100) return std::nullopt;
  return y;
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
long day_number(const Ymd& d) {
  int y = d.m <= 2 ? d.y - 1 : d.y;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::string months_after(const std::string& iso_date, int months) {
  auto d = date_of(iso_date);
  if (!d) return "";
  return iso(add_months(*d, months));
}

long days_between(const std::string& a, const std::string& b) {
  auto x = date_of(a), y = date_of(b);
  if (!x || !y) return 0;
  return day_number(*y) - day_number(*x);
}

std::optional<Period> parse_period(const std::string& raw) {
  std::string s = lower(raw);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(s.begin());
  if (s.size() > 40) return std::nullopt;
  // ISO 8601: a date, or a date and a duration.
  if (auto d = date_of(s.substr(0, 10))) {
    if (s.size() == 10) return make(*d, 0, false);
    if (s.size() < 14 || s[10] != '/' || s[11] != 'p') return std::nullopt;
    char unit = s.back();
    std::string num = s.substr(12, s.size() - 13);
    if (num.empty() || num.size() > 3 || digits(num, 0, num.size()) < 1) return std::nullopt;
    int n = digits(num, 0, num.size());
    if (unit == 'y' && n <= 50) return make(*d, n * 12, false);
    if (unit == 'm' && n <= 600) return make(*d, n, n == 12);
    return std::nullopt;
  }
  if (s.size() == 4 && digits(s, 0, 4) >= 1800 && digits(s, 0, 4) <= 2200)
    return make({digits(s, 0, 4), 1, 1}, 12, false);
  if (auto y = year_span(s)) return make({*y, 4, 1}, 12, false);
  if (s.rfind("fy", 0) == 0)
    if (auto y = year_span(s.substr(2))) return make({*y, 4, 1}, 12, false);
  if (s.rfind("ay", 0) == 0)
    if (auto y = year_span(s.substr(2))) return make({*y, 9, 1}, 12, false);
  if (s.size() == 7 && (s[4] == ' ' || s[4] == '-') && s[5] == 'q') {
    int y = digits(s, 0, 4), q = digits(s, 6, 1);
    if (y >= 1800 && y <= 2200 && q >= 1 && q <= 4) return make({y, (q - 1) * 3 + 1, 1}, 3, false);
    return std::nullopt;
  }
  if (s.size() == 7 && s[4] == '-') {
    int y = digits(s, 0, 4), m = digits(s, 5, 2);
    if (y >= 1800 && y <= 2200 && m >= 1 && m <= 12) return make({y, m, 1}, 1, false);
    return std::nullopt;
  }
  const std::string rolling = "12 months to ";
  if (s.rfind(rolling, 0) == 0 && s.size() == rolling.size() + 7) {
    auto rest = s.substr(rolling.size());
    int y = digits(rest, 0, 4), m = digits(rest, 5, 2);
    if (rest[4] == '-' && y >= 1800 && y <= 2200 && m >= 1 && m <= 12)
      return make(add_months({y, m, 1}, -11), 12, true);
  }
  return std::nullopt;
}

double z_for(double level) {
  if (std::abs(level - 0.95) < 1e-12) return 1.959963984540054;
  if (std::abs(level - 0.998) < 1e-12) return 3.090232306167813;
  // Two-sided: find z with P(|Z| > z) = 1 - level, by bisection on erfc.
  double target = 1 - level, lo = 0, hi = 10;
  for (int i = 0; i < 200; ++i) {
    double mid = (lo + hi) / 2;
    (std::erfc(mid / std::sqrt(2.0)) > target ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

Interval wilson(double x, double n, double level) {
  double z = z_for(level), z2 = z * z;
  double root = z * std::sqrt(z2 + 4 * x * (1 - x / n));
  return {(2 * x + z2 - root) / (2 * (n + z2)), (2 * x + z2 + root) / (2 * (n + z2))};
}

Interval byar(double o, double level) {
  double z = z_for(level);
  double lo = 0;
  if (o > 0) lo = o * std::pow(1 - 1 / (9 * o) - z / (3 * std::sqrt(o)), 3);
  double u = o + 1;
  double hi = u * std::pow(1 - 1 / (9 * u) + z / (3 * std::sqrt(u)), 3);
  return {std::max(0.0, lo), hi};
}

Comparison compare(std::optional<Interval> area, std::optional<double> benchmark, Polarity p) {
  if (!area || !benchmark) return Comparison::not_compared;
  int side = area->lower > *benchmark ? 1 : (area->upper < *benchmark ? -1 : 0);
  if (side == 0) return Comparison::similar;
  switch (p) {
    case Polarity::higher_is_better:
      return side > 0 ? Comparison::better : Comparison::worse;
    case Polarity::lower_is_better:
      return side < 0 ? Comparison::better : Comparison::worse;
    case Polarity::neither:
      break;
  }
  return side > 0 ? Comparison::higher : Comparison::lower;
}

Interval rescale(double value, Interval ci95, double level) {
  double k = z_for(level) / z_for(0.95);
  return {value - (value - ci95.lower) * k, value + (ci95.upper - value) * k};
}

std::string comparison_label(Comparison c) {
  switch (c) {
    case Comparison::better:
      return "Better";
    case Comparison::similar:
      return "Similar";
    case Comparison::worse:
      return "Worse";
    case Comparison::higher:
      return "Higher";
    case Comparison::lower:
      return "Lower";
    case Comparison::not_compared:
      break;
  }
  return "Not compared";
}
std::string comparison_key(Comparison c) {
  switch (c) {
    case Comparison::better:
      return "better";
    case Comparison::similar:
      return "similar";
    case Comparison::worse:
      return "worse";
    case Comparison::higher:
      return "higher";
    case Comparison::lower:
      return "lower";
    case Comparison::not_compared:
      break;
  }
  return "not-compared";
}

double chi_square_trend(const std::vector<double>& o, const std::vector<double>& n, const std::vector<double>& x) {
  double big_n = 0, r = 0, sx = 0, sxx = 0, sxo = 0;
  for (std::size_t i = 0; i < o.size(); ++i) {
    big_n += n[i];
    r += o[i];
    sx += n[i] * x[i];
    sxx += n[i] * x[i] * x[i];
    sxo += x[i] * o[i];
  }
  if (big_n <= 0) return 0;
  double p = r / big_n;
  double t = sxo - p * sx;
  double var = p * (1 - p) * (sxx - sx * sx / big_n);
  return var > 0 ? t * t / var : 0;
}

TrendResult trend_of(const std::vector<TrendPoint>& points, double level) {
  TrendResult res;
  if (points.size() < 5) return res;
  std::vector<TrendPoint> last(points.end() - 5, points.end());
  bool counts = std::all_of(last.begin(), last.end(), [](const TrendPoint& p) {
    return p.numerator && p.denominator && *p.denominator > 0 && *p.numerator >= 0 && *p.numerator <= *p.denominator;
  });
  if (counts) {
    std::vector<double> o, n, x;
    for (std::size_t i = 0; i < last.size(); ++i) {
      o.push_back(*last[i].numerator);
      n.push_back(*last[i].denominator);
      x.push_back(static_cast<double>(i + 1));
    }
    res.method = "chi-square test for trend";
    res.statistic = chi_square_trend(o, n, x);
    double crit = z_for(level) * z_for(level);
    double first = o.front() / n.front(), final = o.back() / n.back();
    // Direction from the sign of the trend statistic's numerator: the later points' share.
    double big_n = 0, r = 0, sx = 0, sxo = 0;
    for (std::size_t i = 0; i < o.size(); ++i) big_n += n[i], r += o[i], sx += n[i] * x[i], sxo += x[i] * o[i];
    double t = sxo - (r / big_n) * sx;
    (void)first, (void) final;
    res.trend = res.statistic <= crit ? Trend::no_significant_change : (t > 0 ? Trend::increasing : Trend::decreasing);
    return res;
  }
  if (last.front().ci && last.back().ci) {
    res.method = "overlap of the first and last 95% intervals";
    const auto& a = *last.front().ci;
    const auto& b = *last.back().ci;
    res.trend =
        b.lower > a.upper ? Trend::increasing : (b.upper < a.lower ? Trend::decreasing : Trend::no_significant_change);
    return res;
  }
  return res;
}

std::string trend_label(Trend t) {
  switch (t) {
    case Trend::increasing:
      return "Increasing";
    case Trend::decreasing:
      return "Decreasing";
    case Trend::no_significant_change:
      return "No significant change";
    case Trend::not_enough_data:
      break;
  }
  return "Not tested";
}
std::string trend_key(Trend t) {
  switch (t) {
    case Trend::increasing:
      return "increasing";
    case Trend::decreasing:
      return "decreasing";
    case Trend::no_significant_change:
      return "no-significant-change";
    case Trend::not_enough_data:
      break;
  }
  return "not-tested";
}

TargetStatus target_status(std::optional<double> latest, double f, double baseline, double target, Polarity p) {
  if (!latest) return TargetStatus::no_data;
  double v = *latest;
  double distance = std::abs(target - baseline);
  double tolerance = 0.05 * distance;
  if (p == Polarity::higher_is_better && v >= target) return TargetStatus::on_track;
  if (p == Polarity::lower_is_better && v <= target) return TargetStatus::on_track;
  if (p == Polarity::neither && std::abs(v - target) <= tolerance) return TargetStatus::on_track;
  f = std::clamp(f, 0.0, 1.0);
  double expected = baseline + (target - baseline) * f;
  double dir = target > baseline ? 1.0 : (target < baseline ? -1.0 : (p == Polarity::lower_is_better ? -1.0 : 1.0));
  double behind = dir * (expected - v);
  if (behind <= 0) return TargetStatus::on_track;
  if (behind <= tolerance) return TargetStatus::at_risk;
  return TargetStatus::off_track;
}
std::string target_label(TargetStatus s) {
  switch (s) {
    case TargetStatus::on_track:
      return "On track";
    case TargetStatus::at_risk:
      return "At risk";
    case TargetStatus::off_track:
      return "Off track";
    case TargetStatus::no_data:
      break;
  }
  return "No data";
}
std::string target_key(TargetStatus s) {
  switch (s) {
    case TargetStatus::on_track:
      return "on-track";
    case TargetStatus::at_risk:
      return "at-risk";
    case TargetStatus::off_track:
      return "off-track";
    case TargetStatus::no_data:
      break;
  }
  return "no-data";
}

Polarity parse_polarity(const std::string& s) {
  auto l = lower(s);
  if (l == "higher" || l == "higher is better") return Polarity::higher_is_better;
  if (l == "lower" || l == "lower is better") return Polarity::lower_is_better;
  return Polarity::neither;
}
std::string polarity_key(Polarity p) {
  return p == Polarity::higher_is_better ? "higher" : (p == Polarity::lower_is_better ? "lower" : "neither");
}
std::string polarity_label(Polarity p) {
  return p == Polarity::higher_is_better
             ? "Higher is better"
             : (p == Polarity::lower_is_better ? "Lower is better" : "Neither higher nor lower is better");
}

}  // namespace goldthread::outcomes
