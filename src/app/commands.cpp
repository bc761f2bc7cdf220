#include "app/commands.hpp"

#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/bootstrap.hpp"
#include "app/cli.hpp"
#include "core/backup.hpp"
#include "core/log.hpp"
#include "core/mail.hpp"
#include "core/server.hpp"
#ifdef GOLDTHREAD_HAVE_OPINION
#include "opinion/opinion_cli.hpp"
#endif

namespace goldthread::app {
namespace {

void progress_bar(int remaining, int total) {
  if (total <= 0) return;
  int done = total - remaining;
  int width = 30;
  int filled = done * width / total;
  std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done << "/" << total
            << " pages" << std::flush;
  if (remaining == 0) std::cerr << "\n";
}

std::string sqlite_path_of(const core::Config& cfg) {
  const auto& u = cfg.database_url;
  if (u.rfind("sqlite:", 0) == 0) return u.substr(7);
  if (u.find("://") == std::string::npos) return u;
  return "";
}

int serve(core::Config& cfg) {
  core::log::set_level(cfg.log_level);
  std::string host;
  unsigned short port = 0;
  if (!core::split_listen(cfg.listen, host, port)) {
    std::cerr << "goldthread: --listen must look like 127.0.0.1:8080 (got '" << cfg.listen << "')\n";
    return 2;
  }
  auto app = make_app(cfg);
  if (!app) {
    std::cerr << "goldthread: " << app.error().message << "\n";
    return 1;
  }
  if (!(*app)->static_files().ok()) core::log::warn((*app)->static_files().problem());
  core::App& a = **app;
  auto opts = server_options(
      cfg, a, cfg.threads > 0 ? cfg.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  opts.host = host;
  opts.port = port;
  // The mail sender: a background thread delivering the outbox over SMTP (core/mail.hpp);
  // nullptr without GOLDTHREAD_SMTP_HOST. Stopped when this function returns.
  auto mail_sender = core::mail::start_sender(a.db(), cfg);
  core::Server server(opts, [&a](core::Request& r) { return a.handle(r); });
  try {
    port = server.start();
  } catch (const std::exception& e) {
    std::cerr << "goldthread: " << e.what() << "\n";
    return 1;
  }
  core::log::info("serving", {{"url", "http://" + host + ":" + std::to_string(port) + "/"},
                              {"database", a.db().describe()},
                              {"threads", opts.threads},
                              {"heavy_threads", opts.heavy_threads}});
  server.wait();
  core::log::info("stopped");
  return 0;
}

// Every command a module registered (core/command.hpp) becomes a CLI11 subcommand; its
// arguments are bound to storage owned by the subcommand's callback.
struct Bound {
  std::map<std::string, std::string> single;
  std::map<std::string, std::vector<std::string>> multi;
  std::map<std::string, bool> flags;
};

CLI::App* subcommand_at(CLI::App& cli, const std::vector<std::string>& path, std::size_t depth) {
  CLI::App* at = &cli;
  for (std::size_t i = 0; i < depth; ++i) {
    CLI::App* next = nullptr;
    for (auto* s : at->get_subcommands([](CLI::App*) { return true; }))
      if (s->get_name() == path[i]) next = s;
    if (!next) {
      next = at->add_subcommand(path[i]);
      next->require_subcommand(1);
    }
    at = next;
  }
  return at;
}

std::unique_ptr<core::Database> ready_database(const core::Config& cfg, std::ostream& err) {
  auto db = open_database(cfg);
  if (!db) {
    err << "goldthread: " << db.error().message << "\n";
    return nullptr;
  }
  if (auto st = migrate_database(**db, build_registry(), false); !st) {
    err << "goldthread: " << st.error().message << "\n";
    return nullptr;
  }
  return std::move(db.value());
}

void add_module_command(CLI::App& cli, core::Config& cfg, int& exit_code, const core::Command& c) {
  auto* parent = subcommand_at(cli, c.path, c.path.size() - 1);
  auto* sub = parent->add_subcommand(c.path.back(), c.help);
  auto bound = std::make_shared<Bound>();
  for (const auto& arg : c.args) {
    CLI::Option* o = nullptr;
    if (arg.kind == core::CommandArg::flag_arg) {
      o = sub->add_flag(arg.name, bound->flags[arg.name], arg.help);
    } else if (arg.repeatable) {
      o = sub->add_option(arg.name, bound->multi[arg.name], arg.help);
    } else {
      auto& value = bound->single[arg.name];
      value = arg.default_value;
      o = sub->add_option(arg.name, value, arg.help);
      if (!arg.default_value.empty()) o->capture_default_str();
    }
    if (arg.required) o->required();
    if (arg.integer) o->check(CLI::Number);
  }
  sub->callback([bound, &cfg, &exit_code, run = c.run] {
    core::CommandInput in;
    for (const auto& [name, v] : bound->single)
      if (!v.empty()) in.given[name] = {v};
    for (const auto& [name, v] : bound->multi) in.given[name] = v;
    for (const auto& [name, on] : bound->flags)
      if (on) in.flags.insert(name);
    in.config = &cfg;
    in.in = &std::cin;
    in.out = &std::cout;
    in.err = &std::cerr;
    in.open_database = [&cfg] { return ready_database(cfg, std::cerr); };
    exit_code = run(in);
  });
}

}  // namespace

void add_commands(CLI::App& cli, core::Config& cfg, int& exit_code) {
  // What the options are parsed into lives as long as `cli` (every callback holds `o`), not in
  // statics, and the exit code is the caller's: two command lines in one process (tests) share
  // nothing.
  struct Options {
    std::string place_path, backup_dest, restore_src;
    bool force = false;
#ifdef GOLDTHREAD_HAVE_OPINION
    opinion::AnalyseOptions analyse;
#endif
  };
  auto o = std::make_shared<Options>();
  auto* s = cli.add_subcommand("serve", "Serve the web site and JSON API");
  s->add_option("--listen", cfg.listen, "Address to listen on, host:port (env GOLDTHREAD_LISTEN)");
  s->add_option("--threads", cfg.threads, "Worker threads, 0 = one per core (env GOLDTHREAD_THREADS)");
  s->add_option("--assets", cfg.assets_dir, "Folder holding static/ and node_modules/ (env GOLDTHREAD_ASSETS_DIR)");
  s->add_option("--place-file", cfg.place_file,
                "Place file imported into an empty database (env GOLDTHREAD_PLACE_FILE)");
  s->callback([&cfg, &exit_code] { exit_code = serve(cfg); });

  auto* m = cli.add_subcommand("migrate", "Apply pending database migrations");
  m->callback([&cfg, &exit_code] {
    auto db = open_database(cfg);
    if (!db) {
      std::cerr << "goldthread: " << db.error().message << "\n";
      exit_code = 1;
      return;
    }
    auto st = migrate_database(**db, build_registry(), true);
    if (!st) std::cerr << "goldthread: " << st.error().message << "\n";
    exit_code = st ? 0 : 1;
  });

  auto* imp = cli.add_subcommand("import", "Import data from a file");
  imp->require_subcommand(1);
  auto* ip = imp->add_subcommand("place", "Import a place file (docs/PLACE_FORMAT.md); re-importing changes nothing");
  ip->add_option("FILE", o->place_path, "Path to the place JSON file")->required();
  ip->callback([&cfg, &exit_code, o] {
    auto db = open_database(cfg);
    if (!db) {
      std::cerr << "goldthread: " << db.error().message << "\n";
      exit_code = 1;
      return;
    }
    if (auto st = migrate_database(**db, build_registry(), false); !st) {
      std::cerr << "goldthread: " << st.error().message << "\n";
      exit_code = 1;
      return;
    }
    // Every module's seed, in module order: places imports the file, then partners (the
    // councils), work (the work map), ... Each is idempotent.
    std::string failed;
    auto st = run_seeds(
        **db, build_registry(), o->place_path,
        [](const core::Seed&, const core::SeedReport& rep) {
          for (const auto& w : rep.warnings) std::cerr << "warning: " << w << "\n";
          if (!rep.summary.empty()) std::cout << rep.summary << "\n";
        },
        &failed);
    if (!st) {
      std::cerr << "goldthread: " << st.error().message << "\n";
      for (const auto& f : st.error().fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
      if (failed == "places") std::cerr << "Nothing was imported.\n";
      exit_code = 1;
      return;
    }
    exit_code = 0;
  });

#ifdef GOLDTHREAD_HAVE_OPINION
  auto* op = cli.add_subcommand("opinion", "Opinion mapping (Pol.is-exact) on exported conversations");
  op->require_subcommand(1);
  auto* an = op->add_subcommand("analyse", "Analyse a Pol.is export: groups, representative statements, consensus");
  an->add_option("--votes", o->analyse.votes_csv, "votes.csv (Pol.is open-data format)");
  an->add_option("--participants-votes", o->analyse.participants_votes_csv,
                 "participants-votes.csv, when there is no votes.csv");
  an->add_option("--comments", o->analyse.comments_csv, "comments.csv (statement texts and moderation)");
  an->add_option("--out", o->analyse.out_json, "Write the full analysis as JSON to this file");
  an->add_flag("--replay", o->analyse.replay,
               "Feed votes.csv in time order through incremental updates, as Pol.is's math worker did");
  an->add_option("--replay-window-ms", o->analyse.replay_window_ms,
                 "With --replay: conversation time per update, in ms (default 1000, Pol.is's poll interval)")
      ->check(CLI::PositiveNumber);
  an->add_option("--starts", o->analyse.starts, "Keep the best of N group k-means starts (default 1, as Pol.is)")
      ->check(CLI::Range(1, 100));
  an->callback([&exit_code, o] {
    if (o->analyse.votes_csv.empty() && o->analyse.participants_votes_csv.empty()) {
      std::cerr << "goldthread: give --votes FILE or --participants-votes FILE\n";
      exit_code = 2;
      return;
    }
    exit_code = opinion::run_analyse(o->analyse, std::cout, std::cerr);
  });
#endif

  auto* b = cli.add_subcommand("backup", "Copy the SQLite database to a file (safe while serving)");
  b->add_option("DEST", o->backup_dest, "Backup file to write")->required();
  b->callback([&cfg, &exit_code, o] {
    auto path = sqlite_path_of(cfg);
    if (path.empty()) {
      std::cerr << "goldthread: backup works on SQLite; for PostgreSQL use pg_dump (see docs/OPERATIONS.md)\n";
      exit_code = 2;
      return;
    }
    auto st = core::sqlite_backup(path, o->backup_dest, progress_bar);
    if (!st)
      std::cerr << "goldthread: " << st.error().message << "\n";
    else
      std::cout << "Backed up " << path << " to " << o->backup_dest << "\n";
    exit_code = st ? 0 : 1;
  });
  auto* r = cli.add_subcommand("restore", "Restore the SQLite database from a backup file");
  r->add_option("SRC", o->restore_src, "Backup file to read")->required();
  r->add_flag("--force", o->force, "Overwrite a database that already holds data");
  r->callback([&cfg, &exit_code, o] {
    auto path = sqlite_path_of(cfg);
    if (path.empty()) {
      std::cerr << "goldthread: restore works on SQLite; for PostgreSQL use pg_restore\n";
      exit_code = 2;
      return;
    }
    auto st = core::sqlite_restore(o->restore_src, path, o->force, progress_bar);
    if (!st)
      std::cerr << "goldthread: " << st.error().message << "\n";
    else
      std::cout << "Restored " << path << " from " << o->restore_src << "\n";
    exit_code = st ? 0 : 1;
  });
  add_module_commands(cli, cfg, exit_code, build_registry());
}

void add_module_commands(CLI::App& cli, core::Config& cfg, int& exit_code, const core::Registry& reg) {
  for (const auto& g : reg.command_groups()) subcommand_at(cli, g.path, g.path.size())->description(g.help);
  for (const auto& c : reg.commands()) add_module_command(cli, cfg, exit_code, c);
}

int run_cli(int argc, char** argv) {
  core::Config cfg;
  core::apply_environment(cfg);
  int exit_code = 0;  // set by the subcommand that runs
  CLI::App cli{
      "goldthread: a shared space where a place plans its future together, acts on it and holds "
      "itself to account."};
  cli.require_subcommand(1);
  cli.add_option("--database", cfg.database_url, "Database URL: sqlite:PATH or postgres://... (env DATABASE_URL)");
  add_commands(cli, cfg, exit_code);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  return exit_code;
}

}  // namespace goldthread::app
