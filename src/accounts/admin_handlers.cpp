// Administrators: users (search, pages, roles) and the audit trail (filters, pages).
#include "accounts/account_handlers.hpp"
#include "accounts/account_rules.hpp"
#include "accounts/account_store.hpp"
#include "accounts/account_web.hpp"
#include "accounts/accounts.hpp"
#include "accounts/audit_view.hpp"
#include "core/form.hpp"
#include "core/templates.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"

namespace goldthread::accounts {
namespace {

using nlohmann::json;
constexpr int kPerPage = 25;

int page_number(Context& ctx) {
  auto p = core::parse_id(ctx.query("page").value_or("1")).value_or(1);
  return p > 100000 ? 1 : static_cast<int>(p);
}

// GOV.UK pagination links keeping the other query values.
json pagination(const std::string& base, const std::string& qs, int page, std::int64_t total) {
  std::int64_t pages = (total + kPerPage - 1) / kPerPage;
  json j = {{"page", page}, {"pages", pages}, {"total", total}};
  auto link = [&](int p) { return base + "?" + qs + (qs.empty() ? "" : "&") + "page=" + std::to_string(p); };
  if (page > 1) j["previous"] = link(page - 1);
  if (page < pages) j["next"] = link(page + 1);
  j["has_pages"] = pages > 1;
  return j;
}

bool is_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// Every event of a page, readable, with the organisations they mention named in one batch.
json readable_events(core::Connection& c, const std::vector<core::audit::Event>& events, bool with_json) {
  std::vector<std::int64_t> ids;
  for (const auto& e : events) collect_organisation_ids(e, ids);
  auto names = partners::organisation_names(c, ids);
  json out = json::array();
  for (const auto& e : events) out.push_back(readable_event(e, names, with_json));
  return out;
}

}  // namespace

Response admin_hub(Context& ctx) {
  json waiting = json::array();
  std::int64_t users = 0, pending = 0;
  {
    auto conn = ctx.db().acquire();
    users = store::count_users(*conn, "");
    auto counts = store::pending_memberships_by_organisation(*conn);
    std::vector<std::int64_t> ids;
    for (const auto& [id, n] : counts) ids.push_back(id), pending += n;
    for (const auto& [id, name] : partners::organisation_names(*conn, ids))
      waiting.push_back({{"name", name}, {"href", "/memberships/" + std::to_string(id)}, {"count", counts[id]}});
  }
  bool site_admin = ctx.principal.has(core::Role::site_admin);
  json model = {
      {"users", users},
      {"pending", pending},
      {"waiting", waiting},
      {"has_waiting", !waiting.empty()},
      {"site_admin", site_admin},
      {"links",
       json::array({json{{"href", "/admin/users"}, {"text", "Users"}, {"about", "Find people and change their roles"}},
                    json{{"href", "/audit"}, {"text", "Audit trail"}, {"about", "Who changed what, and when"}}})}};
  model["links"].push_back(
      {{"href", "/admin/newsletter"}, {"text", "Newsletter"}, {"about", "Write, test and send issues"}});
  if (site_admin)
    model["links"].push_back(
        {{"href", "/admin/outbox"}, {"text", "Outbox"}, {"about", "E-mail waiting, sent and failed"}});
  return core::render_page(ctx, "accounts/admin", "Administration", model, 200,
                           {{"Home", "/"}, {"Your account", "/account"}});
}

Response users_list(Context& ctx) {
  auto q = ctx.query("q").value_or("");
  if (q.size() > 100) q.resize(100);
  int page = page_number(ctx);
  json users = json::array();
  std::int64_t total = 0;
  {
    auto conn = ctx.db().acquire();
    total = store::count_users(*conn, q);
    for (const auto& u : store::list_users(*conn, q, kPerPage, (page - 1) * kPerPage)) {
      json roles = json::array();
      for (auto r : store::roles_of(*conn, u.id)) roles.push_back(core::role_name(r));
      users.push_back({{"id", u.id}, {"name", u.name}, {"email", u.email}, {"roles", roles}});
    }
  }
  json model = {{"q", q},
                {"users", users},
                {"has_users", !users.empty()},
                {"total_text", core::count_of(total, "user")},
                {"pagination", pagination("/admin/users", q.empty() ? "" : "q=" + core::url_encode(q), page, total)}};
  return core::render_page(ctx, "accounts/users", "Users", model, 200, {{"Home", "/"}, {"Your account", "/account"}});
}

Response user_page(Context& ctx) {
  auto id = ctx.int_param("id");
  std::optional<User> u;
  std::vector<core::Role> roles;
  std::vector<core::Section> history;
  {
    auto conn = ctx.db().acquire();
    if (id) u = store::try_find_user(*conn, *id);
    if (u && !u->deleted) {
      roles = store::roles_of(*conn, u->id);
      history.push_back(history_section(*conn, "user", std::to_string(u->id)));
    }
  }
  if (!u || u->deleted) return core::error_page(ctx, 404, "Page not found", "There is no such user.");
  json choices = json::array();
  for (auto r : assignable_roles())
    choices.push_back({{"value", core::role_name(r)},
                       {"id", std::string("role-") + core::role_name(r)},
                       {"checked", std::find(roles.begin(), roles.end(), r) != roles.end()},
                       {"disabled", !may_assign(ctx.principal, r) || !may_change_roles_of(ctx.principal, roles)}});
  json model = {{"user", {{"id", u->id}, {"name", u->name}, {"email", u->email}}},
                {"roles", choices},
                {"csrf_token", ctx.csrf_token}};
  const auto& h = history.front();
  if (ctx.wants_json()) {
    model["history"] = *h.model;
  } else {
    json data = *h.model;
    data["has_events"] = !data["events"].empty();
    model["history_html"] = core::render_template(h.template_name, data);
  }
  return core::render_page(ctx, "accounts/user", u->name, model, 200, {{"Home", "/"}, {"Users", "/admin/users"}});
}

Response user_roles_submit(Context& ctx) {
  auto id = ctx.int_param("id");
  if (!id) return core::error_page(ctx, 404, "Page not found", "There is no such user.");
  core::Form form(ctx);
  std::vector<core::Role> roles;
  for (const auto& v : form.values("role", "Roles", 20, 40)) {
    core::Role r;
    if (core::parse_role(v, r)) roles.push_back(r);
  }
  if (!form.ok()) return core::error_response(ctx, form.invalid("There is a problem"));
  auto st = set_user_roles(ctx.db(), ctx.principal, *id, roles, web::origin(ctx));
  if (!st) return core::error_response(ctx, st.error());
  if (ctx.wants_json()) return Response::json(R"({"saved":true})");
  return Response::redirect("/admin/users/" + std::to_string(*id));
}

Response audit_list(Context& ctx) {
  core::audit::Filter f;
  std::vector<core::FieldError> errs;
  auto person = ctx.query("person").value_or(""), org = ctx.query("organisation").value_or("");
  auto from = ctx.query("from").value_or(""), to = ctx.query("to").value_or("");
  f.resource_type = ctx.query("resource_type").value_or("").substr(0, 100);
  f.resource_id = ctx.query("resource_id").value_or("").substr(0, 100);
  auto person_id = core::parse_id(person), org_id = core::parse_id(org);
  if (!person.empty() && !person_id)
    errs.push_back({"person", "Enter a person's number, like 12"});
  else if (person_id)
    f.actor_user_id = *person_id;
  if (!org.empty() && !org_id)
    errs.push_back({"organisation", "Enter an organisation's number, like 3"});
  else if (org_id)
    f.organisation_id = *org_id;
  if (!from.empty() && !is_date(from)) errs.push_back({"from", "Enter the from date like 2026-01-31"});
  if (!to.empty() && !is_date(to)) errs.push_back({"to", "Enter the to date like 2026-01-31"});
  if (errs.empty()) f.from_date = from, f.to_date = to;
  f.page = page_number(ctx);
  f.per_page = kPerPage;
  core::audit::Page page;
  json events = json::array();
  {
    auto conn = ctx.db().acquire();
    if (errs.empty()) page = core::audit::list(*conn, f);
    events = readable_events(*conn, page.events, true);
  }
  std::string qs;
  for (auto [k, v] : std::vector<std::pair<std::string, std::string>>{{"person", person},
                                                                      {"organisation", org},
                                                                      {"resource_type", f.resource_type},
                                                                      {"resource_id", f.resource_id},
                                                                      {"from", from},
                                                                      {"to", to}})
    if (!v.empty()) qs += (qs.empty() ? "" : "&") + k + "=" + core::url_encode(v);
  json model = {{"filter",
                 {{"person", person},
                  {"organisation", org},
                  {"resource_type", f.resource_type},
                  {"resource_id", f.resource_id},
                  {"from", from},
                  {"to", to}}},
                {"filtered", !qs.empty()},
                {"events", events},
                {"has_events", !events.empty()},
                {"total_text", core::count_of(page.total, "change")},
                {"pagination", pagination("/audit", qs, f.page, page.total)}};
  if (!errs.empty()) core::attach_errors(model, core::Error::invalid("There is a problem", errs));
  return core::render_page(ctx, "accounts/audit", "Audit trail", model, errs.empty() ? 200 : 400,
                           {{"Home", "/"}, {"Your account", "/account"}});
}

core::Section history_section(core::Connection& c, const std::string& resource_type, const std::string& resource_id,
                              int limit) {
  core::audit::Filter f;
  f.resource_type = resource_type;
  f.resource_id = resource_id;
  f.per_page = limit;
  auto page = core::audit::list(c, f);
  json events = readable_events(c, page.events, false);
  std::string more =
      "/audit?resource_type=" + core::url_encode(resource_type) + "&resource_id=" + core::url_encode(resource_id);
  return core::make_section("history", "History", "accounts/history",
                            {{"events", events},
                             {"total", page.total},
                             {"total_text", core::count_of(page.total, "change")},
                             {"more", more}});
}

}  // namespace goldthread::accounts
