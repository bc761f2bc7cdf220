#pragma once
// View models shared by the pages and their JSON twins.
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "assemblies/assemblies.hpp"
#include "core/context.hpp"

namespace goldthread::assemblies {

std::string kind_label(const std::string& kind);
// "Tuesday 4 September 2018, 1pm to 5pm" (and the zone when it helps: BST/GMT in JSON).
std::string when_label(const Event& e);
// A list entry: slug, title, kind, when, venue, href, is_example, starts_at, ends_at.
nlohmann::json event_summary(const Event& e);
// Origin for services from the request (request id, public address).
Origin origin_of(core::Context& ctx);
// The current time, as services take it.
std::string now_text();

}  // namespace goldthread::assemblies
