#pragma once
// The opinion capability's public header: the Pol.is opinion-mapping engine (PCA, clusters,
// representative and consensus statements, comment priorities) and the Pol.is CSV readers.
// See README.md in this folder.

#include "opinion/analysis_json.hpp"  // IWYU pragma: export
#include "opinion/engine.hpp"         // IWYU pragma: export
#include "opinion/polis_csv.hpp"      // IWYU pragma: export
#include "opinion/replay.hpp"         // IWYU pragma: export
#include "opinion/result.hpp"         // IWYU pragma: export
#include "opinion/types.hpp"          // IWYU pragma: export
