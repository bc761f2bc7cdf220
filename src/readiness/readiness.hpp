#pragma once
// The readiness capability: rounds of self-assessment against the nine building blocks of
// collaborative place-based systems, with a versioned framework, anonymity per round (a
// threshold and complementary suppression), a heat map, radar charts, comparison of two rounds,
// and actions on the weak blocks kept as commitments (pledges.hpp, kind "readiness-action").
//
// Tables: readiness_frameworks, readiness_rounds, readiness_responses, readiness_answers,
// readiness_actions (migrations/0001_create_readiness.sql). See README.md.
#include "core/result.hpp"
#include "core/seed.hpp"
#include "core/storage.hpp"

namespace goldthread::core {
class Registry;
}

namespace goldthread::readiness {

// The bundled framework (data/readiness/essex-framework.json beside data/places/) as version
// 1, and its example round (labelled as an example) with example answers, into a database that
// has no framework yet. One transaction; idempotent.
core::Result<core::SeedReport> seed_bundled(core::Database& db, const std::string& place_file);

void register_module(core::Registry& registry);

}  // namespace goldthread::readiness
