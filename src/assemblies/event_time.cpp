// Europe/London times with Howard Hinnant's tz library (Debian's libhowardhinnant-date-dev,
// reading the system's zoneinfo): g++ 12's <chrono> has no time zones yet.
#include "assemblies/event_time.hpp"

#include <date/tz.h>

#include <cstdio>
#include <regex>

#include "assemblies/assemblies.hpp"

namespace goldthread::assemblies {
namespace {

const date::time_zone* london_zone() {
  static const date::time_zone* z = date::locate_zone("Europe/London");
  return z;
}

}  // namespace

std::optional<date::sys_seconds> parse_utc(const std::string& iso) {
  static const std::regex kIso(R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$)");
  std::smatch m;
  if (!std::regex_match(iso, m, kIso)) return std::nullopt;
  auto ymd = date::year(std::stoi(m[1])) / std::stoi(m[2]) / std::stoi(m[3]);
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days(ymd) + std::chrono::hours(std::stoi(m[4])) + std::chrono::minutes(std::stoi(m[5])) +
         std::chrono::seconds(std::stoi(m[6]));
}

std::string format_utc(Clock::time_point t) {
  return date::format("%FT%TZ", std::chrono::time_point_cast<std::chrono::seconds>(t));
}

std::string ics_local(const std::string& utc_iso) {
  auto t = parse_utc(utc_iso);
  if (!t) return "";
  auto zt = date::make_zoned(london_zone(), *t);
  return date::format("%Y%m%dT%H%M%S", zt.get_local_time());
}

std::string ics_utc(const std::string& utc_iso) {
  auto t = parse_utc(utc_iso);
  return t ? date::format("%Y%m%dT%H%M%SZ", *t) : "";
}

LondonTime london(const std::string& utc_iso) {
  auto t = parse_utc(utc_iso);
  if (!t) return {};
  auto zt = date::make_zoned(london_zone(), *t);
  auto local = zt.get_local_time();
  auto info = zt.get_info();
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd(day);
  date::weekday wd(day);
  static const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  LondonTime out;
  out.date = date::format("%F", local);
  out.time = date::format("%H:%M", local);
  out.zone = info.abbrev;
  out.long_date = std::string(kDays[wd.c_encoding()]) + " " + std::to_string(unsigned(ymd.day())) + " " +
                  kMonths[unsigned(ymd.month()) - 1] + " " + std::to_string(int(ymd.year()));
  return out;
}

std::string twelve_hour(const std::string& hhmm) {
  static const std::regex kTime(R"(^([01]\d|2[0-3]):[0-5]\d$)");
  if (!std::regex_match(hhmm, kTime)) return hhmm;
  int h = std::stoi(hhmm.substr(0, 2)), m = std::stoi(hhmm.substr(3, 2));
  std::string suffix = h >= 12 ? "pm" : "am";
  int h12 = h % 12 == 0 ? 12 : h % 12;
  if (h == 12 && m == 0) return "midday";
  return std::to_string(h12) + (m ? ":" + hhmm.substr(3, 2) : "") + suffix;
}

core::Result<std::string> london_to_utc(const std::string& day, const std::string& hhmm) {
  static const std::regex kDay(R"(^(\d{4})-(\d{2})-(\d{2})$)"), kTime(R"(^([01]\d|2[0-3]):([0-5]\d)$)");
  std::smatch d, t;
  if (!std::regex_match(day, d, kDay)) return core::Error::invalid("Enter a real date");
  if (!std::regex_match(hhmm, t, kTime)) return core::Error::invalid("Enter a time like 09:30 or 14:00");
  auto ymd = date::year(std::stoi(d[1])) / std::stoi(d[2]) / std::stoi(d[3]);
  if (!ymd.ok()) return core::Error::invalid("Enter a real date");
  auto local = date::local_days(ymd) + std::chrono::hours(std::stoi(t[1])) + std::chrono::minutes(std::stoi(t[2]));
  auto info = london_zone()->get_info(local);
  if (info.result == date::local_info::nonexistent)
    return core::Error::invalid("That time does not exist in the UK: the clocks go forward an hour that night");
  // Ambiguous (the hour the clocks go back): the first of the two, still in BST.
  auto sys = london_zone()->to_sys(local, date::choose::earliest);
  return date::format("%FT%TZ", sys);
}

}  // namespace goldthread::assemblies
