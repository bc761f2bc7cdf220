#pragma once
// The comments tables (core/migrations/0006), for core/comments*.cpp only.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/comments.hpp"

namespace goldthread::core::comments::store {

std::int64_t insert(Connection& c, const Comment& m);
std::optional<Comment> find(Connection& c, std::int64_t id);
// Adds one to the parent's reply count (the same transaction as the reply).
void count_reply(Connection& c, std::int64_t parent_id);
// Top-level comments of a resource, oldest first, after `after_id` (keyset).
std::vector<Comment> top_level(Connection& c, const std::string& type, std::int64_t id, std::int64_t after_id,
                               int limit);
// The first `per_parent` replies of each of `parents`, by parent then oldest first.
std::vector<Comment> first_replies(Connection& c, const std::vector<std::int64_t>& parents, int per_parent);
// Replies of one comment, oldest first, after `after_id`.
std::vector<Comment> replies(Connection& c, std::int64_t parent_id, std::int64_t after_id, int limit);
std::int64_t count_for(Connection& c, const std::string& type, std::int64_t id);
void update_body(Connection& c, std::int64_t id, const std::string& body, const std::string& html,
                 const std::string& edited_at);
void set_hidden(Connection& c, std::int64_t id, const std::string& reason, const std::string& at);

std::int64_t add_report(Connection& c, std::int64_t comment_id, std::int64_t reporter, const std::string& reason);
// Closes a comment's open reports; returns how many.
std::int64_t resolve_reports(Connection& c, std::int64_t comment_id);
struct Reported {
  Comment comment;
  std::vector<std::string> reasons;
  std::int64_t reports = 0;
};
// Comments with open reports, oldest report first.
std::vector<Reported> open_reports(Connection& c, int limit);
// Hidden comments, newest hidden first.
std::vector<Comment> hidden(Connection& c, int limit);

struct Block {
  std::int64_t user_id = 0;
  std::string user_name, reason, created_at;
};
bool is_blocked(Connection& c, std::int64_t user_id);
bool block(Connection& c, const Block& b, std::int64_t by);  // false: already blocked
bool unblock(Connection& c, std::int64_t user_id);
std::vector<Block> blocks(Connection& c);
// A deleted person's name on their comments and their block becomes `as_name`.
void redact_author(Connection& c, std::int64_t user_id, const std::string& as_name);
// The person chose to remove what they wrote (issue 14.6): each comment keeps its place, so
// the replies under it still read in order, and says "Removed by its author." instead.
void remove_text_by_author(Connection& c, std::int64_t user_id);
// The name an author last commented under (for blocking by id).
std::optional<std::string> author_name(Connection& c, std::int64_t user_id);

}  // namespace goldthread::core::comments::store

// The services (core/comments.cpp): each owns its transaction (core::transact), validates
// once, writes and audits. Messages name the form field for the error summary.
#include "core/audit.hpp"
#include "core/result.hpp"

namespace goldthread::core {
class Database;
}

namespace goldthread::core::comments::service {

struct Posted {
  Comment comment;
  Target target;
};
// `draft`: resource, parent, body and the author (user, name, organisation) already checked
// by the handler against the principal.
Result<Posted> post(Database& db, const audit::Actor& actor, Comment draft);
Result<Posted> edit(Database& db, const audit::Actor& actor, std::int64_t id, const std::string& body);
Result<Posted> report(Database& db, const audit::Actor& actor, std::int64_t id, const std::string& reason);
Result<Posted> hide(Database& db, const audit::Actor& actor, std::int64_t id, const std::string& reason);
Result<Posted> restore(Database& db, const audit::Actor& actor, std::int64_t id);
Result<store::Block> block(Database& db, const audit::Actor& actor, std::int64_t user_id, const std::string& reason);
Result<store::Block> unblock(Database& db, const audit::Actor& actor, std::int64_t user_id);

// The author may still edit: within GOLDTHREAD_COMMENT_EDIT_MINUTES (default 15) of posting.
bool within_edit_window(const Comment& m);
int edit_minutes();

}  // namespace goldthread::core::comments::service

namespace goldthread::core::comments::views {
// One comment for the page (screen) and for the JSON twin (resource).
nlohmann::json screen(const Context& ctx, const Comment& m);
nlohmann::json resource(const Comment& m);
}  // namespace goldthread::core::comments::views

namespace goldthread::core::comments {
// A page of top-level comments (after `after`, keyset) with their first replies; a page of
// one comment's replies with theirs. One query per level.
std::vector<Comment> read_thread(Connection& c, const std::string& type, std::int64_t id, std::int64_t after);
std::vector<Comment> read_replies(Connection& c, const Comment& parent, std::int64_t after);
}  // namespace goldthread::core::comments
