#pragma once
#include <CLI/CLI.hpp>

#include "core/config.hpp"
#include "core/registry.hpp"

namespace goldthread::app {
// Adds every subcommand to the CLI; each records its exit code for last_exit_code().
void add_commands(CLI::App& cli, core::Config& cfg);
int last_exit_code();
// Every command the modules registered (Registry::add_command) as a subcommand; called by
// add_commands with the app's registry.
void add_module_commands(CLI::App& cli, core::Config& cfg, const core::Registry& reg);
}  // namespace goldthread::app
