#pragma once
// Small pure rules of the outcomes capability (no database): comparator codes, value types
// from the published unit, suppression.
#include <optional>
#include <string>

namespace goldthread::outcomes {

// A comparator that is not an area of the place: a region (E12…), England (E92000001), or
// the UK, Great Britain, England and Wales (K02000001, K03000001, K04000001).
bool is_comparator_code(const std::string& code);
inline constexpr const char* kEngland = "E92000001";
// percentage, rate, money, mean, count, years, index, other — from ELS's unit and measure.
std::string value_type_for(const std::string& unit, const std::string& measure);
// "Rate per 100,000 population" → 100000; 0 when the unit is not a rate.
long multiplier_for(const std::string& unit);
// A count below the threshold (numerator, or the value itself for a count) is suppressed.
bool suppressed(std::optional<double> value, std::optional<double> numerator, const std::string& value_type,
                long threshold);
// A value for people: "21.5%", "£612", "7.4" — rounded to one decimal place (none for counts and money).
std::string format_value(double v, const std::string& unit, const std::string& value_type);

}  // namespace goldthread::outcomes
