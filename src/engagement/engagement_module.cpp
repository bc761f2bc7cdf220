// Table of contents of the engagement capability: conversations and their opinion maps.
#include <nlohmann/json.hpp>

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
    list.push_back(
        {{"slug", c.slug}, {"title", c.title}, {"description", c.description}, {"href", "/conversations/" + c.slug}});
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
                 {{"slug", c->slug},
                  {"title", c->title},
                  {"description", c->description},
                  {"source_url", c->source_url},
                  {"attribution", c->attribution}}},
                {"statements", data.statements.size()},
                {"votes", data.votes.size()},
                {"map", opinion_map(data)}};
  return core::render_page(ctx, "engagement/conversation", c->title, model, 200,
                           {{"Home", "/"}, {"Conversations", "/conversations"}});
}

}  // namespace

void register_module(core::Registry& r) {
  using core::Access;
  r.set_module("engagement");
  r.add_migrations("engagement");
  r.add_route("GET", "/conversations", Access::anyone(), conversations);
  r.add_route("GET", "/conversations/{slug}", Access::anyone(), conversation);
  r.add_section_link({.section = "take-part",
                      .key = "conversations",
                      .label = "Conversations",
                      .href = "/conversations",
                      .description = "See where people agree and where they differ, statement by statement, on an "
                                     "opinion map.",
                      .order = 10});
}

}  // namespace goldthread::engagement
