#pragma once
// Builds a ready App from a Config: opens the database, registers the modules, applies
// pending migrations and, on an empty database, imports the configured place file.
// Used by `goldthread serve` and by the HTTP integration tests.
#include <functional>
#include <memory>
#include <string>

#include "core/app.hpp"
#include "core/result.hpp"
#include "core/server.hpp"

namespace goldthread::app {

core::Result<std::unique_ptr<core::Database>> open_database(const core::Config& cfg);
core::Registry build_registry();
// Applies migrations; errors carry a message fit for the terminal.
core::Status migrate_database(core::Database& db, const core::Registry& reg, bool verbose);
// Runs every module's seed in module order (places imports the file, then partners, work, ...);
// stops at the first that fails (its module goes to *failed_module). on_report is called
// after each seed that succeeded.
core::Status run_seeds(core::Database& db, const core::Registry& reg, const std::string& place_file,
                       const std::function<void(const core::Seed&, const core::SeedReport&)>& on_report = {},
                       std::string* failed_module = nullptr);
core::Result<std::unique_ptr<core::App>> make_app(const core::Config& cfg, bool seed_place = true);
// The server settings of cfg (limits, proxy trust, the heavy pool) for serving `app`, which
// must outlive the server. `threads` is the number of event loops.
core::ServerOptions server_options(const core::Config& cfg, core::App& app, int threads);

}  // namespace goldthread::app
