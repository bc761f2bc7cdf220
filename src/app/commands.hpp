#pragma once
#include <CLI/CLI.hpp>

#include "core/config.hpp"

namespace goldthread::app {
// Adds every subcommand to the CLI; the one that runs stores its exit code in `exit_code`,
// which must outlive `cli`.
void add_commands(CLI::App& cli, core::Config& cfg, int& exit_code);
// The work capability's commands (import initiatives|organisations, generate-work); work_commands.cpp.
void add_work_commands(CLI::App& cli, core::Config& cfg, int& exit_code);
// The outcomes capability's commands (import indicators); outcomes_commands.cpp.
void add_outcomes_commands(CLI::App& cli, core::Config& cfg, int& exit_code);
}  // namespace goldthread::app
