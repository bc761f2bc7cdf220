#pragma once
// Shared by the readiness handler files (not for other capabilities).
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/http.hpp"
#include "readiness/readiness_views.hpp"

namespace goldthread::readiness {

bool is_place_admin(const core::Principal& p);
std::optional<Round> round_of(core::Context& ctx, core::Connection& c);
core::Response no_round(core::Context& ctx);
RoundPage build_round_page(core::Context& ctx, core::Connection& c, const Round& round);
std::vector<Group> group_labels(core::Connection& c, core::Context& ctx, const std::vector<Submission>& rs,
                                const std::string& by);

}  // namespace goldthread::readiness
