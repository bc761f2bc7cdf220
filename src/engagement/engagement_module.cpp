// Table of contents of the engagement capability: conversations and their opinion maps.
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/context.hpp"
#include "core/page.hpp"
#include "core/registry.hpp"
#include "engagement/conversation_store.hpp"
#include "engagement/engagement.hpp"
#include "engagement/opinion_map.hpp"

namespace goldthread::engagement {
namespace {
using nlohmann::json;

core::Response conversations(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  json list = json::array();
  for (const auto& c : list_conversations(*conn))
    list.push_back({{"slug", c.slug}, {"title", c.title}, {"description", c.description},
                    {"href", "/conversations/" + c.slug}});
  json model = {{"conversations", list}, {"has_conversations", !list.empty()}};
  return core::render_page(ctx, "engagement/conversations", "Conversations", model, 200, {{"Home", "/"}});
}

core::Response conversation(core::Context& ctx) {
  std::optional<Conversation> c;
  ConversationData data;
  {
    auto conn = ctx.db().acquire();
    c = try_find_conversation(*conn, ctx.param("slug"));
    if (c) data = load_conversation_data(*conn, c->id);
  }
  if (!c) return core::error_page(ctx, 404, "Page not found", "There is no conversation at this address.");
  json model = {{"conversation",
                 {{"slug", c->slug}, {"title", c->title}, {"description", c->description},
                  {"source_url", c->source_url}, {"attribution", c->attribution}}},
                {"statements", data.statements.size()},
                {"votes", data.votes.size()},
                {"map", opinion_map(data)}};
  return core::render_page(ctx, "engagement/conversation", c->title, model, 200,
                           {{"Home", "/"}, {"Conversations", "/conversations"}});
}

int import_polis_command(core::CommandInput& in) {
  auto db = in.open_database();
  if (!db) return 1;
  auto rep = import_polis_dir(*db, core::audit::Actor{}, in.value("DIR"), in.value("--slug"));
  if (!rep) {
    *in.err << "goldthread: " << rep.error().message << "\nNothing was imported.\n";
    return 1;
  }
  *in.out << "Imported conversation '" << rep->slug << "': " << rep->statements << " statements, " << rep->votes
          << " votes from " << rep->participants << " participants\n";
  return 0;
}

}  // namespace

void register_module(core::Registry& r) {
  using core::Access;
  r.set_module("engagement");
  r.add_migrations("engagement");
  r.add_route("GET", "/conversations", Access::anyone(), conversations);
  r.add_route("GET", "/conversations/{slug}", Access::anyone(), conversation);
  r.add_nav({"Conversations", "/conversations", 60});
  r.add_command({{"import", "polis"},
                 "Import a Pol.is export folder as an opinion conversation",
                 {core::CommandArg::positional("DIR", "Folder with comments.csv and votes.csv (or participants-votes.csv)"),
                  core::CommandArg::option("--slug", "Address of the conversation (default: the folder name)")},
                 import_polis_command});
}

}  // namespace goldthread::engagement
