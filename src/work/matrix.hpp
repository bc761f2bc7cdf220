#pragma once
// The alignment matrix: counts of initiatives, strategies and organisations serving each
// ambition and priority, activity per area, and the gaps. Aggregated in SQL with GROUP BY
// over the link tables: a fixed number of queries, whatever the data size.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "core/storage.hpp"

namespace goldthread::work {

struct MatrixFilter {
  std::int64_t place_id = 0;
  std::string area_code;  // "" = every area
  std::string sector;     // "" = every sector (of the owning / serving organisation)
};

struct Counts {
  std::int64_t initiatives = 0, strategies = 0, organisations = 0;
};

struct MatrixData {
  // Key (ambition_id, priority_id); priority_id 0 = the ambition as a whole (distinct over
  // the ambition and all its priorities).
  std::map<std::pair<std::int64_t, std::int64_t>, Counts> cells;
  std::map<std::string, std::int64_t> initiatives_by_area;                     // ONS code → initiatives
  std::map<std::pair<std::string, std::int64_t>, std::int64_t> area_ambition;  // (code, ambition) → initiatives
};

// Runs the aggregation queries (six, whatever the data size).
MatrixData load_matrix(core::Connection& c, const MatrixFilter& f);
// What cached_matrix keeps between requests. Not a global: one per App (the page takes it
// from core::App::state<MatrixCache>()), shared by the App's threads under its mutex.
struct MatrixCache {
  using type = MatrixCache;  // core::App::state key
  struct Key {
    std::string token;
    std::int64_t place_id = 0;
    std::string area, sector;
    bool operator<(const Key& o) const;
  };
  struct Entry {
    std::int64_t version = -1;
    std::int64_t partners_version = -1;  // organisations' sectors and areas move counts too
    MatrixData data;
  };
  std::mutex mu;
  std::map<Key, Entry> entries;  // GUARDED_BY(mu)
};
// Same result as load_matrix, from `cache`, keyed by the database's work_state (token,
// version), partners::organisations_version and the filter: two small queries when nothing
// changed since the last load.
// Thread-safe.
MatrixData cached_matrix(MatrixCache& cache, core::Connection& c, const MatrixFilter& f);
// Marks the matrix stale. REQUIRES: called inside the writing transaction.
void bump_work_version(core::Connection& c);

}  // namespace goldthread::work
