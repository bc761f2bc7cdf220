// The partner-claims page of an organisation's administrators (issue 10.8), and the work
// capability's section on the account page: what waits for this person (claims to confirm,
// requests to connect).
#include <map>
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "core/app.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "partners/partners.hpp"
#include "work/work.hpp"
#include "work/work_handlers.hpp"

namespace goldthread::work {
using core::Response;
using nlohmann::json;

namespace {

constexpr int kMaxClaimsShown = 200;

std::vector<std::int64_t> administered(const core::Principal& p) {
  std::vector<std::int64_t> ids;
  for (const auto& m : p.memberships)
    if (m.admin) ids.push_back(m.organisation_id);
  return ids;
}

const char* status_label(const std::string& s) {
  if (s == "confirmed") return "Confirmed";
  if (s == "declined") return "Declined";
  return "Waiting for you";
}

}  // namespace

Response claims_page(core::Context& ctx) {
  auto orgs = administered(ctx.principal);
  json claims = json::array();
  std::int64_t waiting = 0;
  {
    auto conn = ctx.db().acquire();
    auto links = partner_claims_on(*conn, orgs, "", kMaxClaimsShown);
    std::vector<std::int64_t> ids = orgs;
    for (const auto& l : links) ids.push_back(l.claimed_by_organisation_id);
    auto names = partners::organisation_names(*conn, ids);
    for (const auto& l : links) {
      waiting += l.status == "claimed";
      claims.push_back({{"initiative", l.initiative_title},
                        {"href", "/initiatives/" + l.initiative_slug},
                        {"initiative_id", l.initiative_id},
                        {"organisation_id", l.organisation_id},
                        {"organisation", names[l.organisation_id]},
                        {"listed_by", claimant_name(*conn, l, names)},
                        {"status", l.status},
                        {"status_label", status_label(l.status)},
                        {"waiting", l.status == "claimed"},
                        {"can_confirm", l.status != "confirmed"},
                        {"can_decline", l.status != "declined"}});
    }
  }
  json banner = nullptr;
  auto decided = ctx.query("decided").value_or("");
  if (decided == "confirmed") banner = "Partnership confirmed: it now shows on your organisation's page";
  if (decided == "declined") banner = "Listing declined: it no longer shows on any page";
  json model = {{"claims", claims}, {"has_claims", !claims.empty()}, {"waiting", waiting}, {"is_admin", !orgs.empty()},
                {"banner", banner}, {"csrf_token", ctx.csrf_token}};
  return core::render_page(ctx, "work/claims", "Partnership claims", model, 200,
                           {{"Home", "/"}, {"Your account", "/account"}});
}

Response decide_claim_handler(core::Context& ctx) {
  auto org = ctx.int_param("id");
  if (!org) return core::error_page(ctx, 404, "Page not found", "There is no such organisation.");
  core::Form f(ctx);
  auto initiative = f.id("initiative_id", "Select a listing from the list");
  auto decision = f.text("decision", "Decision", 10);
  if (f.ok() && decision != "confirm" && decision != "decline") f.error("decision", "Choose confirm or decline");
  if (!f.ok()) return core::error_response(ctx, f.invalid("There is a problem"));
  auto r = decide_partner_claim(ctx.db(), ctx.principal, *org, initiative, decision == "confirm");
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json())
    return Response::json(json{
        {"initiative_id", r->initiative_id},
        {"organisation_id", r->organisation_id},
        {"status", r->status}}.dump());
  return Response::redirect("/work/claims?decided=" + r->status);
}

std::optional<core::Section> account_work_section(core::Context& ctx, const core::Principal& who) {
  auto orgs = administered(who);
  std::int64_t claims = 0, requests = 0;
  {
    auto conn = ctx.db().acquire();
    claims = count_pending_claims(*conn, orgs);
    requests = static_cast<std::int64_t>(open_connect_requests_for(*conn, who));
  }
  json items = json::array();
  if (!orgs.empty())
    items.push_back({{"href", "/work/claims"},
                     {"text", "Partnership claims"},
                     {"count", claims},
                     {"note", claims == 1 ? "1 listing waits for your confirmation"
                                          : std::to_string(claims) + " listings wait for your confirmation"}});
  if (requests > 0 || who.has(core::Role::project_lead) || !who.memberships.empty())
    items.push_back({{"href", "/work/requests"},
                     {"text", "Requests to connect with your projects"},
                     {"count", requests},
                     {"note", requests == 1 ? "1 request waits for a reply"
                                            : std::to_string(requests) + " requests wait for a reply"}});
  if (items.empty()) return std::nullopt;
  return core::make_section("work", "Your projects and partnerships", "work/account_section", {{"items", items}});
}

}  // namespace goldthread::work
