#include "app/commands.hpp"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "accounts/accounts.hpp"
#include "app/bootstrap.hpp"
#include "core/backup.hpp"
#include "core/log.hpp"
#include "core/mail.hpp"
#include "core/server.hpp"
#include "engagement/engagement.hpp"
#include "places/places.hpp"
#ifdef GOLDTHREAD_HAVE_OPINION
#include "opinion/opinion_cli.hpp"
#endif
#include "work/work.hpp"

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

// `goldthread user create`: the first site administrator comes from here.
int create_user_command(const core::Config& cfg, const std::string& name, const std::string& email,
                        const std::vector<std::string>& role_names) {
  accounts::NewUser in{name, email, "", {}};
  for (const auto& r : role_names) {
    core::Role role;
    if (!core::parse_role(r, role)) {
      std::cerr << "goldthread: unknown role '" << r << "' (project-lead, moderator, place-admin, site-admin)\n";
      return 2;
    }
    in.roles.push_back(role);
  }
  std::getline(std::cin, in.password);
  if (!in.password.empty() && in.password.back() == '\r') in.password.pop_back();
  auto db = open_database(cfg);
  if (!db) {
    std::cerr << "goldthread: " << db.error().message << "\n";
    return 1;
  }
  if (auto st = migrate_database(**db, build_registry(), false); !st) {
    std::cerr << "goldthread: " << st.error().message << "\n";
    return 1;
  }
  auto id = accounts::create_user(**db, core::audit::Actor{}, in);
  if (!id) {
    std::cerr << "goldthread: " << id.error().message << "\n";
    for (const auto& f : id.error().fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
    return 1;
  }
  std::cout << "Created user " << *id << " (" << in.email << ")\n";
  return 0;
}

}  // namespace

void add_commands(CLI::App& cli, core::Config& cfg, int& exit_code) {
  // What the options are parsed into lives as long as `cli` (every callback holds `o`), not in
  // statics, and the exit code is the caller's: two command lines in one process (tests) share
  // nothing.
  struct Options {
    std::string place_path, polis_dir, polis_slug, user_name, user_email, backup_dest, restore_src;
    std::vector<std::string> user_roles;
    bool password_stdin = false, force = false;
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
    auto rep = places::import_place_file(**db, o->place_path);
    if (!rep) {
      std::cerr << "goldthread: " << rep.error().message << "\n";
      for (const auto& f : rep.error().fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
      std::cerr << "Nothing was imported.\n";
      exit_code = 1;
      return;
    }
    for (const auto& w : rep->warnings) std::cerr << "warning: " << w << "\n";
    std::cout << "Imported place '" << rep->place_slug << "': " << rep->created << " created, " << rep->updated
              << " updated, " << rep->unchanged << " unchanged\n";
    // The work map from the same place data (vision projects, joint working); idempotent.
    auto seeded = work::seed_from_place_file(**db, o->place_path);
    if (!seeded) {
      std::cerr << "goldthread: " << seeded.error().message << "\n";
      exit_code = 1;
      return;
    }
    for (const auto& w : seeded->warnings) std::cerr << "warning: " << w << "\n";
    std::cout << "Seeded the work map: " << seeded->created << " created, " << seeded->updated << " updated, "
              << seeded->unchanged << " unchanged\n";
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
  an->callback([&exit_code, o] {
    if (o->analyse.votes_csv.empty() && o->analyse.participants_votes_csv.empty()) {
      std::cerr << "goldthread: give --votes FILE or --participants-votes FILE\n";
      exit_code = 2;
      return;
    }
    exit_code = opinion::run_analyse(o->analyse, std::cout, std::cerr);
  });
#endif

  auto* ipol = imp->add_subcommand("polis", "Import a Pol.is export folder as an opinion conversation");
  ipol->add_option("DIR", o->polis_dir, "Folder with comments.csv and votes.csv (or participants-votes.csv)")
      ->required();
  ipol->add_option("--slug", o->polis_slug, "Address of the conversation (default: the folder name)");
  ipol->callback([&cfg, &exit_code, o] {
    auto db = open_database(cfg);
    if (!db || !migrate_database(**db, build_registry(), false)) {
      std::cerr << "goldthread: cannot open or migrate the database\n";
      exit_code = 1;
      return;
    }
    auto rep = engagement::import_polis_dir(**db, core::audit::Actor{}, o->polis_dir, o->polis_slug);
    if (!rep) {
      std::cerr << "goldthread: " << rep.error().message << "\nNothing was imported.\n";
      exit_code = 1;
      return;
    }
    std::cout << "Imported conversation '" << rep->slug << "': " << rep->statements << " statements, " << rep->votes
              << " votes from " << rep->participants << " participants\n";
    exit_code = 0;
  });

  auto* user = cli.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  auto* uc = user->add_subcommand("create", "Create a user (the password is read from standard input)");
  uc->add_option("--name", o->user_name, "Full name")->required();
  uc->add_option("--email", o->user_email, "E-mail address")->required();
  uc->add_option("--role", o->user_roles, "Role: project-lead, moderator, place-admin, site-admin (repeatable)");
  uc->add_flag("--password-stdin", o->password_stdin, "Read the password from standard input (the default)");
  uc->callback(
      [&cfg, &exit_code, o] { exit_code = create_user_command(cfg, o->user_name, o->user_email, o->user_roles); });

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
  add_work_commands(cli, cfg, exit_code);
  add_outcomes_commands(cli, cfg, exit_code);
}

}  // namespace goldthread::app
