#include "core/storage.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>

namespace goldthread::core {

std::int64_t Row::integer(std::size_t i) const {
  const auto& c = cells_.at(i);
  if (!c || c->empty()) return 0;
  return std::strtoll(c->c_str(), nullptr, 10);
}

double Row::real(std::size_t i) const {
  const auto& c = cells_.at(i);
  if (!c || c->empty()) return 0;
  return std::strtod(c->c_str(), nullptr);
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      c_.rollback();
    } catch (...) {
      // The connection is broken; the pool discards it (see PooledConnection).
    }
  }
}

void Transaction::commit() {
  c_.commit();
  done_ = true;
}

PooledConnection::~PooledConnection() {
  if (db_ && c_) {
    if (c_->in_transaction()) {
      try {
        c_->rollback();
      } catch (...) {
        return;  // drop a broken connection rather than pooling it
      }
    }
    db_->release(std::move(c_));
  }
}

Result<std::unique_ptr<Database>> Database::open(const std::string& url, std::size_t pool_size) {
  if (url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0) return open_postgres(url, pool_size);
  if (url.rfind("sqlite:", 0) == 0) return open_sqlite(url.substr(7), pool_size);
  if (url.find("://") != std::string::npos)
    return Error::invalid("DATABASE_URL must start with sqlite: or postgres:// (got " + url.substr(0, url.find("://")) + "://)");
  return open_sqlite(url, pool_size);
}

std::string now_utc() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<Row> first_row(ResultSet rs) {
  if (rs.rows.empty()) return std::nullopt;
  return std::move(rs.rows.front());
}

}  // namespace goldthread::core
