// The generic comment routes: each parses with core::Form, calls one service and renders (or
// redirects back to the resource's page, whose address comes from the attaching
// capability's resolver, never from the request) after the transaction.
#include <nlohmann/json_fwd.hpp>

#include "core/abuse.hpp"
#include "core/comments.hpp"
#include "core/comments_store.hpp"
#include "core/comments_views.hpp"
#include "core/context.hpp"
#include "core/contributions.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/registry.hpp"
#include "core/text.hpp"

namespace goldthread::core::comments {

namespace {

const abuse::Limit kCommentLimit{"comment", 20, 60, std::chrono::minutes(10), "post comments"};
const abuse::Limit kReportLimit{"comment-report", 20, 60, std::chrono::minutes(10), "report comments"};

audit::Actor actor_of(Context& ctx, std::int64_t organisation_id = 0) {
  return audit::Actor::from(ctx.principal, organisation_id, ctx.request().request_id);
}

std::string back_to(const Target& t, const std::string& saved, std::int64_t id) {
  return t.href + (t.href.find('?') == std::string::npos ? "?" : "&") + "comment=" + saved + "#comment-" +
         std::to_string(id);
}

std::int64_t query_id(const Context& ctx, const std::string& name) {
  auto v = ctx.query(name).value_or("");
  if (v.empty() || v.size() > 18) return 0;
  for (char ch : v)
    if (ch < '0' || ch > '9') return 0;
  return std::stoll(v);
}

Response show_form(Context& ctx, const FormPage& p, const std::optional<Error>& error = std::nullopt,
                   int status = 200) {
  const Error* e = error ? &*error : nullptr;
  auto write = [&](nlohmann::json& j) { form_json(j, p, ctx, e); };
  return render_page(ctx, {.template_name = "core/comment_form",
                           .title = p.title,
                           .crumbs = {{"Home", "/"}, {p.target.title, p.target.href}},
                           .status = status,
                           .resource = write,
                           .screen = write});
}

Response answer_error(Context& ctx, const FormPage& p, const Error& e) {
  if (e.kind == ErrorKind::invalid && !ctx.wants_json()) return show_form(ctx, p, e, 400);
  return error_response(ctx, e);
}

Response done(Context& ctx, const service::Posted& posted, const std::string& saved, int status = 200) {
  if (ctx.wants_json()) {
    return resource_response([&](nlohmann::json& j) { resource_json(j, posted.comment); }, status);
  }
  return Response::redirect(back_to(posted.target, saved, posted.comment.id));
}

// GET /comments/new?resource_type=&resource_id= or ?parent_id=: the form on its own page (a reply).
Response new_page(Context& ctx) {
  auto conn = ctx.db().acquire();
  FormPage p{"new", "Add a comment", "/comments", "body", "Your comment", "You can use Markdown", "Post comment", ""};
  if (auto parent_id = query_id(ctx, "parent_id")) {
    auto parent = store::find(*conn, parent_id);
    if (!parent) return error_page(ctx, 404, "Page not found", "There is no comment at this address.");
    p.about = *parent;
    p.resource_type = parent->resource_type;
    p.resource_id = parent->resource_id;
    p.parent_id = parent->id;
    p.title = "Reply to " + parent->author_name;
    p.button = "Post reply";
  } else {
    p.resource_type = ctx.query("resource_type").value_or("");
    p.resource_id = query_id(ctx, "resource_id");
  }
  auto t = p.resource_type.size() <= 40 ? resolve(*conn, p.resource_type, p.resource_id) : std::nullopt;
  if (!t) return error_page(ctx, 404, "Page not found", "There is no page here to comment on.");
  p.target = *t;
  return show_form(ctx, p);
}

// POST /comments
Response create(Context& ctx) {
  Form f(ctx);
  FormPage p{"new", "Add a comment", "/comments", "body", "Your comment", "You can use Markdown", "Post comment", ""};
  Comment draft;
  draft.resource_type = f.text("resource_type", "Resource type", 40);
  draft.resource_id = f.id("resource_id", "The page to comment on is missing");
  draft.parent_id = f.id("parent_id", "The comment to reply to is missing");
  draft.body = f.paragraph("body", "Comment", kMaxBody);
  draft.organisation_id = f.id("organisation_id", "Select an organisation from the list");
  p.value = draft.body;
  p.resource_type = draft.resource_type;
  p.resource_id = draft.resource_id;
  p.parent_id = draft.parent_id;
  p.organisation_id = draft.organisation_id;
  {
    auto conn = ctx.db().acquire();
    auto t = resolve(*conn, draft.resource_type, draft.resource_id);
    if (!t) return error_page(ctx, 404, "Page not found", "There is no page here to comment on.");
    p.target = *t;
    if (draft.parent_id) {
      p.about = store::find(*conn, draft.parent_id);
      if (p.about) p.title = "Reply to " + p.about->author_name, p.button = "Post reply";
    }
  }
  if (draft.body.empty() && !f.rejected()) f.error("body", "Enter your comment");
  if (draft.organisation_id) {
    bool member = false;
    for (const auto& m : ctx.principal.memberships)
      if (m.organisation_id == draft.organisation_id) member = true, draft.organisation_name = m.organisation_name;
    if (!member) f.error("organisation_id", "Select an organisation you belong to");
  }
  if (!f.ok()) return answer_error(ctx, p, f.invalid("Check your comment"));
  const auto person = std::optional<std::int64_t>(ctx.principal.user_id);
  if (auto dup = abuse::check_duplicate(ctx, "comment", person, draft.body, "body"); !dup)
    return answer_error(ctx, p, dup.error());
  if (auto rate = abuse::allow_write(ctx, kCommentLimit, person); !rate) return error_response(ctx, rate.error());
  draft.author_user_id = ctx.principal.user_id;
  draft.author_name = ctx.principal.name;
  auto r = service::post(ctx.db(), actor_of(ctx, draft.organisation_id), draft);
  if (!r) return answer_error(ctx, p, r.error());
  abuse::remember_post(ctx, "comment", person, draft.body);
  return done(ctx, *r, "posted", 201);
}

std::optional<Comment> comment_param(Context& ctx) {
  auto id = ctx.int_param("id");
  if (!id) return std::nullopt;
  auto conn = ctx.db().acquire();
  return store::find(*conn, *id);
}

Response no_comment(Context& ctx) {
  return error_page(ctx, 404, "Page not found", "There is no comment at this address.");
}

FormPage edit_form(Context& ctx, const Comment& m) {
  FormPage p{"edit",
             "Change your comment",
             "/comments/" + std::to_string(m.id) + "/edit",
             "body",
             "Your comment",
             "You can use Markdown. Comments can be changed for " + count_of(service::edit_minutes(), "minute") +
                 " after posting.",
             "Save changes",
             m.body};
  auto conn = ctx.db().acquire();
  p.target = resolve(*conn, m.resource_type, m.resource_id).value_or(Target{"Home", "/"});
  return p;
}

Response edit_page(Context& ctx) {
  auto m = comment_param(ctx);
  if (!m) return no_comment(ctx);
  if (m->author_user_id != ctx.principal.user_id)
    return error_page(ctx, 403, "You cannot change this comment", "Only the person who wrote a comment can edit it.");
  if (!service::within_edit_window(*m) || m->hidden())
    return error_page(ctx, 403, "This comment can no longer be changed",
                      "Comments can be edited for " + count_of(service::edit_minutes(), "minute") +
                          " after posting, unless a moderator has hidden them.");
  return show_form(ctx, edit_form(ctx, *m));
}

Response edit(Context& ctx) {
  auto m = comment_param(ctx);
  if (!m) return no_comment(ctx);
  if (m->author_user_id != ctx.principal.user_id)
    return error_response(ctx, Error::forbidden("Only the person who wrote a comment can edit it."));
  Form f(ctx);
  auto p = edit_form(ctx, *m);
  p.value = f.paragraph("body", "Comment", kMaxBody);
  if (p.value.empty() && !f.rejected()) f.error("body", "Enter your comment");
  if (!f.ok()) return answer_error(ctx, p, f.invalid("Check your comment"));
  auto r = service::edit(ctx.db(), actor_of(ctx, m->organisation_id), m->id, p.value);
  if (!r) return answer_error(ctx, p, r.error());
  return done(ctx, *r, "edited");
}

FormPage report_form(Context& ctx, const Comment& m) {
  FormPage p{"report",
             "Report a comment",
             "/comments/" + std::to_string(m.id) + "/report",
             "reason",
             "Why should a moderator look at this comment?",
             "For example, it is abusive, it shares someone's personal details, or it is advertising",
             "Send report",
             ""};
  p.about = m;
  auto conn = ctx.db().acquire();
  p.target = resolve(*conn, m.resource_type, m.resource_id).value_or(Target{"Home", "/"});
  return p;
}

Response report_page(Context& ctx) {
  auto m = comment_param(ctx);
  if (!m) return no_comment(ctx);
  return show_form(ctx, report_form(ctx, *m));
}

Response report(Context& ctx) {
  auto m = comment_param(ctx);
  if (!m) return no_comment(ctx);
  Form f(ctx);
  auto p = report_form(ctx, *m);
  p.value = f.paragraph("reason", "Reason", kMaxReason);
  if (p.value.empty() && !f.rejected()) f.error("reason", "Enter why this comment should be looked at");
  if (!f.ok()) return answer_error(ctx, p, f.invalid("Check your report"));
  if (auto rate = abuse::allow_write(ctx, kReportLimit, ctx.principal.user_id); !rate)
    return error_response(ctx, rate.error());
  auto r = service::report(ctx.db(), actor_of(ctx), m->id, p.value);
  if (!r) return answer_error(ctx, p, r.error());
  return done(ctx, *r, "reported");
}

// The moderation queue: open reports, hidden comments, blocked authors.
Response moderation_page_with(Context& ctx, const std::optional<Error>& error, int status) {
  ModerationView v;
  {
    auto conn = ctx.db().acquire();
    for (auto& r : store::open_reports(*conn, 50)) {
      auto on = resolve(*conn, r.comment.resource_type, r.comment.resource_id);
      v.reported.push_back({std::move(r), std::move(on)});
    }
    v.hidden = store::hidden(*conn, 50);
    v.blocked = store::blocks(*conn);
  }
  ModerationScreen screen{ctx.query("done").value_or(""), error ? &*error : nullptr};
  return render_page(ctx, {.template_name = "core/comment_moderation",
                           .title = "Comments to moderate",
                           .crumbs = {{"Home", "/"}},
                           .status = status,
                           .resource = [&](nlohmann::json& j) { to_json(j, v); },
                           .screen = [&](nlohmann::json& j) { screen_json(j, v, screen, ctx); }});
}

Response moderation_page(Context& ctx) {
  return moderation_page_with(ctx, std::nullopt, 200);
}

Response moderator_answer(Context& ctx, const Error& e) {
  if (e.kind == ErrorKind::invalid && !ctx.wants_json()) return moderation_page_with(ctx, e, 400);
  return error_response(ctx, e);
}

Response moderated(Context& ctx, const Result<service::Posted>& r, const std::string& done) {
  if (!r) return moderator_answer(ctx, r.error());
  if (ctx.wants_json()) {
    return resource_response([&](nlohmann::json& j) { resource_json(j, r->comment); });
  }
  return Response::redirect("/moderation/comments?done=" + done);
}

Response hide(Context& ctx) {
  auto id = ctx.int_param("id");
  if (!id) return no_comment(ctx);
  Form f(ctx);
  const auto field = "reason-" + std::to_string(*id);
  auto reason = f.paragraph(ctx.form().count(field) ? field : "reason", "Reason", kMaxReason);
  if (!f.ok()) return moderator_answer(ctx, f.invalid("Check the reason"));
  return moderated(ctx, service::hide(ctx.db(), actor_of(ctx), *id, reason), "hidden");
}

Response restore(Context& ctx) {
  auto id = ctx.int_param("id");
  if (!id) return no_comment(ctx);
  return moderated(ctx, service::restore(ctx.db(), actor_of(ctx), *id), "restored");
}

Response block_author(Context& ctx) {
  Form f(ctx);
  auto user_id = f.id("user_id", "Choose someone who has commented");
  auto reason = f.paragraph("block_reason", "Reason", kMaxReason);
  if (!user_id && f.ok()) f.error("user_id", "Choose someone who has commented");
  if (!f.ok()) return moderator_answer(ctx, f.invalid("Check the details"));
  auto r = service::block(ctx.db(), actor_of(ctx), user_id, reason);
  if (!r) return moderator_answer(ctx, r.error());
  if (ctx.wants_json()) {
    BlockState b{r->user_id, r->user_name, r->reason, true};
    return resource_response([&](nlohmann::json& j) { to_json(j, b); });
  }
  return Response::redirect("/moderation/comments?done=blocked");
}

Response unblock_author(Context& ctx) {
  auto id = ctx.int_param("user_id");
  if (!id) return error_page(ctx, 404, "Page not found", "That person is not blocked from commenting.");
  auto r = service::unblock(ctx.db(), actor_of(ctx), *id);
  if (!r) return error_response(ctx, r.error());
  if (ctx.wants_json()) {
    BlockState b{r->user_id, r->user_name, std::nullopt, false};
    return resource_response([&](nlohmann::json& j) { to_json(j, b); });
  }
  return Response::redirect("/moderation/comments?done=unblocked");
}

// GET /comments?resource_type=&resource_id=[&after=] and GET /comments/{id}[?after=]: a page
// of the thread (or of one comment's replies), HTML and the JSON twin.
Response thread_answer(Context& ctx, const Target& t, const std::string& type, std::int64_t rid,
                       const std::optional<Comment>& parent, const std::vector<Comment>& list,
                       const std::string& self) {
  ThreadView v{t, type, rid, parent, list, self, query_id(ctx, "after"), ""};
  if (static_cast<int>(list.size()) == kPerPage)
    v.next = self + (self.find('?') == std::string::npos ? "?" : "&") + "after=" + std::to_string(list.back().id);
  std::string title = parent ? "Replies to " + parent->author_name : "Comments on " + t.title;
  return render_page(ctx, {.template_name = "core/comment_thread",
                           .title = title,
                           .crumbs = {{"Home", "/"}, {t.title, t.href}},
                           .resource = [&](nlohmann::json& j) { to_json(j, v); },
                           .screen = [&](nlohmann::json& j) { screen_json(j, v, ctx); }});
}

Response thread_page_built(Context& ctx) {
  auto type = ctx.query("resource_type").value_or("");
  auto rid = query_id(ctx, "resource_id");
  auto conn = ctx.db().acquire();
  auto t = type.size() <= 40 ? resolve(*conn, type, rid) : std::nullopt;
  if (!t) return error_page(ctx, 404, "Page not found", "There is no page here with comments.");
  auto list = read_thread(*conn, type, rid, query_id(ctx, "after"));
  return thread_answer(ctx, *t, type, rid, std::nullopt, list,
                       "/comments?resource_type=" + url_encode(type) + "&resource_id=" + std::to_string(rid));
}

Response comment_page_built(Context& ctx) {
  auto id = ctx.int_param("id");
  auto conn = ctx.db().acquire();
  auto m = id ? store::find(*conn, *id) : std::nullopt;
  if (!m) return no_comment(ctx);
  auto t = resolve(*conn, m->resource_type, m->resource_id);
  if (!t) return no_comment(ctx);
  auto list = read_replies(*conn, *m, query_id(ctx, "after"));
  return thread_answer(ctx, *t, m->resource_type, m->resource_id, m, list, "/comments/" + std::to_string(m->id));
}

// The JSON twins name no visitor (no Edit or Report links, the same fields for everyone), so
// each is built at most once per data version and URL (core::cached_body): a new comment, an
// edit, a hide or a restore is an audited write and moves the version. The HTML pages carry
// the visitor's own links and are built per request.
Response thread_page(Context& ctx) {
  if (ctx.wants_json()) return cached_body(ctx, [&] { return thread_page_built(ctx); });
  return thread_page_built(ctx);
}

Response comment_page(Context& ctx) {
  if (ctx.wants_json()) return cached_body(ctx, [&] { return comment_page_built(ctx); });
  return comment_page_built(ctx);
}

}  // namespace

void register_routes(Registry& r) {
  const auto moderators = Access::any_of({Role::moderator, Role::place_admin});
  // A deleted account's comments keep their text under the name it chose to leave (issue 14.6).
  r.add_person_redaction([](Connection& c, const RedactedPerson& p) { store::redact_author(c, p.user_id, p.as_name); });
  add_contribution_remover("comments", store::remove_text_by_author);
  r.add_route("GET", "/comments", Access::anyone(), thread_page);
  r.add_route("POST", "/comments", Access::signed_in(), create);
  r.add_route("GET", "/comments/new", Access::signed_in(), new_page);
  r.add_route("GET", "/comments/{id}", Access::anyone(), comment_page);
  r.add_route("GET", "/comments/{id}/edit", Access::signed_in(), edit_page);
  r.add_route("POST", "/comments/{id}/edit", Access::signed_in(), edit);
  r.add_route("GET", "/comments/{id}/report", Access::signed_in(), report_page);
  r.add_route("POST", "/comments/{id}/report", Access::signed_in(), report);
  r.add_route("POST", "/comments/{id}/hide", moderators, hide);
  r.add_route("POST", "/comments/{id}/restore", moderators, restore);
  r.add_route("GET", "/moderation/comments", moderators, moderation_page);
  r.add_route("POST", "/moderation/comment-blocks", moderators, block_author);
  r.add_route("POST", "/moderation/comment-blocks/{user_id}/remove", moderators, unblock_author);
}

}  // namespace goldthread::core::comments
