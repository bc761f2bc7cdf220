// Your organisations (ask to join), and an organisation's members (approve, decline, admins).
#include "accounts/account_handlers.hpp"
#include "accounts/account_store.hpp"
#include "accounts/account_views.hpp"
#include "accounts/account_web.hpp"
#include "accounts/accounts.hpp"
#include "accounts/membership_views.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"

namespace goldthread::accounts {
namespace {

const std::vector<core::Crumb> kCrumbs = {{"Home", "/"}, {"Your account", "/account"}};

Response organisations_page(Context& ctx, const core::Error* e, int status) {
  core::Form form(ctx);
  MyOrganisationsView v;
  v.q = form.text("q", "Search", 100);
  if (v.q.empty()) v.q = ctx.query("q").value_or("");
  if (v.q.size() > 100) v.q.resize(100);
  {
    auto conn = ctx.db().acquire();
    std::map<std::int64_t, std::string> status_of;
    for (const auto& m : store::memberships_of_user(*conn, ctx.principal.user_id)) {
      auto org = partners::try_find_organisation(*conn, m.organisation_id);
      status_of[m.organisation_id] = m.status;
      v.memberships.push_back({m.organisation_id, org ? org->name : "", org ? org->slug : "", m.status, m.admin});
    }
    for (const auto& o : partners::list_organisations(*conn, v.q, 50)) {
      auto st = status_of.find(o.id);
      v.organisations.push_back({o.id, o.name, o.slug, st == status_of.end() || st->second == "declined"});
    }
  }
  MyOrganisationsScreen screen{core::parse_id(ctx.query("asked").value_or("")).value_or(0), ctx.csrf_token, e};
  return core::render_page(ctx, {.template_name = "accounts/organisations",
                                 .title = "Your organisations",
                                 .crumbs = kCrumbs,
                                 .status = status,
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, screen); }});
}

Response members_page(Context& ctx, std::int64_t org_id, const core::Error* e, int status) {
  MembersView v;
  {
    auto conn = ctx.db().acquire();
    auto org = partners::try_find_organisation(*conn, org_id);
    if (!org) return core::error_page(ctx, 404, "Page not found", "There is no such organisation.");
    v.organisation_id = org->id;
    v.organisation_name = org->name;
    v.organisation_slug = org->slug;
    for (const auto& m : store::memberships_of_organisation(*conn, org_id)) {
      MemberRow row{m.id, m.user_name, m.requested_at, m.admin};
      if (m.status == "pending")
        v.pending.push_back(row);
      else if (m.status == "approved")
        v.members.push_back(row);
    }
  }
  MembersScreen screen{ctx.query("decided").value_or(""), ctx.query("admin").value_or("") == "1",
                       ctx.principal.has(core::Role::site_admin) || ctx.principal.has(core::Role::place_admin),
                       ctx.csrf_token, e};
  return core::render_page(ctx, {.template_name = "accounts/members",
                                 .title = "Members of " + v.organisation_name,
                                 .crumbs = kCrumbs,
                                 .status = status,
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, screen); }});
}

Response after_change(Context& ctx, const core::Status& st, std::int64_t org_id, const std::string& outcome) {
  if (!st) {
    if (st.error().kind == core::ErrorKind::invalid && !st.error().fields.empty())
      return members_page(ctx, org_id, &st.error(), 400);
    return core::error_response(ctx, st.error());
  }
  if (ctx.wants_json()) return core::resource_response([](nlohmann::json& j) { to_json(j, Saved{}); });
  return Response::redirect("/memberships/" + std::to_string(org_id) + "?" + outcome);
}

}  // namespace

Response my_organisations(Context& ctx) {
  return organisations_page(ctx, nullptr, 200);
}

Response join_organisation(Context& ctx) {
  core::Form f(ctx);
  auto org = f.id("organisation_id", "Select an organisation from the list");
  auto st = f.ok() ? ask_to_join(ctx.db(), ctx.principal, org, web::origin(ctx))
                   : core::Status(f.invalid("There is a problem"));
  if (!st) {
    if (web::is_form_error(st.error())) return organisations_page(ctx, &st.error(), 400);
    return core::error_response(ctx, st.error());
  }
  if (ctx.wants_json()) return core::resource_response([](nlohmann::json& j) { to_json(j, Ack{"requested"}); });
  return Response::redirect("/account/organisations?asked=" + std::to_string(org));
}

Response organisation_members(Context& ctx) {
  auto id = ctx.int_param("id");
  if (!id) return core::error_page(ctx, 404, "Page not found", "There is no such organisation.");
  if (!may_manage_members(ctx.principal, *id))
    return core::error_page(ctx, 403, "You do not have permission to see this page",
                            "Only administrators of this organisation can see its members.");
  return members_page(ctx, *id, nullptr, 200);
}

Response decide_member(Context& ctx) {
  auto id = ctx.int_param("id");
  if (!id) return core::error_page(ctx, 404, "Page not found", "There is no such organisation.");
  core::Form f(ctx);
  auto decision = f.text("decision", "Decision", 10);
  auto membership = f.id("membership_id", "Select a request from the list");
  if (decision != "approve" && decision != "decline")
    return core::error_response(ctx, core::Error::invalid("Choose approve or decline."));
  if (!f.ok()) return core::error_response(ctx, f.invalid("There is a problem"));
  auto st = decide_membership(ctx.db(), ctx.principal, *id, membership, decision == "approve", web::origin(ctx));
  return after_change(ctx, st, *id, "decided=" + decision);
}

Response set_member_admin(Context& ctx) {
  auto id = ctx.int_param("id");
  if (!id) return core::error_page(ctx, 404, "Page not found", "There is no such organisation.");
  core::Form f(ctx);
  auto membership = f.id("membership_id", "Select a member from the list");
  auto admin = f.flag("admin");
  if (!f.ok()) return core::error_response(ctx, f.invalid("There is a problem"));
  auto st = set_organisation_admin(ctx.db(), ctx.principal, *id, membership, admin, web::origin(ctx));
  return after_change(ctx, st, *id, "admin=1");
}

}  // namespace goldthread::accounts

namespace goldthread::accounts {

// The "People" section of an organisation's page: its approved members, newest last (one
// query, names joined); a deleted account reads "deleted user", as display_name does.
std::optional<core::Section> people_section(Context& ctx, const partners::Organisation& organisation) {
  PeopleView v;
  {
    auto conn = ctx.db().acquire();
    for (const auto& m : store::memberships_of_organisation(*conn, organisation.id))
      if (m.status == "approved") v.people.push_back({m.user_deleted ? "deleted user" : m.user_name, m.admin});
  }
  bool manager = ctx.principal.has(core::Role::place_admin) || ctx.principal.has(core::Role::site_admin) ||
                 is_organisation_admin(ctx.principal, organisation.id);
  if (manager) v.manage_href = "/memberships/" + std::to_string(organisation.id);
  return people_section_of(v);
}

}  // namespace goldthread::accounts
