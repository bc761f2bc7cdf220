// goldthread: command-line entry point. Subcommands (serve, migrate, import, user, backup,
// restore, opinion and every module's) are added and parsed in app/commands.cpp.
#include "app/cli.hpp"

int main(int argc, char** argv) {
  return goldthread::app::run_cli(argc, argv);
}
