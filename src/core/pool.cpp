#include "core/pool.hpp"

namespace goldthread::core {

PooledDatabase::PooledDatabase(Engine engine, std::size_t max_size, Factory factory, std::string description)
    : engine_(engine), max_size_(max_size == 0 ? 1 : max_size), factory_(std::move(factory)),
      description_(std::move(description)) {}

PooledConnection PooledDatabase::acquire() {
  std::unique_lock lock(mu_);
  bool waited = false;
  while (idle_.empty() && opened_ >= max_size_) {
    waited = true;
    cv_.wait(lock);
  }
  if (waited) ++waits_;
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    ++in_use_;
    return PooledConnection(*this, std::move(c));
  }
  ++opened_;
  ++in_use_;
  lock.unlock();
  try {
    return PooledConnection(*this, factory_());
  } catch (...) {
    std::lock_guard g(mu_);
    --opened_;
    --in_use_;
    cv_.notify_one();
    throw;
  }
}

void PooledDatabase::release(std::unique_ptr<Connection> c) {
  std::lock_guard g(mu_);
  --in_use_;
  if (c) idle_.push_back(std::move(c));
  else --opened_;
  cv_.notify_one();
}

PoolStats PooledDatabase::stats() const {
  std::lock_guard g(mu_);
  return {opened_, in_use_, waits_};
}

}  // namespace goldthread::core
