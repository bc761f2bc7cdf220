#pragma once
// Online backup and restore of a SQLite database through SQLite's backup API: safe while the
// server is running (readers and writers keep working; pages are copied in steps).
#include <functional>
#include <string>

#include "core/result.hpp"

namespace goldthread::core {

// progress(remaining_pages, total_pages) is called after each step.
Status sqlite_backup(const std::string& db_path, const std::string& dest_path,
                     const std::function<void(int, int)>& progress = {});
// Copies src into the database at db_path. Refuses (conflict) when db_path already holds
// tables, unless force is set.
Status sqlite_restore(const std::string& src_path, const std::string& db_path, bool force,
                      const std::function<void(int, int)>& progress = {});

}  // namespace goldthread::core
