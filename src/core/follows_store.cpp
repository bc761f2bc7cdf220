#include "core/follows.hpp"

namespace goldthread::core::follows {

bool follow(Connection& c, const std::string& type, std::int64_t id, std::int64_t user_id) {
  if (is_following(c, type, id, user_id)) return false;
  c.query("INSERT INTO follows (resource_type, resource_id, user_id, created_at) VALUES (?, ?, ?, ?)",
          {type, id, user_id, now_utc()});
  return true;
}

bool unfollow(Connection& c, const std::string& type, std::int64_t id, std::int64_t user_id) {
  return c.query("DELETE FROM follows WHERE resource_type = ? AND resource_id = ? AND user_id = ?", {type, id, user_id})
             .changes > 0;
}

bool is_following(Connection& c, const std::string& type, std::int64_t id, std::int64_t user_id) {
  return !c.query("SELECT 1 FROM follows WHERE resource_type = ? AND resource_id = ? AND user_id = ?",
                  {type, id, user_id})
              .rows.empty();
}

std::int64_t follower_count(Connection& c, const std::string& type, std::int64_t id) {
  return c.query("SELECT count(*) FROM follows WHERE resource_type = ? AND resource_id = ?", {type, id})
      .rows.at(0)
      .integer(0);
}

std::vector<std::int64_t> followers_of(Connection& c, const std::string& type, std::int64_t id) {
  std::vector<std::int64_t> out;
  for (const auto& r : c.query("SELECT user_id FROM follows WHERE resource_type = ? AND resource_id = ? "
                               "ORDER BY created_at, user_id",
                               {type, id})
                           .rows)
    out.push_back(r.integer(0));
  return out;
}

void remove_all(Connection& c, const std::string& type, std::int64_t id) {
  c.query("DELETE FROM follows WHERE resource_type = ? AND resource_id = ?", {type, id});
}

}  // namespace goldthread::core::follows
