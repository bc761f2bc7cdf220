// The representations of the comment pages, in one place (core/comments_views.hpp). Handlers
// build the structs and never write JSON themselves.
#include <nlohmann/json.hpp>

#include "core/comments_views.hpp"
#include "core/json_values.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::core::comments {
using nlohmann::json;

namespace {

json with_after(const std::string& self, std::int64_t after) {
  return self + (self.find('?') == std::string::npos ? "?" : "&") + "after=" + std::to_string(after);
}

}  // namespace

void resource_json(json& j, const Comment& m) {
  j = views::resource(m);
}

void form_json(json& j, const FormPage& p, const Context& ctx, const Error* error) {
  j = {{"mode", p.mode},
       {"heading", p.title},
       {"action", p.action},
       {"field", p.field},
       {"label", p.label},
       {"hint", p.hint},
       {"button", p.button},
       {"value", p.value},
       {"is_comment", p.field == "body"},
       {"max_body", kMaxBody},
       {"resource_type", p.resource_type},
       {"resource_id", p.resource_id},
       {"parent_id", p.parent_id ? json(p.parent_id) : json(nullptr)},
       {"back_href", p.target.href + "#comments"},
       {"back_title", p.target.title}};
  if (p.about) j["about"] = views::screen(ctx, *p.about);
  json orgs = json::array();
  if (p.mode == "new")
    for (const auto& m : ctx.principal.memberships)
      orgs.push_back({{"id", m.organisation_id},
                      {"name", m.organisation_name},
                      {"selected", m.organisation_id == p.organisation_id}});
  j["organisations"] = orgs;
  j["has_organisations"] = !orgs.empty();
  if (error) attach_errors(j, *error);
}

void to_json(json& j, const ThreadView& v) {
  json items = json::array();
  for (const auto& m : v.comments) items.push_back(views::resource(m));
  j = {{"resource",
        {{"type", v.resource_type}, {"id", v.resource_id}, {"title", v.target.title}, {"href", v.target.href}}},
       {"comments", items},
       {"links",
        {{"self", v.after ? with_after(v.self, v.after) : json(v.self)},
         {"first", v.self},
         {"next", text_or_null(v.next)}}}};
  if (v.parent) j["comment"] = views::resource(*v.parent);
}

void screen_json(json& j, const ThreadView& v, const Context& ctx) {
  json items = json::array();
  for (const auto& m : v.comments) items.push_back(views::screen(ctx, m));
  j = {{"items", items},
       {"has_items", !items.empty()},
       {"back_href", v.target.href + "#comments"},
       {"back_title", v.target.title},
       {"next_href", text_or_null(v.next)},
       {"first_href", v.after ? json(v.self) : json(nullptr)}};
  if (v.parent) j["parent"] = views::screen(ctx, *v.parent);
}

void to_json(json& j, const ModerationView& v) {
  json reported = json::array(), hidden = json::array(), blocked = json::array();
  for (const auto& r : v.reported) {
    json on = nullptr;
    if (r.on) on = {{"title", r.on->title}, {"href", r.on->href + "#comment-" + std::to_string(r.reported.comment.id)}};
    reported.push_back({{"comment", views::resource(r.reported.comment)},
                        {"reasons", r.reported.reasons},
                        {"reports", r.reported.reports},
                        {"on", on}});
  }
  for (const auto& m : v.hidden) hidden.push_back(views::resource(m));
  for (const auto& b : v.blocked)
    blocked.push_back(
        {{"user_id", b.user_id}, {"name", b.user_name}, {"reason", b.reason}, {"blocked_at", b.created_at}});
  j = {{"reported", reported}, {"hidden", hidden}, {"blocked", blocked}};
}

void screen_json(json& j, const ModerationView& v, const ModerationScreen& s, const Context& ctx) {
  json reported = json::array(), hidden = json::array(), blocked = json::array();
  for (const auto& r : v.reported) {
    const auto& m = r.reported.comment;
    auto item = views::screen(ctx, m);
    item["reasons"] = r.reported.reasons;
    item["reports_label"] = count_of(r.reported.reports, "report");
    item["author_user_id"] = m.author_user_id;
    item["hide_action"] = "/comments/" + std::to_string(m.id) + "/hide";
    item["reason_field"] = "reason-" + std::to_string(m.id);
    item["in_place_href"] = r.on ? json(r.on->href + "#comment-" + std::to_string(m.id)) : json(nullptr);
    item["on_title"] = r.on ? r.on->title : "";
    reported.push_back(std::move(item));
  }
  for (const auto& m : v.hidden) {
    auto item = views::screen(ctx, m);
    item["restore_action"] = "/comments/" + std::to_string(m.id) + "/restore";
    item["author_user_id"] = m.author_user_id;
    item["body_markdown"] = m.body;
    hidden.push_back(std::move(item));
  }
  for (const auto& b : v.blocked)
    blocked.push_back({{"user_id", b.user_id},
                       {"name", b.user_name},
                       {"reason", b.reason},
                       {"date_label", display_date(b.created_at)},
                       {"unblock_action", "/moderation/comment-blocks/" + std::to_string(b.user_id) + "/remove"}});
  j = {{"reported", reported},
       {"has_reported", !reported.empty()},
       {"reported_label", count_of(static_cast<std::int64_t>(reported.size()), "reported comment")},
       {"hidden_comments", hidden},
       {"has_hidden", !hidden.empty()},
       {"blocked", blocked},
       {"has_blocked", !blocked.empty()}};
  if (s.done == "hidden") j["banner"] = "Comment hidden";
  if (s.done == "restored") j["banner"] = "Comment restored";
  if (s.done == "blocked") j["banner"] = "Author blocked from commenting";
  if (s.done == "unblocked") j["banner"] = "Author can comment again";
  if (s.error) attach_errors(j, *s.error);
}

void to_json(json& j, const BlockState& b) {
  j = {{"user_id", b.user_id}, {"name", b.name}, {"blocked", b.blocked}};
  if (b.reason) j["reason"] = *b.reason;
}

}  // namespace goldthread::core::comments
