#pragma once
// Small text helpers shared by capabilities.
#include <string>

namespace goldthread::core {

// "Joint Discharge Teams" → "joint-discharge-teams": lowercase ASCII letters and digits,
// runs of anything else become one hyphen, at most 80 characters. May return "".
std::string slugify(const std::string& text);

}  // namespace goldthread::core
