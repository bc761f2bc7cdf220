// Your organisations (ask to join), and an organisation's members (approve, decline, admins).
#include "accounts/account_handlers.hpp"
#include "accounts/account_store.hpp"
#include "accounts/account_web.hpp"
#include "accounts/accounts.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/templates.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"

namespace goldthread::accounts {
namespace {

using nlohmann::json;

Response organisations_page(Context& ctx, const core::Error* e, int status) {
  core::Form form(ctx);
  auto search = form.text("q", "Search", 100);
  if (search.empty()) search = ctx.query("q").value_or("");
  if (search.size() > 100) search.resize(100);
  json mine = json::array(), results = json::array();
  {
    auto conn = ctx.db().acquire();
    std::map<std::int64_t, std::string> status_of;
    for (const auto& m : store::memberships_of_user(*conn, ctx.principal.user_id)) {
      auto org = partners::try_find_organisation(*conn, m.organisation_id);
      status_of[m.organisation_id] = m.status;
      mine.push_back({{"organisation_id", m.organisation_id},
                      {"name", org ? org->name : ""},
                      {"status", m.status},
                      {"pending", m.status == "pending"},
                      {"approved", m.status == "approved"},
                      {"declined", m.status == "declined"},
                      {"admin", m.admin}});
    }
    for (const auto& o : partners::list_organisations(*conn, search, 50)) {
      auto st = status_of.find(o.id);
      bool can_ask = st == status_of.end() || st->second == "declined";
      results.push_back({{"id", o.id}, {"name", o.name}, {"can_ask", can_ask}});
    }
  }
  json banner = nullptr;
  if (auto asked = core::parse_id(ctx.query("asked").value_or("")))
    for (const auto& m : mine)
      if (m["organisation_id"] == *asked && m["pending"].get<bool>())
        banner = "You asked to join " + m["name"].get<std::string>() +
                 ". An administrator of the organisation will approve or decline your request, and we will e-mail you.";
  json model = {{"memberships", mine},
                {"has_memberships", !mine.empty()},
                {"organisations", results},
                {"has_organisations", !results.empty()},
                {"q", search},
                {"csrf_token", ctx.csrf_token},
                {"banner", banner}};
  if (e) core::attach_errors(model, *e);
  return core::render_page(ctx, "accounts/organisations", "Your organisations", model, status,
                           {{"Home", "/"}, {"Your account", "/account"}});
}

Response members_page(Context& ctx, std::int64_t org_id, const core::Error* e, int status) {
  json pending = json::array(), members = json::array();
  std::optional<partners::Organisation> org;
  {
    auto conn = ctx.db().acquire();
    org = partners::try_find_organisation(*conn, org_id);
    if (!org) return core::error_page(ctx, 404, "Page not found", "There is no such organisation.");
    for (const auto& m : store::memberships_of_organisation(*conn, org_id)) {
      json row = {{"id", m.id},
                  {"name", m.user_name},
                  {"requested_at", m.requested_at},
                  {"requested_at_text", core::display_date_time(m.requested_at)},
                  {"admin", m.admin}};
      if (m.status == "pending")
        pending.push_back(row);
      else if (m.status == "approved")
        members.push_back(row);
    }
  }
  bool can_set_admin = ctx.principal.has(core::Role::site_admin) || ctx.principal.has(core::Role::place_admin);
  json banner = nullptr;
  auto decided = ctx.query("decided").value_or("");
  if (decided == "approve")
    banner = "Request approved: they are now a member of " + org->name + " and we have e-mailed them";
  if (decided == "decline") banner = "Request declined: we have e-mailed them";
  if (ctx.query("admin").value_or("") == "1") banner = "Administrators of " + org->name + " updated";
  json model = {{"banner", banner},
                {"organisation", {{"id", org->id}, {"name", org->name}}},
                {"pending", pending},
                {"has_pending", !pending.empty()},
                {"members", members},
                {"has_members", !members.empty()},
                {"can_set_admin", can_set_admin},
                {"csrf_token", ctx.csrf_token}};
  if (e) core::attach_errors(model, *e);
  return core::render_page(ctx, "accounts/members", "Members of " + org->name, model, status,
                           {{"Home", "/"}, {"Your account", "/account"}});
}

Response after_change(Context& ctx, const core::Status& st, std::int64_t org_id, const std::string& outcome) {
  if (!st) {
    if (st.error().kind == core::ErrorKind::invalid && !st.error().fields.empty())
      return members_page(ctx, org_id, &st.error(), 400);
    return core::error_response(ctx, st.error());
  }
  if (ctx.wants_json()) return Response::json(R"({"saved":true})");
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
  if (ctx.wants_json()) return Response::json(R"({"requested":true})");
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
  json people = json::array();
  {
    auto conn = ctx.db().acquire();
    for (const auto& m : store::memberships_of_organisation(*conn, organisation.id))
      if (m.status == "approved")
        people.push_back({{"name", m.user_deleted ? "deleted user" : m.user_name}, {"admin", m.admin}});
  }
  bool manager = ctx.principal.has(core::Role::place_admin) || ctx.principal.has(core::Role::site_admin) ||
                 is_organisation_admin(ctx.principal, organisation.id);
  json model = {{"people", people},
                {"has_people", !people.empty()},
                {"count", people.size()},
                {"manage_href", manager ? json("/memberships/" + std::to_string(organisation.id)) : json(nullptr)}};
  return core::make_section("people", "People", "accounts/people_section", std::move(model));
}

}  // namespace goldthread::accounts
