#include "core/backup.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <memory>

namespace goldthread::core {
namespace {

struct Db {
  sqlite3* h = nullptr;
  ~Db() { sqlite3_close(h); }
};

Status copy(sqlite3* from, sqlite3* to, const std::function<void(int, int)>& progress) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) return Error::invalid(std::string("backup failed: ") + sqlite3_errmsg(to));
  int rc;
  do {
    rc = sqlite3_backup_step(b, 256);
    if (progress) progress(sqlite3_backup_remaining(b), sqlite3_backup_pagecount(b));
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return Error::invalid(std::string("backup failed: ") + sqlite3_errstr(rc));
  return ok_status();
}

Status open(const std::string& path, int flags, Db& db) {
  if (sqlite3_open_v2(path.c_str(), &db.h, flags, nullptr) != SQLITE_OK)
    return Error::invalid("cannot open " + path + ": " + (db.h ? sqlite3_errmsg(db.h) : "out of memory"));
  sqlite3_busy_timeout(db.h, 5000);
  return ok_status();
}

}  // namespace

Status sqlite_backup(const std::string& db_path, const std::string& dest_path,
                     const std::function<void(int, int)>& progress) {
  if (!std::filesystem::exists(db_path)) return Error::not_found("no database at " + db_path);
  Db src, dst;
  if (auto s = open(db_path, SQLITE_OPEN_READONLY, src); !s) return s;
  if (auto s = open(dest_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, dst); !s) return s;
  return copy(src.h, dst.h, progress);
}

Status sqlite_restore(const std::string& src_path, const std::string& db_path, bool force,
                      const std::function<void(int, int)>& progress) {
  if (!std::filesystem::exists(src_path)) return Error::not_found("no backup file at " + src_path);
  Db src, dst;
  if (auto s = open(src_path, SQLITE_OPEN_READONLY, src); !s) return s;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(src.h, "SELECT count(*) FROM schema_migrations", -1, &st, nullptr) != SQLITE_OK) {
    sqlite3_finalize(st);
    return Error::invalid(src_path + " is not a goldthread backup (no schema_migrations table)");
  }
  sqlite3_finalize(st);
  if (auto s = open(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, dst); !s) return s;
  int tables = 0;
  if (sqlite3_prepare_v2(dst.h, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    tables = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  if (tables > 0 && !force)
    return Error::conflict(db_path + " already holds a database; add --force to overwrite it with " + src_path);
  return copy(src.h, dst.h, progress);
}

}  // namespace goldthread::core
