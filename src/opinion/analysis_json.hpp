#pragma once
// JSON form of an Analysis (keys documented in README.md). Participant and comment ids are
// the source ids. Pure function; no I/O.

#include <string>

#include "opinion/engine.hpp"

namespace goldthread::opinion {

std::string analysis_to_json(const Analysis& analysis, const VoteMatrix& matrix, int indent = -1);

}  // namespace goldthread::opinion
