#pragma once
// The application: configuration, database, the registered modules, and the request pipeline
// (static files → router → middleware → access rule → handler → security headers, log,
// metrics). Owns nothing network-related; core::Server calls handle().
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <typeindex>

#include "core/config.hpp"
#include "core/metrics.hpp"
#include "core/registry.hpp"
#include "core/router.hpp"
#include "core/static_files.hpp"
#include "core/storage.hpp"

namespace goldthread::core {

class App {
 public:
  App(Config cfg, std::unique_ptr<Database> db, Registry registry);
  ~App();

  // Never throws: unexpected exceptions become the 500 page (logged with the request id).
  Response handle(Request& req);

  // Whether the request goes to a route marked heavy (Route::heavy). Thread-safe, cheap.
  bool is_heavy(const Request& req) const;

  Database& db() { return *db_; }
  const Config& config() const { return cfg_; }
  const Registry& registry() const { return registry_; }
  Metrics& metrics() { return metrics_; }
  const StaticFiles& static_files() const { return *static_; }
  // The site map's sections by order (the header), checked at construction.
  const std::vector<SiteSection>& site_sections() const { return sections_; }
  // Shown in the header; a place module sets it to the vision's title on start-up.
  std::string service_name;

  // One object of type Key::type per App, made on first use and living as long as the App:
  // for state a capability keeps between requests (e.g. the work map's matrix cache), so it
  // is neither a global nor shared by two Apps in one process (tests). Creation is
  // synchronised here; the object synchronises its own use (it is shared by every thread).
  template <class Key>
  typename Key::type& state() {
    std::lock_guard g(state_mu_);
    auto& slot = state_[std::type_index(typeid(Key))];
    if (!slot) slot = std::make_shared<typename Key::type>();
    return *static_cast<typename Key::type*>(slot.get());
  }

 private:
  Response dispatch(Context& ctx);
  Response run_handler(Context& ctx, const Route& route);
  Response serve_static(const Request& req, const StaticFile& f);
  Config cfg_;
  std::unique_ptr<Database> db_;
  Registry registry_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<StaticFiles> static_;
  std::vector<SiteSection> sections_;
  struct CachedPage {
    std::int64_t version;
    Response response;
  };
  std::mutex cache_mu_;
  std::map<std::string, CachedPage> cache_;  // GUARDED_BY(cache_mu_)
  std::mutex state_mu_;
  std::map<std::type_index, std::shared_ptr<void>> state_;  // GUARDED_BY(state_mu_)
};

}  // namespace goldthread::core
