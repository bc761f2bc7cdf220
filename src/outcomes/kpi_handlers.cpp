// Shared KPIs on the web: the place admin's KPI form and an organisation's sign-up (issue
// 12.6); the loaders the KPI pages and sections share. The freshness page and the
// organisation section are in area_handlers.cpp.
#include <nlohmann/json_fwd.hpp>

#include "accounts/accounts.hpp"
#include "core/abuse.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "outcomes/form_views.hpp"
#include "outcomes/kpi_views.hpp"
#include "outcomes/kpis.hpp"
#include "outcomes/outcomes_handlers.hpp"
#include "outcomes/outcomes_store.hpp"
#include "partners/partners.hpp"

namespace goldthread::outcomes {
using core::Response;
using nlohmann::json;

PlaceFrame place_frame(core::Context& ctx, core::Connection& c) {
  PlaceFrame f;
  const auto& place = places::current_place(ctx, c);
  f.refs = area_refs(c, place);
  if (place) f.ambitions = places::list_ambitions(c, place->id);
  for (const auto& r : f.refs)
    if (r.kind == "county") {
      f.place_code = r.code;
      f.place_name = r.name;
      break;
    }
  if (f.place_code.empty())
    for (const auto& r : f.refs)
      if (r.kind != "region" && r.kind != "country") {
        f.place_code = r.code;
        f.place_name = r.name;
        break;
      }
  return f;
}

namespace {
std::map<std::int64_t, OrganisationRef> organisation_refs(core::Connection& c, const std::vector<store::SignUp>& s) {
  std::vector<std::int64_t> ids;
  for (const auto& x : s) ids.push_back(x.organisation_id);
  std::map<std::int64_t, OrganisationRef> out;
  for (const auto& o : partners::organisations_by_id(c, ids)) out[o.id] = {o.id, o.slug, o.name};
  return out;
}
}  // namespace

std::vector<KpiView> kpi_views_of(core::Connection& c, const std::vector<store::Indicator>& inds,
                                  const std::vector<store::Kpi>& kpis, const PlaceFrame& frame) {
  std::vector<std::int64_t> kpi_ids, ind_ids;
  for (const auto& k : kpis) kpi_ids.push_back(k.id);
  for (const auto& i : inds) ind_ids.push_back(i.id);
  auto signups = store::signups_of_kpis(c, kpi_ids);
  auto orgs = organisation_refs(c, signups);
  auto points = store::points_of_many(c, ind_ids, today_iso());
  std::vector<KpiView> out;
  out.reserve(kpis.size());
  for (const auto& k : kpis)
    for (const auto& i : inds)
      if (i.id == k.indicator_id) out.push_back(kpi_view(i, k, points[i.id], frame, signups, orgs, today_iso()));
  return out;
}

namespace {

// --- The KPI form (place admins) -------------------------------------------------------------

Response show_kpi_form(core::Context& ctx, const store::Indicator& ind, const PlaceFrame& frame, const KpiInput& in,
                       const core::Error* error) {
  KpiFormView v{.indicator = ind, .frame = frame, .values = in, .error = error};
  return core::render_page(
      ctx, {.template_name = "outcomes/kpi_form",
            .title = "Mark as a shared KPI",
            .crumbs = {{"Home", "/"}, {"Indicators", "/indicators"}, {ind.name, "/indicators/" + ind.slug}},
            .status = error ? 400 : 200,
            .resource = [&](json& j) { to_json(j, v); },
            .screen = [&](json& j) { screen_json(j, v); }});
}

std::optional<store::Indicator> indicator_or_404(core::Context& ctx, core::Connection& c, Response& out) {
  auto ind = store::find_indicator(c, ctx.param("slug"));
  if (!ind) out = core::error_page(ctx, 404, "Page not found", "There is no indicator at this address.");
  return ind;
}

// --- The sign-up form (partner members) ------------------------------------------------------

// An indicator's KPIs (one per ambition) for the sign-up form, and the one chosen.
struct SignUpTarget {
  store::Indicator indicator;
  std::vector<KpiView> kpis;
  const KpiView* chosen = nullptr;
};

Response show_signup_form(core::Context& ctx, const SignUpTarget& t, const PlaceFrame& frame, const SignUpInput& in,
                          const core::Error* error) {
  SignUpFormView v{
      .indicator = t.indicator, .kpis = t.kpis, .chosen = t.chosen, .frame = frame, .values = in, .error = error};
  for (const auto& m : ctx.principal.memberships) v.organisations.emplace_back(m.organisation_id, m.organisation_name);
  const auto& ind = t.indicator;
  return core::render_page(
      ctx, {.template_name = "outcomes/signup_form",
            .title = "Sign up to a shared KPI",
            .crumbs = {{"Home", "/"}, {"Indicators", "/indicators"}, {ind.name, "/indicators/" + ind.slug}},
            .status = error ? 400 : 200,
            .resource = [&](json& j) { to_json(j, v); },
            .screen = [&](json& j) { screen_json(j, v); }});
}

// The indicator at {slug} with its KPIs; `kpi_id` chooses one (else the first).
std::optional<SignUpTarget> load_signup_target(core::Context& ctx, core::Connection& c, const PlaceFrame& frame,
                                               std::int64_t kpi_id, Response& out) {
  auto ind = indicator_or_404(ctx, c, out);
  if (!ind) return std::nullopt;
  SignUpTarget t;
  t.indicator = *ind;
  t.kpis = kpi_views_of(c, {*ind}, store::kpis_of_indicators(c, {ind->id}), frame);
  for (const auto& v : t.kpis)
    if (v.kpi.id == kpi_id || (!kpi_id && !t.chosen)) t.chosen = &v;
  return t;
}

}  // namespace

Response kpi_form_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  Response out;
  auto ind = indicator_or_404(ctx, *conn, out);
  if (!ind) return out;
  auto frame = place_frame(ctx, *conn);
  KpiInput in;
  auto kpis = store::kpis_of_indicators(*conn, {ind->id});
  std::string want = ctx.query("ambition").value_or("");
  for (const auto& k : kpis)
    if (want.empty() || k.ambition_slug == want) {
      in.ambition_slug = k.ambition_slug;
      in.baseline_value = store::number_text(k.baseline_value);
      in.baseline_period = k.baseline_period;
      in.target_value = store::number_text(k.target_value);
      in.target_period = k.target_period;
      for (const auto& t : k.area_targets) in.area_targets.push_back(t.area_code + " " + store::number_text(t.value));
      break;
    }
  if (in.ambition_slug.empty())
    in.ambition_slug = want.empty() && ind->ambitions.size() == 1 ? ind->ambitions[0] : want;
  return show_kpi_form(ctx, *ind, frame, in, nullptr);
}

Response kpi_form_handler(core::Context& ctx) {
  Response out;
  std::optional<store::Indicator> ind;
  PlaceFrame frame;
  {  // read, then give the connection back: the service borrows its own for the write
    auto conn = ctx.db().acquire();
    ind = indicator_or_404(ctx, *conn, out);
    if (!ind) return out;
    frame = place_frame(ctx, *conn);
  }
  core::Form f(ctx);
  KpiInput in;
  in.ambition_slug = f.text("ambition", "Ambition", 200);
  in.baseline_value = f.text("baseline_value", "Baseline value", kMaxNumberText);
  in.baseline_period = f.text("baseline_period", "Baseline period", 60);
  in.target_value = f.text("target_value", "Target value", kMaxNumberText);
  in.target_period = f.text("target_period", "Target period", 60);
  in.area_targets = f.lines("area_targets", "Area targets", kMaxAreaTargets + 1, 100);
  if (f.ok()) {
    auto actor = core::audit::Actor::from(ctx.principal, 0, ctx.request().request_id);
    auto r = save_kpi(ctx.db(), actor, *ind, in, frame.ambition_slugs(), frame.area_codes());
    if (r) {
      if (ctx.wants_json())
        return core::resource_response([&](json& j) {
          to_json(j, KpiAnswer{r->id, "/indicators/" + ind->slug + "#kpis"});
        });
      return Response::redirect("/indicators/" + ind->slug + "?saved=kpi#kpis");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto e = f.invalid("Check the KPI's details");
  if (ctx.wants_json()) return core::error_response(ctx, e);
  return show_kpi_form(ctx, *ind, frame, in, &e);
}

Response signup_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto frame = place_frame(ctx, *conn);
  Response out;
  auto wanted = core::parse_id(ctx.query("kpi").value_or("")).value_or(0);
  auto t = load_signup_target(ctx, *conn, frame, wanted, out);
  if (!t) return out;
  SignUpInput in;
  if (!ctx.principal.memberships.empty()) in.organisation_id = ctx.principal.memberships.front().organisation_id;
  if (t->chosen)
    if (auto s = store::find_signup(*conn, t->chosen->kpi.id, in.organisation_id)) {
      in.areas = s->areas;
      in.contribution = s->contribution;
      in.reporter = s->reporter;
      in.frequency = s->frequency;
    }
  return show_signup_form(ctx, *t, frame, in, nullptr);
}

Response signup_handler(core::Context& ctx) {
  core::Form f(ctx);
  auto kpi_id = f.id("kpi", "Select the KPI to sign up to");
  SignUpInput in;
  f.field("acting_for");
  auto org = accounts::acting_for(ctx, "acting_for");
  if (org) in.organisation_id = *org;
  in.areas = f.values("areas", "Areas", 200, 12);
  in.contribution = f.paragraph("contribution", "Contribution", kMaxContribution);
  in.reporter = f.text("reporter", "Who reports", kMaxReporter);
  in.frequency = f.text("frequency", "How often", 20);
  if (!org) f.add(org.error());
  Response out;
  PlaceFrame frame;
  std::optional<SignUpTarget> t;
  {  // read, then give the connection back: the service borrows its own for the write
    auto conn = ctx.db().acquire();
    frame = place_frame(ctx, *conn);
    t = load_signup_target(ctx, *conn, frame, kpi_id, out);
    if (!t) return out;
  }
  // `chosen` pointed into the moved-from target: find it again.
  t->chosen = nullptr;
  for (const auto& v : t->kpis)
    if (v.kpi.id == kpi_id) t->chosen = &v;
  if (!t->chosen && f.ok()) f.error("kpi", "Select the KPI to sign up to");
  if (f.ok()) {
    if (auto st = core::abuse::allow_write(
            ctx, {.action = "kpi-signup", .per_person = 30, .per_address = 60, .what = "sign up to KPIs"},
            ctx.principal.user_id);
        !st)
      return core::error_response(ctx, st.error());
    auto actor = core::audit::Actor::from(ctx.principal, in.organisation_id, ctx.request().request_id);
    auto r = sign_up(ctx.db(), actor, t->chosen->kpi, in, frame.area_codes());
    if (r) {
      if (ctx.wants_json())
        return core::resource_response([&](json& j) {
          to_json(j, KpiAnswer{r->id, "/indicators/" + t->indicator.slug + "#kpis"});
        });
      return Response::redirect("/indicators/" + t->indicator.slug + "?saved=signup#kpis");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto e = f.invalid("Check your sign-up");
  if (ctx.wants_json()) return core::error_response(ctx, e);
  return show_signup_form(ctx, *t, frame, in, &e);
}

}  // namespace goldthread::outcomes
