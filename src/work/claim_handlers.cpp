// The partner-claims page of an organisation's administrators (issue 10.8), and the work
// capability's section on the account page: what waits for this person (claims to confirm,
// requests to connect).
#include <map>
#include <nlohmann/json_fwd.hpp>

#include "accounts/accounts.hpp"
#include "core/app.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "partners/partners.hpp"
#include "work/claim_views.hpp"
#include "work/work.hpp"
#include "work/work_handlers.hpp"

namespace goldthread::work {
using core::Response;

namespace {

constexpr int kMaxClaimsShown = 200;

std::vector<std::int64_t> administered(const core::Principal& p) {
  std::vector<std::int64_t> ids;
  for (const auto& m : p.memberships)
    if (m.admin) ids.push_back(m.organisation_id);
  return ids;
}

}  // namespace

Response claims_page(core::Context& ctx) {
  auto orgs = administered(ctx.principal);
  ClaimsView v;
  {
    auto conn = ctx.db().acquire();
    auto links = partner_claims_on(*conn, orgs, "", kMaxClaimsShown);
    std::vector<std::int64_t> ids = orgs;
    for (const auto& l : links) ids.push_back(l.claimed_by_organisation_id);
    auto names = partners::organisation_names(*conn, ids);
    for (const auto& l : links) {
      v.waiting += l.status == "claimed";
      v.claims.push_back({l.initiative_id, l.initiative_title, l.initiative_slug, l.organisation_id,
                          names[l.organisation_id], claimant_name(*conn, l, names), l.status});
    }
  }
  ClaimsScreen screen{!orgs.empty(), ctx.query("decided").value_or(""), ctx.csrf_token};
  return core::render_page(ctx, {.template_name = "work/claims",
                                 .title = "Partnership claims",
                                 .crumbs = {{"Home", "/"}, {"Your account", "/account"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, screen); }});
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
    return core::resource_response([&](nlohmann::json& j) {
      to_json(j, ClaimDecision{r->initiative_id, r->organisation_id, r->status});
    });
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
  AccountWorkView v{!orgs.empty(), requests > 0 || who.has(core::Role::project_lead) || !who.memberships.empty(),
                    claims, requests};
  if (!v.claims_shown && !v.requests_shown) return std::nullopt;
  return account_work_section_of(v);
}

}  // namespace goldthread::work
