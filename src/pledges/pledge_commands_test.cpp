// `goldthread pledges remind` from the command line: it sweeps for the date given (or today)
// and refuses a date that is not one.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "app/commands.hpp"

namespace goldthread::pledges {
namespace {

TEST(PledgesRemindCommand, RunsForADateAndRefusesANonDate) {
  auto dir = std::filesystem::temp_directory_path() / ("goldthread-remind-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  core::Config cfg;
  cfg.database_url = "sqlite:" + (dir / "db.sqlite").string();
  auto run = [&](std::vector<std::string> args) {
    CLI::App cli{"goldthread"};
    int exit_code = -1;
    app::add_commands(cli, cfg, exit_code);
    std::reverse(args.begin(), args.end());
    cli.parse(args);
    return exit_code;
  };
  EXPECT_EQ(run({"pledges", "remind", "--today", "2026-12-01"}), 0);
  EXPECT_EQ(run({"pledges", "remind"}), 0);
  EXPECT_EQ(run({"pledges", "remind", "--today", "2026-02-30"}), 2);
  EXPECT_EQ(run({"pledges", "remind", "--today", "tomorrow"}), 2);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace goldthread::pledges
