// SQLite engine: one sqlite3 handle per pooled connection, WAL mode, prepared statements
// cached per connection by SQL text.
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <unordered_map>

#include "core/pool.hpp"

namespace goldthread::core {
namespace {

class SqliteConnection : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw StorageError("cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    exec_script("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
  }
  ~SqliteConnection() override {
    for (auto& [_, st] : cache_) sqlite3_finalize(st);
    sqlite3_close(db_);
  }
  Engine engine() const override { return Engine::sqlite; }

  ResultSet query(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* st = prepare(sql);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(st))
      throw StorageError("wrong number of parameters for: " + std::string(sql));
    for (std::size_t i = 0; i < params.size(); ++i) bind(st, static_cast<int>(i + 1), params[i]);
    ResultSet rs;
    int ncol = sqlite3_column_count(st);
    for (int c = 0; c < ncol; ++c) rs.columns.emplace_back(sqlite3_column_name(st, c));
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_ROW) {
        std::vector<std::optional<std::string>> cells;
        cells.reserve(ncol);
        for (int c = 0; c < ncol; ++c) {
          if (sqlite3_column_type(st, c) == SQLITE_NULL) {
            cells.emplace_back(std::nullopt);
          } else {
            auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
            cells.emplace_back(std::string(p, sqlite3_column_bytes(st, c)));
          }
        }
        rs.rows.emplace_back(std::move(cells));
      } else if (rc == SQLITE_DONE) {
        break;
      } else {
        std::string msg = sqlite3_errmsg(db_);
        int ext = sqlite3_extended_errcode(db_);
        sqlite3_reset(st);
        if ((ext & 0xff) == SQLITE_CONSTRAINT) throw ConstraintError(msg);
        throw StorageError("SQLite: " + msg);
      }
    }
    rs.changes = sqlite3_changes(db_);
    sqlite3_reset(st);
    return rs;
  }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw StorageError("SQLite: " + msg);
    }
  }
  void begin() override {
    exec_script("BEGIN IMMEDIATE");
    in_tx_ = true;
  }
  void commit() override {
    exec_script("COMMIT");
    in_tx_ = false;
  }
  void rollback() override {
    in_tx_ = false;
    exec_script("ROLLBACK");
  }
  bool in_transaction() const override { return in_tx_; }
  sqlite3* handle() { return db_; }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &st, nullptr) !=
        SQLITE_OK)
      throw StorageError("SQLite prepare failed: " + std::string(sqlite3_errmsg(db_)) + " in: " + key);
    cache_.emplace(std::move(key), st);
    return st;
  }
  static void bind(sqlite3_stmt* st, int i, const Value& v) {
    if (std::holds_alternative<std::nullptr_t>(v))
      sqlite3_bind_null(st, i);
    else if (auto* n = std::get_if<std::int64_t>(&v))
      sqlite3_bind_int64(st, i, *n);
    else if (auto* d = std::get_if<double>(&v))
      sqlite3_bind_double(st, i, *d);
    else {
      const auto& s = std::get<std::string>(v);
      // STATIC: `params` outlives every step of this query, and the next query rebinds every
      // parameter, so SQLite need not copy each text (a malloc per value in bulk inserts).
      sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
    }
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  bool in_tx_ = false;
};

class SqliteDatabase : public PooledDatabase {
 public:
  SqliteDatabase(std::string path, std::size_t pool)
      : PooledDatabase(
            Engine::sqlite, pool, [path] { return std::make_unique<SqliteConnection>(path); }, "sqlite:" + path),
        path_(std::move(path)) {}
  std::string sqlite_path() const override { return path_; }

 private:
  std::string path_;
};

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path, std::size_t pool_size) {
  if (path.empty()) return Error::invalid("SQLite database path is empty");
  std::string p = path;
  std::size_t size = pool_size;
  if (p == ":memory:") {
    // Each connection to a plain :memory: is a separate database; share one named in-memory db.
    // Atomic: databases may be opened from several threads at once (tests do), and two must
    // never get the same name.
    static std::atomic<int> counter{0};
    p = "file:goldthread_mem_" + std::to_string(++counter) + "?mode=memory&cache=shared";
  }
  // No memory statistics (SQLite takes a global mutex on every malloc to keep them); must
  // precede SQLite's initialisation, so it is set before the first database is opened.
  static std::once_flag memstatus;
  std::call_once(memstatus, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  try {
    auto db = std::make_unique<SqliteDatabase>(p, size);
    db->acquire();  // open one now so a bad path fails at startup, not on the first request
    return std::unique_ptr<Database>(std::move(db));
  } catch (const StorageError& e) {
    return Error::invalid(e.what());
  }
}

}  // namespace goldthread::core
