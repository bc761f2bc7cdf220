#include "core/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include "core/storage.hpp"

namespace goldthread::core {

struct Metrics::Impl {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  prometheus::Family<prometheus::Counter>& requests = prometheus::BuildCounter()
                                                          .Name("goldthread_http_requests_total")
                                                          .Help("HTTP requests by method, route and status")
                                                          .Register(*registry);
  prometheus::Family<prometheus::Histogram>& latency = prometheus::BuildHistogram()
                                                           .Name("goldthread_http_request_duration_seconds")
                                                           .Help("Time to answer a request, by route")
                                                           .Register(*registry);
  prometheus::Family<prometheus::Gauge>& pool =
      prometheus::BuildGauge().Name("goldthread_db_pool_connections").Help("Database pool connections").Register(*registry);
  prometheus::Family<prometheus::Counter>& pool_waits = prometheus::BuildCounter()
                                                            .Name("goldthread_db_pool_waits_total")
                                                            .Help("Acquisitions that waited for a free connection")
                                                            .Register(*registry);
  prometheus::Gauge& pool_open = pool.Add({{"state", "open"}});
  prometheus::Gauge& pool_busy = pool.Add({{"state", "in_use"}});
  prometheus::Counter& waits = pool_waits.Add({});
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::observe_request(const std::string& method, const std::string& route, int status, double seconds) {
  static const prometheus::Histogram::BucketBoundaries kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                                0.05,   0.1,   0.25,   0.5,   1,    2.5};
  impl_->requests.Add({{"method", method}, {"route", route}, {"status", std::to_string(status)}}).Increment();
  impl_->latency.Add({{"route", route}}, kBuckets).Observe(seconds);
}

void Metrics::set_pool(const PoolStats& s) {
  impl_->pool_open.Set(static_cast<double>(s.size));
  impl_->pool_busy.Set(static_cast<double>(s.in_use));
  double delta = static_cast<double>(s.waits) - impl_->waits.Value();
  if (delta > 0) impl_->waits.Increment(delta);
}

std::string Metrics::serialize() const { return prometheus::TextSerializer().Serialize(impl_->registry->Collect()); }

}  // namespace goldthread::core
