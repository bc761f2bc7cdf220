// What the outcomes HTTP tests share: a count read straight from the test database, and an
// import of CSV text as the CLI would run it.
#pragma once
#include <cstdint>
#include <sstream>
#include <string>

#include "core/audit.hpp"
#include "core/storage.hpp"
#include "outcomes/outcomes.hpp"

namespace goldthread::outcomes::testing {

inline std::int64_t count_rows(core::Database& db, const std::string& sql) {
  auto conn = db.acquire();
  return conn->query(sql).rows.at(0).integer(0);
}

inline ImportReport import_csv_text(core::Database& db, const std::string& text, ImportOptions opts = {}) {
  std::istringstream in(text);
  return import_indicators_csv(db, core::audit::Actor{}, in, opts);
}

}  // namespace goldthread::outcomes::testing
