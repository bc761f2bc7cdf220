// goldthread: command-line entry point (CLI11). Subcommands: serve, migrate, import, user,
// backup, restore, opinion.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/bootstrap.hpp"
#include "app/commands.hpp"
#include "core/config.hpp"

int main(int argc, char** argv) {
  using namespace goldthread;
  core::Config cfg;
  core::apply_environment(cfg);
  int exit_code = 0;  // set by the subcommand that runs

  CLI::App cli{"goldthread: a shared space where a place plans its future together, acts on it and holds "
               "itself to account."};
  cli.require_subcommand(1);
  cli.add_option("--database", cfg.database_url, "Database URL: sqlite:PATH or postgres://... (env DATABASE_URL)");
  app::add_commands(cli, cfg, exit_code);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  return exit_code;
}
