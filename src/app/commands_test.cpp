// The command table: every module's registered commands are on the command line, in
// `goldthread --help`, and run.
#include "app/commands.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/bootstrap.hpp"
#include "partners/partners.hpp"

namespace goldthread::app {
namespace {

std::string help_of(CLI::App& cli, std::vector<std::string> args) {
  std::reverse(args.begin(), args.end());  // CLI11 reads a vector from the back
  std::ostringstream out, err;
  try {
    cli.parse(args);
  } catch (const CLI::ParseError& e) {
    cli.exit(e, out, err);
  }
  return out.str();
}

TEST(Commands, HelpListsEveryCommandTheModulesRegistered) {
  core::Config cfg;
  CLI::App cli{"goldthread"};
  int exit_code = 0;
  add_commands(cli, cfg, exit_code);
  auto reg = build_registry();
  std::set<std::string> modules;
  for (const auto& c : reg.commands()) {
    modules.insert(c.module);
    CLI::App* at = &cli;
    for (const auto& word : c.path) ASSERT_NO_THROW(at = at->get_subcommand(word)) << word;
    EXPECT_EQ(at->get_description(), c.help);
  }
  EXPECT_EQ(modules, (std::set<std::string>{"accounts", "assemblies", "comms", "engagement", "outcomes", "partners",
                                            "pledges", "work"}));

  auto top = help_of(cli, {"--help"});
  for (const auto* word : {"serve", "migrate", "import", "user", "backup", "restore", "generate-work", "pledges"})
    EXPECT_NE(top.find(word), std::string::npos) << word << " missing from:\n" << top;
  auto import = help_of(cli, {"import", "--help"});
  for (const auto* word : {"place", "polis", "initiatives", "organisations", "indicators"})
    EXPECT_NE(import.find(word), std::string::npos) << word << " missing from:\n" << import;
  auto user = help_of(cli, {"user", "--help"});
  EXPECT_NE(user.find("Manage user accounts"), std::string::npos) << user;
  EXPECT_NE(user.find("create"), std::string::npos) << user;
}

TEST(Commands, AModuleCommandRunsFromTheCommandLine) {
  auto dir = std::filesystem::temp_directory_path() / ("goldthread-commands-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto csv = (dir / "orgs.csv").string();
  std::ofstream(csv) << "name,sector\nEssex CVS,voluntary-community\n";
  core::Config cfg;
  cfg.database_url = "sqlite:" + (dir / "db.sqlite").string();
  auto run = [&](std::vector<std::string> args) {
    CLI::App cli{"goldthread"};
    int exit_code = -1;
    add_commands(cli, cfg, exit_code);
    std::reverse(args.begin(), args.end());
    cli.parse(args);
    return exit_code;
  };
  EXPECT_EQ(run({"import", "organisations", csv, "--dry-run"}), 0);
  EXPECT_EQ(run({"import", "organisations", (dir / "missing.csv").string()}), 2);
  EXPECT_EQ(run({"import", "organisations", csv}), 0);
  {
    auto db = open_database(cfg);
    ASSERT_TRUE(db.ok());
    auto conn = (*db)->acquire();
    auto found = partners::find_organisations(*conn, {"Essex CVS", "", "", 1, 20});
    EXPECT_EQ(found.total, 1) << "one organisation written by the real run, none by the dry run";
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace goldthread::app
