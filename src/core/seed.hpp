#pragma once
// Seeds: what a module loads from the place data after the migrations (registered with
// Registry::add_seed, run in module order by `goldthread import place FILE` and, on an empty
// database, by `goldthread serve --place-file FILE`). Each seed is idempotent.
#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace goldthread::core {

class Database;

struct SeedReport {
  int created = 0, updated = 0, unchanged = 0;
  std::vector<std::string> warnings;
  std::string summary;  // one line for the terminal, e.g. "Seeded the work map: 3 created, ..."
};
// place_file: the place file being loaded (docs/PLACE_FORMAT.md); seeds may read files beside it.
using SeedFunction = std::function<Result<SeedReport>(Database& db, const std::string& place_file)>;

struct Seed {
  std::string module;
  SeedFunction run;
};

}  // namespace goldthread::core
