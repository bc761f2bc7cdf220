#pragma once
// Comments, a core service any capability attaches (issue 14.3), like core::follows: a thread
// of comments on (resource_type, resource_id), replies to depth 3 (a reply to a third-level
// comment is refused), Markdown sanitised and bounded (core/markdown.hpp), editable by the
// author for a while ("edited" shown), the organisation shown when the author comments for
// one, reports into a moderation queue where a moderator hides (the reason shown in place) or
// restores, and blocking an author. Every write is audited; a reply publishes a
// core::notifications event "comment-reply" to the parent's author.
//
// Attaching is one call on each side (docs/ARCHITECTURE.md, "Comments on any resource"):
//   // registration: which resources take comments, and where each lives
//   core::comments::attach("pledge", [](core::Connection& c, std::int64_t id)
//       -> std::optional<core::comments::Target> { ... return {{title, "/pledges/" + id}}; });
//   // the resource's page handler (HTML only), then {{>core/comments}} in its template
//   if (!ctx.wants_json()) model["comments"] = core::comments::thread(ctx, *conn, "pledge", id);
// The generic routes (POST /comments, /comments/{id}/edit, /report, /hide, /restore) redirect
// back to the Target's href. Tables comments, comment_reports, comment_blocks (0006).
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/storage.hpp"

namespace goldthread::core {
class Context;
class Database;
class Registry;
namespace audit {
struct Actor;
}
}  // namespace goldthread::core

namespace goldthread::core::comments {

inline constexpr std::size_t kMaxBody = 5000;   // characters
inline constexpr std::size_t kMaxReason = 500;  // a report's or a moderator's reason
inline constexpr int kMaxDepth = 3;             // top level = 1
inline constexpr int kPerPage = 20;             // top-level comments per page
inline constexpr int kRepliesShown = 5;         // replies shown under each comment
inline constexpr int kDefaultEditMinutes = 15;  // GOLDTHREAD_COMMENT_EDIT_MINUTES

// Where a commented resource lives: its title and its page (a same-site path).
struct Target {
  std::string title;
  std::string href;
};
using Resolver = std::function<std::optional<Target>(Connection&, std::int64_t id)>;
// Declares that resources of `type` take comments; one per type for the process (idempotent).
void attach(const std::string& type, Resolver resolve);
bool attached(const std::string& type);
std::optional<Target> resolve(Connection& c, const std::string& type, std::int64_t id);

struct Comment {
  std::int64_t id = 0;
  std::string resource_type;
  std::int64_t resource_id = 0;
  std::int64_t parent_id = 0;  // 0 = top level
  int depth = 1;
  std::int64_t author_user_id = 0;
  std::string author_name;
  std::int64_t organisation_id = 0;  // commented for this organisation; 0 = for themselves
  std::string organisation_name;
  std::string body, body_html;
  std::int64_t reply_count = 0;
  std::string created_at, edited_at;  // ISO UTC; edited_at "" = never
  std::string hidden_reason;          // "" = shown
  std::vector<Comment> replies;       // the first kRepliesShown, when read as a thread
  bool hidden() const { return !hidden_reason.empty(); }
};

// The thread section of a resource's page, rendered: the first page of top-level comments
// (keyset: ?comments_after=<id> for the next), each with its first replies to depth 3, the
// form to add one, and "more replies" links (plain links: no JavaScript needed). Rendered at
// most once per data version (core::data_version) for each resource, address and visitor,
// then served from memory; reading it costs at most 3 queries and the count, and a hit one
// (the data version). Call it in the page's read block, on the connection already held.
std::string thread_html(Context& ctx, Connection& c, const std::string& type, std::int64_t id);
// The model for {{>core/comments}}: {"html": thread_html(...)}.
nlohmann::json thread(Context& ctx, Connection& c, const std::string& type, std::int64_t id);
// The same under model["comments"], for handlers that include only <nlohmann/json_fwd.hpp>
// (e.g. inside a core::Page screen writer).
void add_thread(nlohmann::json& model, Context& ctx, Connection& c, const std::string& type, std::int64_t id);

// Adds a comment (or, with parent_id, a reply) as the form does, for seeds, imports and tests:
// resource_type, resource_id, parent_id, author_user_id, author_name, organisation_* and body
// are read from `draft`. Returns the new comment's id, or why it was refused.
Result<std::int64_t> add(Database& db, const audit::Actor& actor, const Comment& draft);

// The number of comments on each resource (hidden ones included), for lists.
std::int64_t count_for(Connection& c, const std::string& type, std::int64_t id);

// The routes: POST /comments, GET /comments (the thread, HTML and JSON), GET /comments/{id},
// the edit and report forms, hide/restore, GET /moderation/comments, blocks.
void register_routes(Registry& r);

}  // namespace goldthread::core::comments
