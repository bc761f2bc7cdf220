#pragma once
#include <CLI/CLI.hpp>

#include "core/config.hpp"
#include "core/registry.hpp"

namespace goldthread::app {
// Adds every subcommand to the CLI; the one that runs stores its exit code in `exit_code`,
// which must outlive `cli`.
void add_commands(CLI::App& cli, core::Config& cfg, int& exit_code);
// Every command the modules registered (Registry::add_command) as a subcommand; called by
// add_commands with the app's registry.
void add_module_commands(CLI::App& cli, core::Config& cfg, int& exit_code, const core::Registry& reg);
}  // namespace goldthread::app
