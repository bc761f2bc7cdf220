#include "outcomes/outcomes_rules.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace goldthread::outcomes {
namespace {
bool has(const std::string& s, const char* part) {
  return s.find(part) != std::string::npos;
}
std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

bool is_comparator_code(const std::string& code) {
  if (code.size() != 9) return false;
  for (std::size_t i = 1; i < 9; ++i)
    if (!std::isdigit(static_cast<unsigned char>(code[i]))) return false;
  return code.rfind("E12", 0) == 0 || code == "E92000001" || code == "K02000001" || code == "K03000001" ||
         code == "K04000001";
}

std::string value_type_for(const std::string& unit_in, const std::string& measure_in) {
  auto unit = lower(unit_in), measure = lower(measure_in);
  if (unit == "%" || has(measure, "percentage")) return "percentage";
  if (has(unit, "rate per") || has(measure, "rate per")) return "rate";
  if (has(unit, "£") || has(measure, "pounds")) return "money";
  if (has(measure, "mean") || has(unit, "score")) return "mean";
  if (has(unit, "years")) return "years";
  if (has(unit, "ratio") || has(measure, "ratio") || has(measure, "index")) return "index";
  if (has(unit, "number")) return "count";
  return "other";
}

long multiplier_for(const std::string& unit_in) {
  auto unit = lower(unit_in);
  auto at = unit.find("rate per ");
  if (at == std::string::npos) return 0;
  long m = 0;
  for (std::size_t i = at + 9; i < unit.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(unit[i])))
      m = m * 10 + (unit[i] - '0');
    else if (unit[i] != ',')
      break;
    if (m > 100000000) return 0;
  }
  return m;
}

bool suppressed(std::optional<double> value, std::optional<double> numerator, const std::string& value_type,
                long threshold) {
  if (!value) return true;  // suppressed by the source
  if (threshold <= 0) return false;
  if (numerator) return *numerator < static_cast<double>(threshold);
  return value_type == "count" && *value < static_cast<double>(threshold);
}

std::string format_value(double v, const std::string& unit, const std::string& value_type) {
  char buf[64];
  if (value_type == "money" || value_type == "count") {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  }
  std::string s = buf;
  // Thousands separators for the whole part.
  auto dot = s.find('.');
  std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot);
  bool neg = !whole.empty() && whole[0] == '-';
  if (neg) whole.erase(0, 1);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  s = (neg ? "-" : "") + grouped + frac;
  if (unit == "%") return s + "%";
  if (unit == "£") return "£" + s;
  return s;
}

}  // namespace goldthread::outcomes
