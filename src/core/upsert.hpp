#pragma once
// Idempotent writes for importers: insert a row, update it when a field differs, or leave it
// alone. Table and column names are code constants, never user input.
#include <string>
#include <utility>
#include <vector>

#include "core/storage.hpp"

namespace goldthread::core {

enum class Change { created, updated, unchanged };

struct UpsertSpec {
  std::string table;
  std::vector<std::pair<std::string, Value>> keys;    // identify the row
  std::vector<std::pair<std::string, Value>> fields;  // compared and written
};

struct UpsertResult {
  std::int64_t id = 0;
  Change change = Change::unchanged;
};

// REQUIRES: the table has an integer `id` column. Runs in the caller's transaction.
UpsertResult upsert(Connection& c, const UpsertSpec& spec);

std::string value_text(const Value& v);

}  // namespace goldthread::core
