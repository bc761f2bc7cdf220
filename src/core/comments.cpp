// core::comments: which resources take comments, the services (each one transaction,
// audited) and the thread's two representations.
#include "core/comments.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/audit.hpp"
#include "core/comments_store.hpp"
#include "core/context.hpp"
#include "core/markdown.hpp"
#include "core/notifications.hpp"
#include "core/service.hpp"
#include "core/templates.hpp"
#include "core/text.hpp"

namespace goldthread::core::comments {
using nlohmann::json;

namespace {

std::mutex& resolvers_mutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, Resolver>& resolvers() {
  static std::map<std::string, Resolver> r;
  return r;
}

std::string iso_minutes_ago(int minutes) {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() - std::chrono::minutes(minutes));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

json audit_view(const Comment& m) {
  return {{"resource_type", m.resource_type},   {"resource_id", m.resource_id},         {"parent_id", m.parent_id},
          {"author_user_id", m.author_user_id}, {"organisation_id", m.organisation_id}, {"body", m.body},
          {"hidden_reason", m.hidden_reason}};
}

void audit_change(Connection& c, const audit::Actor& actor, const std::string& action, const Comment* before,
                  const Comment* after, std::int64_t id) {
  audit::record(c, actor,
                {action, "comment", std::to_string(id), before ? audit::to_text(audit_view(*before)) : "",
                 after ? audit::to_text(audit_view(*after)) : ""});
}

Result<Target> target_of(Connection& c, const Comment& m) {
  auto t = resolve(c, m.resource_type, m.resource_id);
  if (!t) return Error::not_found("The page this comment was on no longer exists.");
  return *t;
}

Status body_ok(const std::string& body) {
  if (body.empty()) return Error::invalid("Check your comment", {{"body", "Enter your comment"}});
  if (auto p = markdown_problem(body, "Comment")) return Error::invalid("Check your comment", {{"body", *p}});
  return ok_status();
}

Result<Comment> editable_by_moderator(Connection& c, std::int64_t id) {
  auto m = store::find(c, id);
  if (!m) return Error::not_found("There is no comment at this address.");
  return *m;
}

}  // namespace

void attach(const std::string& type, Resolver resolve) {
  std::lock_guard lock(resolvers_mutex());
  resolvers()[type] = std::move(resolve);
}

bool attached(const std::string& type) {
  std::lock_guard lock(resolvers_mutex());
  return resolvers().count(type) > 0;
}

std::optional<Target> resolve(Connection& c, const std::string& type, std::int64_t id) {
  Resolver r;
  {
    std::lock_guard lock(resolvers_mutex());
    auto it = resolvers().find(type);
    if (it == resolvers().end()) return std::nullopt;
    r = it->second;
  }
  return r(c, id);
}

std::int64_t count_for(Connection& c, const std::string& type, std::int64_t id) {
  return store::count_for(c, type, id);
}

Result<std::int64_t> add(Database& db, const audit::Actor& actor, const Comment& draft) {
  auto r = service::post(db, actor, draft);
  if (!r) return r.error();
  return r->comment.id;
}

namespace service {

int edit_minutes() {
  if (const char* v = std::getenv("GOLDTHREAD_COMMENT_EDIT_MINUTES"); v && *v) {
    char* end = nullptr;
    long n = std::strtol(v, &end, 10);
    if (end && *end == '\0' && n >= 0 && n <= 24 * 60) return static_cast<int>(n);
  }
  return kDefaultEditMinutes;
}

bool within_edit_window(const Comment& m) {
  return m.created_at >= iso_minutes_ago(edit_minutes());
}

Result<Posted> post(Database& db, const audit::Actor& actor, Comment draft) {
  return transact<Posted>(db, "That comment could not be saved; try again.", [&](Connection& c) -> Result<Posted> {
    if (store::is_blocked(c, draft.author_user_id))
      return Error::forbidden("A moderator has blocked you from commenting.");
    auto target = resolve(c, draft.resource_type, draft.resource_id);
    if (!target) return Error::not_found("There is no page here to comment on.");
    draft.depth = 1;
    std::int64_t parent_author = 0;
    if (draft.parent_id) {
      auto parent = store::find(c, draft.parent_id);
      if (!parent || parent->resource_type != draft.resource_type || parent->resource_id != draft.resource_id)
        return Error::not_found("The comment you are replying to does not exist.");
      if (parent->depth >= kMaxDepth)
        return Error::invalid("Replies go " + std::to_string(kMaxDepth) + " levels deep",
                              {{"body", "Reply to an earlier comment in this conversation: replies go " +
                                            std::to_string(kMaxDepth) + " levels deep"}});
      draft.depth = parent->depth + 1;
      store::count_reply(c, parent->id);
      parent_author = parent->author_user_id;
    }
    if (auto ok = body_ok(draft.body); !ok) return ok.error();
    draft.body_html = render_markdown(draft.body).value_or("");
    draft.created_at = now_utc();
    draft.id = store::insert(c, draft);
    audit_change(c, actor, "create", nullptr, &draft, draft.id);
    if (parent_author && parent_author != draft.author_user_id) {  // the reply hook (comms' digests)
      notifications::Notice n{"comment", draft.parent_id, "comment-reply",
                              draft.author_name + " replied to your comment on " + target->title,
                              target->href + "#comment-" + std::to_string(draft.id)};
      n.is_public = false;
      n.tell_followers = false;
      n.actor_user_id = draft.author_user_id;
      n.recipients = {parent_author};
      n.summary = draft.body.substr(0, 200);
      notifications::publish(c, n);
    }
    return Posted{draft, *target};
  });
}

Result<Posted> edit(Database& db, const audit::Actor& actor, std::int64_t id, const std::string& body) {
  return transact<Posted>(db, "That comment could not be saved; try again.", [&](Connection& c) -> Result<Posted> {
    auto m = store::find(c, id);
    if (!m) return Error::not_found("There is no comment at this address.");
    if (m->author_user_id != actor.user_id) return Error::forbidden("Only the person who wrote a comment can edit it.");
    if (store::is_blocked(c, actor.user_id)) return Error::forbidden("A moderator has blocked you from commenting.");
    if (m->hidden()) return Error::forbidden("A moderator has hidden this comment; it cannot be edited.");
    if (!within_edit_window(*m))
      return Error::forbidden("Comments can be edited for " + count_of(edit_minutes(), "minute") +
                              " after posting; this one can no longer be changed.");
    if (auto ok = body_ok(body); !ok) return ok.error();
    auto target = target_of(c, *m);
    if (!target) return target.error();
    auto after = *m;
    after.body = body;
    after.body_html = render_markdown(body).value_or("");
    after.edited_at = now_utc();
    store::update_body(c, id, after.body, after.body_html, after.edited_at);
    audit_change(c, actor, "update", &*m, &after, id);
    return Posted{after, *target};
  });
}

Result<Posted> report(Database& db, const audit::Actor& actor, std::int64_t id, const std::string& reason) {
  return transact<Posted>(db, "That report could not be saved; try again.", [&](Connection& c) -> Result<Posted> {
    auto m = store::find(c, id);
    if (!m) return Error::not_found("There is no comment at this address.");
    if (reason.empty())
      return Error::invalid("Check your report", {{"reason", "Enter why this comment should be looked at"}});
    auto target = target_of(c, *m);
    if (!target) return target.error();
    auto report_id = store::add_report(c, id, actor.user_id, reason);
    audit::record(c, actor,
                  {"report", "comment", std::to_string(id), "",
                   audit::to_text(json{{"report_id", report_id}, {"reason", reason}})});
    return Posted{*m, *target};
  });
}

Result<Posted> hide(Database& db, const audit::Actor& actor, std::int64_t id, const std::string& reason) {
  return transact<Posted>(db, "That comment could not be hidden; try again.", [&](Connection& c) -> Result<Posted> {
    auto m = editable_by_moderator(c, id);
    if (!m) return m.error();
    if (reason.empty())
      return Error::invalid("Check the reason", {{"reason-" + std::to_string(id), "Enter why the comment is hidden"}});
    auto after = *m;
    after.hidden_reason = reason;
    store::set_hidden(c, id, reason, now_utc());
    store::resolve_reports(c, id);
    audit_change(c, actor, "hide", &*m, &after, id);
    auto target = target_of(c, *m);
    return Posted{after, target ? *target : Target{}};
  });
}

Result<Posted> restore(Database& db, const audit::Actor& actor, std::int64_t id) {
  return transact<Posted>(db, "That comment could not be restored; try again.", [&](Connection& c) -> Result<Posted> {
    auto m = editable_by_moderator(c, id);
    if (!m) return m.error();
    auto after = *m;
    after.hidden_reason.clear();
    store::set_hidden(c, id, "", "");
    store::resolve_reports(c, id);
    audit_change(c, actor, "restore", &*m, &after, id);
    auto target = target_of(c, *m);
    return Posted{after, target ? *target : Target{}};
  });
}

Result<store::Block> block(Database& db, const audit::Actor& actor, std::int64_t user_id, const std::string& reason) {
  return transact<store::Block>(
      db, "That block could not be saved; try again.", [&](Connection& c) -> Result<store::Block> {
        auto name = store::author_name(c, user_id);
        if (!name) return Error::invalid("Check the details", {{"user_id", "Choose someone who has commented"}});
        if (reason.empty())
          return Error::invalid("Check the details", {{"block_reason", "Enter why they are blocked"}});
        store::Block b{user_id, *name, reason, now_utc()};
        if (!store::block(c, b, actor.user_id)) return Error::conflict(*name + " is already blocked from commenting.");
        audit::record(c, actor,
                      {"block", "comment-author", std::to_string(user_id), "",
                       audit::to_text(json{{"name", *name}, {"reason", reason}})});
        return b;
      });
}

Result<store::Block> unblock(Database& db, const audit::Actor& actor, std::int64_t user_id) {
  return transact<store::Block>(db, "That could not be saved; try again.", [&](Connection& c) -> Result<store::Block> {
    store::Block b{user_id, store::author_name(c, user_id).value_or(""), "", ""};
    if (!store::unblock(c, user_id)) return Error::not_found("That person is not blocked from commenting.");
    audit::record(
        c, actor,
        {"unblock", "comment-author", std::to_string(user_id), audit::to_text(json{{"name", b.user_name}}), ""});
    return b;
  });
}

}  // namespace service

namespace views {

json screen(const Context& ctx, const Comment& m) {
  const auto& p = ctx.principal;
  const bool mine = p.signed_in() && p.user_id == m.author_user_id;
  json v = {{"id", m.id},
            {"anchor", "comment-" + std::to_string(m.id)},
            {"author_name", m.author_name},
            {"organisation_name", m.organisation_name.empty() ? json(nullptr) : json(m.organisation_name)},
            {"date_label", display_date_time(m.created_at)},
            {"datetime", m.created_at},
            {"edited", !m.edited_at.empty()},
            {"hidden", m.hidden()},
            {"hidden_reason", m.hidden_reason},
            {"html", m.hidden() ? "" : m.body_html},
            {"depth", m.depth},
            {"can_reply", p.signed_in() && m.depth < kMaxDepth && !m.hidden()},
            {"reply_href", "/comments/new?parent_id=" + std::to_string(m.id)},
            {"can_edit", mine && !m.hidden() && service::within_edit_window(m)},
            {"edit_href", "/comments/" + std::to_string(m.id) + "/edit"},
            {"can_report", p.signed_in() && !mine && !m.hidden()},
            {"report_href", "/comments/" + std::to_string(m.id) + "/report"}};
  json replies = json::array();
  for (const auto& r : m.replies) replies.push_back(screen(ctx, r));
  v["replies"] = replies;
  v["has_replies"] = !replies.empty();
  const auto shown = static_cast<std::int64_t>(m.replies.size());
  // Always present (null, as "" is true to mustache): a nested section must not see its parent's.
  v["more_replies_href"] = nullptr;
  v["more_replies_label"] = nullptr;
  if (m.reply_count > shown && m.depth < kMaxDepth) {
    v["more_replies_href"] = "/comments/" + std::to_string(m.id);
    v["more_replies_label"] = "Show all " + count_of(m.reply_count, "reply", "replies");
  }
  return v;
}

json resource(const Comment& m) {
  json v = {
      {"id", m.id},
      {"href", "/comments/" + std::to_string(m.id)},
      {"resource_type", m.resource_type},
      {"resource_id", m.resource_id},
      {"parent_id", m.parent_id ? json(m.parent_id) : json(nullptr)},
      {"depth", m.depth},
      {"author",
       {{"name", m.author_name}, {"organisation", m.organisation_id ? json(m.organisation_name) : json(nullptr)}}},
      {"body_markdown", m.hidden() ? json(nullptr) : json(m.body)},
      {"body_html", m.hidden() ? json(nullptr) : json(m.body_html)},
      {"created_at", m.created_at},
      {"edited_at", m.edited_at.empty() ? json(nullptr) : json(m.edited_at)},
      {"hidden", m.hidden()},
      {"hidden_reason", m.hidden() ? json(m.hidden_reason) : json(nullptr)},
      {"reply_count", m.reply_count}};
  json replies = json::array();
  for (const auto& r : m.replies) replies.push_back(resource(r));
  v["replies"] = replies;
  return v;
}

}  // namespace views

namespace {

// Fills each comment's first replies, level by level (one query a level).
void fill_replies(Connection& c, std::vector<Comment>& level, int depth_left) {
  if (depth_left <= 0 || level.empty()) return;
  std::vector<std::int64_t> parents;
  for (const auto& m : level)
    if (m.reply_count > 0) parents.push_back(m.id);
  if (parents.empty()) return;
  auto replies = store::first_replies(c, parents, kRepliesShown);
  std::map<std::int64_t, std::vector<Comment>> by_parent;
  for (auto& r : replies) by_parent[r.parent_id].push_back(std::move(r));
  for (auto& m : level) {
    auto it = by_parent.find(m.id);
    if (it == by_parent.end()) continue;
    m.replies = std::move(it->second);
    fill_replies(c, m.replies, depth_left - 1);
  }
}

}  // namespace

std::vector<Comment> read_thread(Connection& c, const std::string& type, std::int64_t id, std::int64_t after) {
  auto top = store::top_level(c, type, id, after, kPerPage);
  fill_replies(c, top, kMaxDepth - 1);
  return top;
}

std::vector<Comment> read_replies(Connection& c, const Comment& parent, std::int64_t after) {
  auto list = store::replies(c, parent.id, after, kPerPage);
  fill_replies(c, list, kMaxDepth - parent.depth - 1);
  return list;
}

namespace {

// The section's model (templates/comment_section.mustache): 3 reads and the count.
json section_model(Context& ctx, Connection& c, const std::string& type, std::int64_t id) {
  std::int64_t after = 0;
  if (auto a = ctx.query("comments_after")) {
    char* end = nullptr;
    long long n = std::strtoll(a->c_str(), &end, 10);
    if (end && *end == '\0' && n > 0) after = n;
  }
  auto top = read_thread(c, type, id, after);
  json items = json::array();
  for (const auto& m : top) items.push_back(views::screen(ctx, m));
  const auto total = store::count_for(c, type, id);
  json orgs = json::array();
  for (const auto& m : ctx.principal.memberships)
    orgs.push_back({{"id", m.organisation_id}, {"name", m.organisation_name}});
  const bool blocked = ctx.principal.signed_in() && store::is_blocked(c, ctx.principal.user_id);
  json model = {{"resource_type", type},
                {"resource_id", id},
                {"heading", "Comments"},
                {"count_label", count_of(total, "comment")},
                {"items", items},
                {"has_items", !items.empty()},
                {"signed_in", ctx.principal.signed_in()},
                {"can_comment", ctx.principal.signed_in() && !blocked},
                {"blocked", blocked},
                {"organisations", orgs},
                {"has_organisations", !orgs.empty()},
                {"max_body", kMaxBody},
                {"sign_in_href", "/sign-in?next=" + url_encode(ctx.request().path)},
                {"banner", nullptr},  // present (even empty) so the page's own keys are not seen
                {"more_href", nullptr},
                {"first_href", nullptr},
                {"csrf_token", ctx.csrf_token}};
  if (static_cast<int>(top.size()) == kPerPage)
    model["more_href"] = "?comments_after=" + std::to_string(top.back().id) + "#comments";
  if (after) model["first_href"] = ctx.request().path + "#comments";
  auto saved = ctx.query("comment").value_or("");
  if (saved == "posted") model["banner"] = "Your comment has been posted";
  if (saved == "edited") model["banner"] = "Your comment has been changed";
  if (saved == "reported") model["banner"] = "Thank you: a moderator will look at the comment you reported";
  return model;
}

// core::App::state key: rendered thread sections of one App, each with the data version it was
// rendered at. A key names the visitor (their Edit and Report links are their own), so a
// signed-in person's entries serve only them; anonymous visitors share one entry per address.
struct ThreadCache {
  using type = ThreadCache;
  struct Entry {
    std::int64_t version = 0;
    std::shared_ptr<const std::string> html;
  };
  static constexpr std::size_t kMaxEntries = 4096;
  std::mutex mu;
  std::map<std::string, Entry> entries;  // GUARDED_BY(mu)
};

bool any_editable(const json& items) {
  for (const auto& m : items)
    if (m.value("can_edit", false) || any_editable(m["replies"])) return true;
  return false;
}

}  // namespace

std::string thread_html(Context& ctx, Connection& c, const std::string& type, std::int64_t id) {
  // The data version (core::data_version), read on the connection this page already holds.
  const auto version = audit::latest_id(c);
  const auto& p = ctx.principal;
  // The session's CSRF token is in the form, so a signed-in entry is per session.
  std::string key = type + " " + std::to_string(id) + " " + ctx.request().target + " " +
                    (p.signed_in() ? std::to_string(p.user_id) + " " + ctx.csrf_token : std::string("-"));
  auto& cache = ctx.app().state<ThreadCache>();
  {
    std::lock_guard g(cache.mu);
    auto it = cache.entries.find(key);
    if (it != cache.entries.end() && it->second.version == version) return *it->second.html;
  }
  auto model = section_model(ctx, c, type, id);
  auto html = std::make_shared<const std::string>(render_template("core/comment_section", model));
  // An Edit link expires with time, not with the data: such a section is not kept.
  if (any_editable(model["items"])) return *html;
  std::lock_guard g(cache.mu);
  if (cache.entries.size() >= ThreadCache::kMaxEntries) {
    // Older versions can never be served again; if that frees nothing, start afresh.
    std::erase_if(cache.entries, [&](const auto& e) { return e.second.version < version; });
    if (cache.entries.size() >= ThreadCache::kMaxEntries) cache.entries.clear();
  }
  cache.entries[key] = {version, html};
  return *html;
}

json thread(Context& ctx, Connection& c, const std::string& type, std::int64_t id) {
  return json{{"html", thread_html(ctx, c, type, id)}};
}

void add_thread(json& model, Context& ctx, Connection& c, const std::string& type, std::int64_t id) {
  model["comments"] = thread(ctx, c, type, id);
}

}  // namespace goldthread::core::comments
