#pragma once
// Shared by the capability's services (not for other capabilities).
#include <nlohmann/json_fwd.hpp>

#include "assemblies/assemblies.hpp"

namespace goldthread::assemblies {

// Inside a transaction that holds the event's lock: expires offers whose time is up (telling
// the person) and offers each free place to the next person waiting, in order, by mail.
void pass_on_places(core::Connection& c, const core::audit::Actor& actor, const Event& e, std::int64_t capacity,
                    Clock::time_point now, const Origin& from);
std::string event_audit_json(const Event& e);

}  // namespace goldthread::assemblies
