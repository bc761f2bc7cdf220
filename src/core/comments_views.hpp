#pragma once
// Typed view models of the comment pages (comments_handlers.cpp): the comment form, a thread
// (or one comment's replies), the moderation queue and the moderators' answers. Their
// representations are written in one place, core/comments_json.cpp; a comment itself is
// serialised by views::resource and views::screen (comments_store.hpp).
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/comments.hpp"
#include "core/comments_store.hpp"
#include "core/context.hpp"
#include "core/result.hpp"

namespace goldthread::core::comments {

// One comment as a resource (views::resource), for the answers to posting and moderating.
void resource_json(nlohmann::json& j, const Comment& m);

// What the form page shows: a new comment or reply, an edit, or a report (a form page: its
// twin describes the form).
struct FormPage {
  std::string mode;  // "new" | "edit" | "report"
  std::string title, action, field, label, hint, button, value = "";
  std::optional<Comment> about = std::nullopt;  // the comment replied to, edited or reported
  Target target = {};
  std::string resource_type = "";
  std::int64_t resource_id = 0, parent_id = 0, organisation_id = 0;
};
// The form's model; `ctx` for who is looking (their organisations, what they may do).
void form_json(nlohmann::json& j, const FormPage& p, const Context& ctx, const Error* error);

// A page of a resource's thread, or of one comment's replies.
struct ThreadView {
  Target target;
  std::string resource_type;
  std::int64_t resource_id = 0;
  std::optional<Comment> parent;  // replies to this comment
  std::vector<Comment> comments;
  std::string self;        // the first page's address
  std::int64_t after = 0;  // this page starts after that comment (0: the first page)
  std::string next;        // the next page's address, "" for none
};
void to_json(nlohmann::json& j, const ThreadView& v);
void screen_json(nlohmann::json& j, const ThreadView& v, const Context& ctx);

// The moderation queue: open reports, hidden comments, blocked authors.
struct ReportedView {
  store::Reported reported;
  std::optional<Target> on;  // the page the comment is on
};
struct ModerationView {
  std::vector<ReportedView> reported;
  std::vector<Comment> hidden;
  std::vector<store::Block> blocked;
};
struct ModerationScreen {
  std::string done;  // hidden | restored | blocked | unblocked: the action just taken
  const Error* error = nullptr;
};
void to_json(nlohmann::json& j, const ModerationView& v);
void screen_json(nlohmann::json& j, const ModerationView& v, const ModerationScreen& s, const Context& ctx);

// The answer to blocking and unblocking an author.
struct BlockState {
  std::int64_t user_id = 0;
  std::string name;
  std::optional<std::string> reason;  // present once blocked
  bool blocked = false;
};
void to_json(nlohmann::json& j, const BlockState& b);

}  // namespace goldthread::core::comments
