#pragma once
// The audit trail, a core service called by name from every capability's service functions:
//   core::audit::record(conn, ctx_actor, {"update", "initiative", id, before, after});
// REQUIRES: called inside the transaction that makes the change, so both commit or neither.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/auth.hpp"
#include "core/storage.hpp"

namespace goldthread::core::audit {

struct Actor {
  std::int64_t user_id = 0;  // 0 = the system (CLI import, migrations)
  std::string name = "system";
  std::int64_t organisation_id = 0;  // acting on behalf of; 0 = none
  std::string request_id;
  static Actor from(const Principal& p, std::int64_t organisation_id = 0, std::string request_id = {});
};

struct Change {
  std::string action;         // "create" | "update" | "delete" (or a domain verb: "approve")
  std::string resource_type;  // "initiative", "user", ...
  std::string resource_id;
  std::string before_json;    // "" = none (create)
  std::string after_json;     // "" = none (delete)
};

// Never throws on odd bytes: invalid UTF-8 in any text is replaced (U+FFFD) before it is stored.
void record(Connection& c, const Actor& actor, const Change& change);

// A before/after value as text for Change, serialised without throwing: invalid UTF-8 in a
// string is replaced (U+FFFD) rather than raising nlohmann's type_error.316.
std::string to_text(const nlohmann::json& value);

struct Event {
  std::int64_t id = 0;
  std::string occurred_at, actor_name, action, resource_type, resource_id, before_json, after_json, request_id;
  std::int64_t actor_user_id = 0, organisation_id = 0;
};

struct Filter {
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::int64_t> organisation_id;
  std::string resource_type;  // "" = any
  std::string resource_id;    // "" = any
  std::string from_date;      // "YYYY-MM-DD" inclusive, "" = any
  std::string to_date;        // "YYYY-MM-DD" inclusive, "" = any
  int page = 1;               // 1-based
  int per_page = 50;
};

struct Page {
  std::vector<Event> events;  // newest first
  std::int64_t total = 0;
};

Page list(Connection& c, const Filter& f);
// The newest record's id (0 when none): a version of the data, used by the page cache.
std::int64_t latest_id(Connection& c);

// A deleted person, as past records must no longer name them (issue 9.4): their name and
// e-mail address are replaced by `as_name` / `as_email` in the actor name of their own
// records and in every string of every record's before/after JSON (the address matched
// ignoring case; a name shorter than 3 characters only where a string is exactly the name).
// Returns the number of records changed. REQUIRES: inside the deleting transaction.
std::int64_t redact_person(Connection& c, std::int64_t user_id, const std::string& name, const std::string& email,
                           const std::string& as_name, const std::string& as_email);

}  // namespace goldthread::core::audit
