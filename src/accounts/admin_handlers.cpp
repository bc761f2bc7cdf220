// Administrators: users (search, pages, roles) and the audit trail (filters, pages).
#include "accounts/account_handlers.hpp"
#include "accounts/account_rules.hpp"
#include "accounts/account_store.hpp"
#include "accounts/account_web.hpp"
#include "accounts/accounts.hpp"
#include "accounts/admin_views.hpp"
#include "accounts/audit_view.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"

namespace goldthread::accounts {
namespace {

constexpr int kPerPage = 25;

int page_number(Context& ctx) {
  auto p = core::parse_id(ctx.query("page").value_or("1")).value_or(1);
  return p > 100000 ? 1 : static_cast<int>(p);
}

bool is_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// The names of the organisations the events mention, in one batch.
std::map<std::int64_t, std::string> organisations_named(core::Connection& c,
                                                        const std::vector<core::audit::Event>& events) {
  std::vector<std::int64_t> ids;
  for (const auto& e : events) collect_organisation_ids(e, ids);
  return partners::organisation_names(c, ids);
}

const std::vector<core::Crumb> kAccountCrumbs = {{"Home", "/"}, {"Your account", "/account"}};

}  // namespace

Response admin_hub(Context& ctx) {
  AdminHubView v;
  {
    auto conn = ctx.db().acquire();
    v.users = store::count_users(*conn, "");
    auto counts = store::pending_memberships_by_organisation(*conn);
    std::vector<std::int64_t> ids;
    for (const auto& [id, n] : counts) ids.push_back(id), v.pending += n;
    for (const auto& [id, name] : partners::organisation_names(*conn, ids)) v.waiting.push_back({id, name, counts[id]});
  }
  v.site_admin = ctx.principal.has(core::Role::site_admin);
  return core::render_page(ctx, {.template_name = "accounts/admin",
                                 .title = "Administration",
                                 .crumbs = kAccountCrumbs,
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
}

Response users_list(Context& ctx) {
  UserListView v;
  v.q = ctx.query("q").value_or("");
  if (v.q.size() > 100) v.q.resize(100);
  v.page = page_number(ctx);
  v.per_page = kPerPage;
  {
    auto conn = ctx.db().acquire();
    v.total = store::count_users(*conn, v.q);
    for (const auto& u : store::list_users(*conn, v.q, kPerPage, (v.page - 1) * kPerPage))
      v.users.push_back({u.id, u.name, u.email, store::roles_of(*conn, u.id)});
  }
  return core::render_page(ctx, {.template_name = "accounts/users",
                                 .title = "Users",
                                 .crumbs = kAccountCrumbs,
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
}

Response user_page(Context& ctx) {
  auto id = ctx.int_param("id");
  std::optional<User> u;
  UserView v;
  {
    auto conn = ctx.db().acquire();
    if (id) u = store::try_find_user(*conn, *id);
    if (u && !u->deleted) {
      v.user = {u->id, u->name, u->email, store::roles_of(*conn, u->id)};
      v.history = history_section(*conn, "user", std::to_string(u->id));
    }
  }
  if (!u || u->deleted) return core::error_page(ctx, 404, "Page not found", "There is no such user.");
  UserScreen screen;
  if (!ctx.wants_json()) {
    screen.csrf_token = ctx.csrf_token;
    const auto& roles = v.user.roles;
    for (auto r : assignable_roles())
      screen.roles.push_back({r, std::find(roles.begin(), roles.end(), r) != roles.end(),
                              !may_assign(ctx.principal, r) || !may_change_roles_of(ctx.principal, roles)});
  }
  return core::render_page(ctx, {.template_name = "accounts/user",
                                 .title = u->name,
                                 .crumbs = {{"Home", "/"}, {"Users", "/admin/users"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, screen); }});
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
  if (ctx.wants_json()) return core::resource_response([](nlohmann::json& j) { to_json(j, Saved{}); });
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
  AuditListView v;
  v.filter = {person, org, f.resource_type, f.resource_id, from, to};
  v.page = f.page;
  v.per_page = kPerPage;
  {
    auto conn = ctx.db().acquire();
    if (errs.empty()) {
      auto page = core::audit::list(*conn, f);
      v.total = page.total;
      v.events = std::move(page.events);
      v.organisations = organisations_named(*conn, v.events);
    }
  }
  for (auto [k, val] : std::vector<std::pair<std::string, std::string>>{{"person", person},
                                                                        {"organisation", org},
                                                                        {"resource_type", f.resource_type},
                                                                        {"resource_id", f.resource_id},
                                                                        {"from", from},
                                                                        {"to", to}})
    if (!val.empty()) v.query += (v.query.empty() ? "" : "&") + k + "=" + core::url_encode(val);
  auto err = core::Error::invalid("There is a problem", errs);
  if (!errs.empty()) {
    if (ctx.wants_json()) return core::error_response(ctx, err);
    v.error = &err;
  }
  return core::render_page(ctx, {.template_name = "accounts/audit",
                                 .title = "Audit trail",
                                 .crumbs = kAccountCrumbs,
                                 .status = errs.empty() ? 200 : 400,
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
}

core::Section history_section(core::Connection& c, const std::string& resource_type, const std::string& resource_id,
                              int limit) {
  core::audit::Filter f;
  f.resource_type = resource_type;
  f.resource_id = resource_id;
  f.per_page = limit;
  auto page = core::audit::list(c, f);
  HistoryView v{resource_type, resource_id, std::move(page.events), {}, page.total};
  v.organisations = organisations_named(c, v.events);
  return history_section_of(v);
}

}  // namespace goldthread::accounts
