#pragma once
// Command-line commands a module registers (Registry::add_command), described without naming
// a CLI library: src/app turns each into a CLI11 subcommand, so `goldthread --help` lists
// every module's commands and core stays free of CLI11.
//   r.add_command({{"import", "organisations"}, "Import organisations from a CSV file",
//                  {CommandArg::positional("FILE", "CSV file")}, run_import});
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace goldthread::core {

class Database;
struct Config;

struct CommandArg {
  enum Kind { positional_arg, option_arg, flag_arg };
  Kind kind = option_arg;
  std::string name;  // "FILE" for a positional; "--slug" for an option or a flag
  std::string help;
  bool required = false;
  bool repeatable = false;    // an option given several times (values())
  bool integer = false;       // the value must be a whole number
  std::string default_value;  // an option's value when it is not given

  static CommandArg positional(std::string name, std::string help) {  // required
    return {positional_arg, std::move(name), std::move(help), true, false, false, ""};
  }
  static CommandArg option(std::string name, std::string help, bool required = false) {
    return {option_arg, std::move(name), std::move(help), required, false, false, ""};
  }
  static CommandArg repeated(std::string name, std::string help) {
    return {option_arg, std::move(name), std::move(help), false, true, false, ""};
  }
  static CommandArg number(std::string name, std::string help, std::string default_value) {
    return {option_arg, std::move(name), std::move(help), false, false, true, std::move(default_value)};
  }
  static CommandArg flag(std::string name, std::string help) {
    return {flag_arg, std::move(name), std::move(help), false, false, false, ""};
  }
};

// What a running command receives: its arguments by name, the configuration, the terminal.
struct CommandInput {
  std::map<std::string, std::vector<std::string>> given;  // by CommandArg::name
  std::set<std::string> flags;                            // flags given
  const Config* config = nullptr;
  std::istream* in = nullptr;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  // The configured database with every pending migration applied; on failure prints why to
  // err and returns nullptr.
  std::function<std::unique_ptr<Database>()> open_database;

  // The first value given ("" when none; options fall back to their default before this).
  std::string value(const std::string& name) const;
  std::vector<std::string> values(const std::string& name) const;
  bool flag(const std::string& name) const { return flags.count(name) > 0; }
  long long integer(const std::string& name, long long fallback = 0) const;
};

struct Command {
  std::vector<std::string> path;  // {"import", "organisations"}: the words typed after goldthread
  std::string help;
  std::vector<CommandArg> args;
  std::function<int(CommandInput&)> run;  // the exit status
  std::string module{};                   // set by the registry
};

// A word that only groups commands ("import", "user"), with its help line.
struct CommandGroup {
  std::vector<std::string> path;
  std::string help;
};

}  // namespace goldthread::core
