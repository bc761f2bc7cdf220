#pragma once
// Time helpers inside the capability (iCalendar and the views); the public ones are in
// assemblies.hpp.
#include <date/date.h>

#include <optional>
#include <string>

namespace goldthread::assemblies {

// "2018-09-04T12:00:00Z" → seconds; nullopt when malformed.
std::optional<date::sys_seconds> parse_utc(const std::string& iso);
// For DTSTART;TZID=Europe/London: "20180904T130000".
std::string ics_local(const std::string& utc_iso);
// For DTSTAMP: "20180904T120000Z".
std::string ics_utc(const std::string& utc_iso);
// "13:00" → "1pm", "12:30" → "12:30pm", "12:00" → "midday" (GOV.UK style).
std::string twelve_hour(const std::string& hhmm);

}  // namespace goldthread::assemblies
