#pragma once
// The command line, parsed by CLI11 in one translation unit (app/commands.cpp), so main.cpp
// and everything else compile without CLI11's headers.
namespace goldthread::app {
// Parses argv, runs the chosen subcommand and returns the process's exit status.
int run_cli(int argc, char** argv);
}  // namespace goldthread::app
