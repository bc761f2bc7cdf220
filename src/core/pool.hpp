#pragma once
// A bounded pool of connections shared by both engines. Connections are opened lazily up to
// max_size; acquire() waits for a free one after that.
#include <condition_variable>
#include <functional>
#include <mutex>

#include "core/storage.hpp"

namespace goldthread::core {

class PooledDatabase : public Database {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;
  PooledDatabase(Engine engine, std::size_t max_size, Factory factory, std::string description);
  Engine engine() const override { return engine_; }
  PooledConnection acquire() override;
  PoolStats stats() const override;
  std::string describe() const override { return description_; }

 protected:
  void release(std::unique_ptr<Connection> c) override;

 private:
  Engine engine_;
  std::size_t max_size_;
  Factory factory_;
  std::string description_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;  // GUARDED_BY(mu_)
  std::size_t opened_ = 0;                         // GUARDED_BY(mu_)
  std::size_t in_use_ = 0;                         // GUARDED_BY(mu_)
  std::uint64_t waits_ = 0;                        // GUARDED_BY(mu_)
};

}  // namespace goldthread::core
