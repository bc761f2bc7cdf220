#pragma once
// Follows, a core service called by name: a person follows a resource of any capability
// (an initiative today; a consultation or an assembly later). The owning capability checks
// that the resource exists and writes the audit record in the same transaction.
//   if (core::follows::follow(conn, "initiative", id, user_id)) core::audit::record(...);
// Table follows (core/migrations/0004).
#include <cstdint>
#include <string>
#include <vector>

#include "core/storage.hpp"

namespace goldthread::core::follows {

// true when this call added the follow (false: already following).
bool follow(Connection& c, const std::string& type, std::int64_t id, std::int64_t user_id);
// true when this call removed a follow.
bool unfollow(Connection& c, const std::string& type, std::int64_t id, std::int64_t user_id);
bool is_following(Connection& c, const std::string& type, std::int64_t id, std::int64_t user_id);
std::int64_t follower_count(Connection& c, const std::string& type, std::int64_t id);
// User ids of the followers, oldest follow first (for notifications).
std::vector<std::int64_t> followers_of(Connection& c, const std::string& type, std::int64_t id);
// Every follow of a resource goes when the resource goes.
void remove_all(Connection& c, const std::string& type, std::int64_t id);

}  // namespace goldthread::core::follows
