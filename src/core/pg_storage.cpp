// PostgreSQL engine over libpq: a pool of connections, each caching its prepared statements.
#include <libpq-fe.h>

#include <unordered_map>

#include "core/pool.hpp"

namespace goldthread::core {
namespace {

// Rewrites `?` placeholders to $1..$n, leaving quoted text alone.
std::string to_pg_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int n = 0;
  bool in_str = false;
  for (char c : sql) {
    if (c == '\'') in_str = !in_str;
    if (c == '?' && !in_str) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

class PgConnection : public Connection {
 public:
  explicit PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw StorageError("cannot connect to PostgreSQL: " + msg);
    }
    exec_script("SET client_min_messages = warning");
  }
  ~PgConnection() override { PQfinish(conn_); }
  Engine engine() const override { return Engine::postgres; }

  ResultSet query(std::string_view sql, const std::vector<Value>& params) override {
    const std::string& name = prepare(sql);
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::nullptr_t>(v)) {
        values[i] = nullptr;
        continue;
      }
      if (auto* n = std::get_if<std::int64_t>(&v)) storage[i] = std::to_string(*n);
      else if (auto* d = std::get_if<double>(&v)) storage[i] = std::to_string(*d);
      else storage[i] = std::get<std::string>(v);
      values[i] = storage[i].c_str();
    }
    PGresult* res = PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(), nullptr,
                                   nullptr, 0);
    return take(res);
  }

  void exec_script(std::string_view sql) override {
    std::string s(sql);
    take(PQexec(conn_, s.c_str()));
  }
  void begin() override {
    exec_script("BEGIN");
    in_tx_ = true;
  }
  void commit() override {
    in_tx_ = false;
    exec_script("COMMIT");
  }
  void rollback() override {
    in_tx_ = false;
    exec_script("ROLLBACK");
  }
  bool in_transaction() const override { return in_tx_; }

 private:
  const std::string& prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = names_.find(key); it != names_.end()) return it->second;
    std::string name = "s" + std::to_string(names_.size() + 1);
    std::string text = to_pg_placeholders(sql);
    PGresult* res = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
    take(res);
    return names_.emplace(std::move(key), std::move(name)).first->second;
  }

  ResultSet take(PGresult* res) {
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      std::string msg = PQresultErrorMessage(res);
      const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
      bool constraint = state && std::string_view(state).substr(0, 2) == "23";
      PQclear(res);
      if (PQstatus(conn_) != CONNECTION_OK) PQreset(conn_), names_.clear();
      if (constraint) throw ConstraintError(msg);
      throw StorageError("PostgreSQL: " + msg);
    }
    ResultSet rs;
    int ncol = PQnfields(res), nrow = PQntuples(res);
    for (int c = 0; c < ncol; ++c) rs.columns.emplace_back(PQfname(res, c));
    rs.rows.reserve(nrow);
    for (int r = 0; r < nrow; ++r) {
      std::vector<std::optional<std::string>> cells;
      cells.reserve(ncol);
      for (int c = 0; c < ncol; ++c) {
        if (PQgetisnull(res, r, c)) cells.emplace_back(std::nullopt);
        else cells.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
      }
      rs.rows.emplace_back(std::move(cells));
    }
    const char* tuples = PQcmdTuples(res);
    rs.changes = tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
    PQclear(res);
    return rs;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> names_;
  bool in_tx_ = false;
};

std::string redact(const std::string& url) {
  auto at = url.find('@');
  auto scheme = url.find("://");
  if (at == std::string::npos || scheme == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace

Result<std::unique_ptr<Database>> open_postgres(const std::string& url, std::size_t pool_size) {
  try {
    auto db = std::make_unique<PooledDatabase>(
        Engine::postgres, pool_size, [url] { return std::make_unique<PgConnection>(url); }, redact(url));
    db->acquire();
    return std::unique_ptr<Database>(std::move(db));
  } catch (const StorageError& e) {
    return Error::invalid(e.what());
  }
}

}  // namespace goldthread::core
