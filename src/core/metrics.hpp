#pragma once
// Prometheus metrics (prometheus-cpp core) served as text from /metrics by our own handler.
#include <memory>
#include <string>

namespace goldthread::core {

struct PoolStats;

class Metrics {
 public:
  Metrics();
  ~Metrics();
  // Thread-safe.
  void observe_request(const std::string& method, const std::string& route, int status, double seconds);
  void set_pool(const PoolStats& s);
  std::string serialize() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace goldthread::core
