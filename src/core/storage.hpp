#pragma once
// One storage interface over SQLite and PostgreSQL (see docs/DECISIONS.md, "Storage").
//
// SQL is written once with `?` placeholders; the PostgreSQL engine rewrites them to $1..$n.
// Every statement is prepared (and cached per connection). Values travel as text or integers;
// timestamps are ISO-8601 UTC text, booleans are 0/1 integers, so the same SQL reads the same
// on both engines. Inserts that need the new id use `RETURNING id` (SQLite >= 3.35).
//
// Thread-safety: a Database is shared by all threads; a Connection belongs to one thread at a
// time (acquire() hands one out from the pool and takes it back when the handle dies).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace goldthread::core {

enum class Engine { sqlite, postgres };

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  bool is_null(std::size_t i) const { return !cells_.at(i).has_value(); }
  std::string text(std::size_t i) const { return cells_.at(i).value_or(""); }
  std::optional<std::string> opt_text(std::size_t i) const { return cells_.at(i); }
  std::int64_t integer(std::size_t i) const;  // 0 for NULL
  double real(std::size_t i) const;           // 0 for NULL
  std::size_t size() const { return cells_.size(); }

 private:
  std::vector<std::optional<std::string>> cells_;
};

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::int64_t changes = 0;  // rows changed by an INSERT/UPDATE/DELETE
  bool empty() const { return rows.empty(); }
};

// Thrown only for the unexpected (lost connection, SQL that does not prepare). A unique or
// foreign-key violation is an expected outcome and is reported as ConstraintError so services
// can turn it into a 409 with a message.
struct StorageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct ConstraintError : StorageError {
  using StorageError::StorageError;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;
  // Runs one prepared statement. REQUIRES: params.size() == number of `?` in sql.
  virtual ResultSet query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs a script of several statements (migrations only; no parameters).
  virtual void exec_script(std::string_view sql) = 0;
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual bool in_transaction() const = 0;
};

// Rolls back unless commit() was called. Nested use on the same connection is a bug.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) { c_.begin(); }
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& c_;
  bool done_ = false;
};

struct PoolStats {
  std::size_t size = 0;    // connections opened
  std::size_t in_use = 0;  // handed out now
  std::uint64_t waits = 0; // acquisitions that had to wait for a free connection
};

class Database;

// A connection borrowed from the pool; returned when destroyed.
class PooledConnection {
 public:
  PooledConnection(Database& db, std::unique_ptr<Connection> c) : db_(&db), c_(std::move(c)) {}
  PooledConnection(PooledConnection&&) noexcept = default;
  PooledConnection& operator=(PooledConnection&&) noexcept = default;
  ~PooledConnection();
  Connection& operator*() { return *c_; }
  Connection* operator->() { return c_.get(); }

 private:
  Database* db_;
  std::unique_ptr<Connection> c_;
};

class Database {
 public:
  virtual ~Database() = default;
  // url: "sqlite:PATH" (or a bare path), "sqlite::memory:", "postgres://..." / "postgresql://...".
  // Returns an error for an unknown scheme or a database that cannot be opened.
  static Result<std::unique_ptr<Database>> open(const std::string& url, std::size_t pool_size = 8);

  virtual Engine engine() const = 0;
  virtual PooledConnection acquire() = 0;
  virtual PoolStats stats() const = 0;
  virtual std::string describe() const = 0;  // url without password, for logs
  // SQLite only: the file path ("" for memory / PostgreSQL).
  virtual std::string sqlite_path() const { return ""; }

 protected:
  friend class PooledConnection;
  virtual void release(std::unique_ptr<Connection> c) = 0;
};

// Helpers used by stores.
std::string now_utc();  // "2026-11-23T07:10:00Z"
std::optional<Row> first_row(ResultSet rs);

// Engine factories (defined in sqlite_storage.cpp / pg_storage.cpp).
Result<std::unique_ptr<Database>> open_sqlite(const std::string& path, std::size_t pool_size);
Result<std::unique_ptr<Database>> open_postgres(const std::string& url, std::size_t pool_size);

}  // namespace goldthread::core
