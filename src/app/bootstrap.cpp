#include "app/bootstrap.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/modules.hpp"
#include "core/events_hub.hpp"
#include "core/log.hpp"
#include "core/migrations.hpp"
#include "engagement/engagement.hpp"
#include "places/places.hpp"

namespace goldthread::app {

core::Result<std::unique_ptr<core::Database>> open_database(const core::Config& cfg) {
  const auto& url = cfg.database_url;
  if (url.rfind("sqlite:", 0) == 0 && url != "sqlite::memory:") {
    std::filesystem::path p(url.substr(7));
    std::error_code ec;
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  }
  return core::Database::open(url, cfg.db_pool);
}

core::Registry build_registry() {
  core::Registry r;
  register_modules(r);
  return r;
}

core::Status migrate_database(core::Database& db, const core::Registry& reg, bool verbose) {
  try {
    auto rep = core::migrate(db, reg.migrations(), [&](const core::Migration& m) {
      if (verbose) std::cout << "applied " << m.module << "/" << m.name << "\n";
    });
    if (verbose) std::cout << rep.applied << " applied, " << rep.already << " already applied\n";
  } catch (const core::StorageError& e) {
    return core::Error::invalid(e.what());
  }
  return core::ok_status();
}

core::Status run_seeds(core::Database& db, const core::Registry& reg, const std::string& place_file,
                       const std::function<void(const core::Seed&, const core::SeedReport&)>& on_report,
                       std::string* failed_module) {
  for (const auto& seed : reg.seeds()) {
    auto rep = seed.run(db, place_file);
    if (!rep) {
      if (failed_module) *failed_module = seed.module;
      return rep.error();
    }
    if (on_report) on_report(seed, *rep);
  }
  return core::ok_status();
}

core::Result<std::unique_ptr<core::App>> make_app(const core::Config& cfg, bool seed_place) {
  auto db = open_database(cfg);
  if (!db) return db.error();
  auto reg = build_registry();
  if (auto s = migrate_database(**db, reg, false); !s) return s.error();
  if (seed_place && !cfg.place_file.empty()) {
    bool empty = false;
    {
      auto conn = (*db)->acquire();
      empty = !places::try_current_place(*conn).has_value();
    }
    if (empty) {
      auto st = run_seeds(**db, reg, cfg.place_file, [&](const core::Seed& seed, const core::SeedReport& rep) {
        core::log::info("seeded", {{"module", seed.module}, {"file", cfg.place_file}, {"created", rep.created}});
      });
      if (!st) return core::Error::invalid("could not load the place file " + cfg.place_file + ": " + st.error().message);
    }
  }
  std::string title;
  {
    auto conn = (*db)->acquire();
    if (auto p = places::try_current_place(*conn)) title = p->vision_title;
  }
  auto app = std::make_unique<core::App>(cfg, std::move(db.value()), std::move(reg));
  if (!title.empty() && cfg.service_name == "goldthread") app->service_name = title;
  return app;
}

core::ServerOptions server_options(const core::Config& cfg, core::App& app, int threads) {
  core::ServerOptions opts;
  opts.threads = threads;
  opts.body_limit = cfg.body_limit;
  opts.header_limit = cfg.header_limit;
  opts.read_timeout = std::chrono::seconds(cfg.read_timeout_s);
  opts.trust_proxy = cfg.trust_proxy;
  opts.trusted_proxy_hops = cfg.trusted_proxy_hops;
  opts.heavy_threads = cfg.heavy_threads > 0 ? cfg.heavy_threads : std::max(1, threads / 2);
  opts.is_heavy = [&app](const core::Request& r) { return app.is_heavy(r); };
  opts.events = &core::events::hub(app);
  opts.max_streams = cfg.max_live_streams;
  return opts;
}

}  // namespace goldthread::app
