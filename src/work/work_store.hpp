#pragma once
// Helpers shared by the work capability's stores (not part of its public API).
#include <string>
#include <vector>

#include "core/storage.hpp"
#include "work/work.hpp"

namespace goldthread::work {

std::vector<std::string> strings_from_json(const std::string& text);
// "" when every alignment names an ambition of the place and, if any, one of its priorities;
// otherwise a message for the form.
std::string check_alignments(core::Connection& c, std::int64_t place_id, const std::vector<Alignment>& alignments);

// Per-field errors of a strategy (title, owner_organisation_id, period, url, alignments).
std::vector<core::FieldError> validate_strategy(core::Connection& c, const Strategy& s);

}  // namespace goldthread::work
