// Table of contents of the engagement capability: conversations and their opinion maps.
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/context.hpp"
#include "core/follows.hpp"
#include "core/page.hpp"
#include "core/registry.hpp"
#include "core/text.hpp"
#include "engagement/conversation_store.hpp"
#include "engagement/engagement.hpp"
#include "engagement/live.hpp"
#include "engagement/opinion_map.hpp"

namespace goldthread::engagement {
namespace {
using nlohmann::json;

core::Response conversations(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  json list = json::array();
  for (const auto& c : list_conversations(*conn))
    list.push_back(
        {{"slug", c.slug}, {"title", c.title}, {"description", c.description}, {"href", "/conversations/" + c.slug}});
  json model = {{"conversations", list}, {"has_conversations", !list.empty()}};
  return core::render_page(ctx, "engagement/conversations", "Conversations", model, 200, {{"Home", "/"}});
}

core::Response conversation(core::Context& ctx) {
  std::optional<Conversation> c;
  std::optional<StoredMap> stored;
  std::int64_t statements = 0;
  bool following = false;
  {
    auto conn = ctx.db().acquire();
    c = try_find_conversation(*conn, ctx.param("slug"));
    if (c) stored = try_conversation_map(*conn, c->id), statements = count_statements(*conn, c->id);
    if (c && ctx.principal.signed_in() && !ctx.wants_json())
      following = core::follows::is_following(*conn, "conversation", c->id, ctx.principal.user_id);
  }
  if (!c) return core::error_page(ctx, 404, "Page not found", "There is no conversation at this address.");
  json model = {{"conversation",
                 {{"slug", c->slug},
                  {"title", c->title},
                  {"description", c->description},
                  {"source_url", c->source_url},
                  {"attribution", c->attribution}}},
                {"statements", statements}};
  if (!ctx.wants_json())  // the follow button is screen state (issue 16.3)
    model["follow"] = {{"type", "conversation"},
                       {"id", c->id},
                       {"noun", "conversation"},
                       {"return_to", "/conversations/" + c->slug},
                       {"signed_in", ctx.principal.signed_in()},
                       {"following", following}};
  if (ctx.query("followed"))
    model["banner"] = "You are following this conversation: what happens here reaches your notifications";
  if (ctx.query("unfollowed")) model["banner"] = "You have stopped following this conversation";
  // A live conversation's map comes from its background worker (the page never reads every
  // vote); an import's replayed map (issue 15.7) is stored; otherwise one cold update.
  std::int64_t votes = 0;
  if (!add_live_results(ctx, *c, model, &votes)) {
    if (stored) {
      model["map"] = json::parse(stored->map);
      votes = stored->votes;
    } else {
      ConversationData data;
      {
        auto conn = ctx.db().acquire();
        data = load_conversation_data(*conn, c->id);
      }
      model["map"] = opinion_map(data);
      votes = static_cast<std::int64_t>(data.votes.size());
    }
  }
  model["votes"] = votes;
  const std::int64_t people = model.contains("map") ? model["map"].value("participants", std::int64_t{0}) : 0;
  model["counts_text"] = core::count_of(people, "person", "people") + " voted " + core::count_of(votes, "time") +
                         " on " + core::count_of(statements, "statement");
  return core::render_page(ctx, "engagement/conversation", c->title, model, 200,
                           {{"Home", "/"}, {"Conversations", "/conversations"}});
}

int import_polis_command(core::CommandInput& in) {
  auto db = in.open_database();
  if (!db) return 1;
  std::int64_t window = 1000;  // Pol.is's poll (opinion/replay.hpp)
  if (auto w = in.value("--replay-window-ms"); !w.empty()) {
    auto n = w == "0" ? std::optional<std::int64_t>(0) : core::parse_id(w);
    if (!n) {
      *in.err << "goldthread: --replay-window-ms takes a whole number of milliseconds (0: no replay)\n";
      return 1;
    }
    window = *n;
  }
  auto rep = import_polis_dir(*db, core::audit::Actor{}, in.value("DIR"), in.value("--slug"), "", window);
  if (!rep) {
    *in.err << "goldthread: " << rep.error().message << "\nNothing was imported.\n";
    return 1;
  }
  for (const auto& w : rep->warnings) *in.err << "goldthread: warning: " << w << "\n";
  *in.out << "Imported conversation '" << rep->slug << "': " << rep->statements << " statements, " << rep->votes
          << " votes from " << rep->participants << " participants\n";
  if (rep->replay_updates > 0)
    *in.out << "Groups from replaying the votes in time order: " << rep->replay_updates << " updates, one per "
            << window << " ms of conversation time\n";
  return 0;
}

}  // namespace

void register_module(core::Registry& r) {
  using core::Access;
  r.set_module("engagement");
  r.add_migrations("engagement");
  register_proposals(r);
  r.add_route("GET", "/conversations", Access::anyone(), conversations);
  r.add_route("GET", "/conversations/{slug}", Access::anyone(), conversation);
  register_live(r);
  r.add_section_link({.section = "take-part",
                      .key = "conversations",
                      .label = "Conversations",
                      .href = "/conversations",
                      .description = "See where people agree and where they differ, statement by statement, on an "
                                     "opinion map.",
                      .order = 10});
  register_consultations(r);  // consultation_handlers.cpp
  r.add_command(
      {{"import", "polis"},
       "Import a Pol.is export folder as an opinion conversation",
       {core::CommandArg::positional("DIR", "Folder with comments.csv and votes.csv (or participants-votes.csv)"),
        core::CommandArg::option("--slug", "Address of the conversation (default: the folder name)"),
        core::CommandArg::option("--replay-window-ms",
                                 "Replay votes.csv in time order, one engine update per this much conversation time "
                                 "(default 1000, Pol.is's poll; 0: one cold update)")},
       import_polis_command});
  // Example opinion conversations, so Take part shows an opinion map from the start: every
  // folder with an example.txt under GOLDTHREAD_EXAMPLES_DIR ("" for none; by default the
  // polis/ folder beside the place file's folder, data/polis). Idempotent.
  r.add_seed([](core::Database& db, const std::string& place_file) -> core::Result<core::SeedReport> {
    const char* env = std::getenv("GOLDTHREAD_EXAMPLES_DIR");
    std::string examples =
        env ? env : (std::filesystem::path(place_file).parent_path().parent_path() / "polis").string();
    auto n = seed_example_conversations(db, examples);
    if (!n)
      return core::Error::invalid("could not import the example conversations in " + examples + ": " +
                                  n.error().message);
    core::SeedReport rep;
    rep.created = *n;
    if (*n > 0) rep.summary = "Imported " + std::to_string(*n) + " example conversation(s) from " + examples;
    return rep;
  });
}

}  // namespace goldthread::engagement
