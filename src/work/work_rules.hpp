#pragma once
// Small pure helpers shared by the work capability's files (not part of its public API).
#include <string>
#include <vector>

namespace goldthread::work {

std::string slugify(const std::string& text);  // "Joint Discharge Teams" → "joint-discharge-teams"
bool is_iso_date(const std::string& s);        // "YYYY-MM-DD" with a plausible month and day
bool is_web_link(const std::string& s);        // http://, https:// or mailto:
bool is_area_code(const std::string& s);       // ONS code, e.g. E07000075

}  // namespace goldthread::work
