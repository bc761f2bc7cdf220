// The readiness pages that read: the list of rounds, the framework, a round's results (heat
// map, radar, weak blocks and their actions), its exports and printable report, and the
// comparison of two rounds.
#include "readiness/readiness_handlers.hpp"

#include <algorithm>
#include <nlohmann/json_fwd.hpp>

#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "pledges/pledges.hpp"
#include "readiness/readiness_internal.hpp"
#include "readiness/readiness_page_views.hpp"
#include "readiness/readiness_service.hpp"
#include "readiness/readiness_store.hpp"
#include "readiness/readiness_views.hpp"
#include "work/work.hpp"

namespace goldthread::readiness {
using core::Response;

bool is_place_admin(const core::Principal& p) {
  return p.has(core::Role::place_admin) || p.has(core::Role::site_admin);
}

std::optional<Round> round_of(core::Context& ctx, core::Connection& c) {
  return store::find_round(c, ctx.param("slug"));
}

Response no_round(core::Context& ctx) {
  return core::error_page(ctx, 404, "Page not found", "There is no readiness round at this address.");
}

std::vector<Group> group_labels(core::Connection& c, core::Context& ctx, const std::vector<Submission>& rs,
                                const std::string& by) {
  std::vector<Group> out;
  if (by == "sector") {
    for (const auto& [code, label] : partners::sectors()) out.push_back({code, label});
  } else if (by == "area") {
    if (const auto& place = places::current_place(ctx, c))
      for (const auto& a : places::list_areas(c, place->id)) out.push_back({a.code, a.name});
  } else {
    std::vector<std::int64_t> ids;
    for (const auto& r : rs)
      if (r.organisation_id) ids.push_back(r.organisation_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (const auto& o : partners::organisations_by_id(c, ids)) out.push_back({std::to_string(o.id), o.name});
    std::sort(out.begin(), out.end(), [](const Group& a, const Group& b) { return a.label < b.label; });
  }
  return out;
}

namespace {

RadarSeries radar_of(const Framework& f, const std::vector<const Cell*>& cells) {
  RadarSeries s;
  for (std::size_t i = 0; i < f.blocks.size(); ++i) {
    const Cell* c = cells[i];
    bool shown = c && c->state == CellState::shown;
    s.current.push_back(shown ? std::optional<double>(c->current.median) : std::nullopt);
    s.desired.push_back(shown && c->desired.n ? std::optional<double>(c->desired.median) : std::nullopt);
  }
  return s;
}

}  // namespace

RoundPage build_round_page(core::Context& ctx, core::Connection& c, const Round& round) {
  RoundPage p;
  p.round = round;
  p.today = pledges::today_utc();
  auto f = store::framework_of_version(c, round.framework_version);
  if (f) p.framework = *f;
  auto all = store::responses_of(c, round.id, false);
  std::vector<Submission> submitted;
  for (const auto& r : all)
    if (r.status == "submitted") submitted.push_back(r);
  p.submitted = static_cast<int>(submitted.size());
  p.drafts = static_cast<int>(all.size()) - p.submitted;
  std::string by = ctx.query("by").value_or("sector");
  if (by != "area" && by != "organisation") by = "sector";
  p.heat = heat_map(p.framework, submitted, by, round.threshold, round.mode == "facilitated",
                    group_labels(c, ctx, submitted, by));
  std::vector<const Cell*> place_cells;
  for (const auto& r : p.heat.rows) place_cells.push_back(&r.place);
  p.place_radar = radar_of(p.framework, place_cells);
  // The organisation radar: from the heat map by organisation, so the same anonymity applies.
  auto by_org = by == "organisation"
                    ? p.heat
                    : heat_map(p.framework, submitted, "organisation", round.threshold, round.mode == "facilitated",
                               group_labels(c, ctx, submitted, "organisation"));
  auto want = ctx.query("organisation").value_or("");
  for (std::size_t g = 0; g < by_org.groups.size(); ++g) {
    if (by_org.groups[g].key.empty()) continue;
    p.organisations.push_back(by_org.groups[g]);
    if (by_org.groups[g].key != want) continue;
    std::vector<const Cell*> cells;
    for (const auto& r : by_org.rows) cells.push_back(&r.cells[g]);
    p.organisation_radar = std::make_pair(by_org.groups[g], radar_of(p.framework, cells));
  }
  if (auto b = ctx.query("below")) {
    try {
      double v = std::stod(*b);
      if (v >= 1 && v <= 5) p.below = v;
    } catch (const std::exception&) {
    }
  }
  p.weak = weak_blocks(p.heat, p.below);
  if (const auto& place = places::current_place(ctx, c))
    for (const auto& [slug, i] : work::initiatives_by_building_block(c, place->id, p.weak))
      p.initiatives.push_back({slug, i.title, "/initiatives/" + i.slug});
  auto links = store::actions_of(c, round.id);
  for (const auto& l : links) {
    auto m = pledges::try_find_commitment(c, l.commitment_id);
    if (!m) continue;
    auto st = pledges::staleness_of(m->last_update_at.empty() ? m->created_at : m->last_update_at, p.today, m->status);
    p.actions.push_back({m->id, l.block_slug, m->text, m->href, m->owner_name, m->organisation_name, m->due_on,
                         m->status, pledges::completion_label(m->status), pledges::staleness_label(st)});
  }
  for (const auto& r : store::list_rounds(c))
    if (r.id != round.id) p.other_rounds.push_back(r);
  p.can_admin = is_place_admin(ctx.principal);
  p.can_add_action = ctx.principal.signed_in() && (p.can_admin || ctx.principal.has(core::Role::partner_member) ||
                                                   !ctx.principal.memberships.empty());
  for (const auto& m : ctx.principal.memberships)
    p.my_organisations.push_back({m.organisation_id, m.organisation_name});
  if (ctx.principal.signed_in() && round.mode == "facilitated")
    for (const auto& m : ctx.principal.memberships) {
      auto w = respondent_for(c, ctx.principal, round, m.organisation_id);
      if (!w || w->organisation_id != m.organisation_id) continue;
      std::string status;
      for (const auto& r : all)
        if (r.respondent_key == w->key) status = r.status;
      p.answer_choices.push_back(
          {m.organisation_name,
           "/readiness/rounds/" + round.slug + "/answer?organisation=" + std::to_string(m.organisation_id), status});
    }
  if (ctx.principal.signed_in()) {
    auto who = respondent_for(c, ctx.principal, round, 0);
    if (who) {
      p.can_answer = round_is_open(round, p.today);
      for (const auto& r : all)
        if (r.respondent_key == who->key) p.my_status = r.status;
    }
  }
  auto saved = ctx.query("saved").value_or("");
  if (saved == "draft") p.banner = "Your draft has been saved. You can come back to it until the round closes.";
  if (saved == "submitted") p.banner = "Your answer has been submitted. Thank you.";
  if (saved == "paper") p.banner = "The paper answer has been entered.";
  if (saved == "action") p.banner = "The action has been added. It is on its owner's account page.";
  return p;
}

namespace {
const std::vector<core::Crumb> kCrumbs = {{"Home", "/"}, {"Readiness assessments", "/readiness"}};
}  // namespace

Response index_page(core::Context& ctx) {
  IndexView v;
  {
    auto conn = ctx.db().acquire();
    v.today = pledges::today_utc();
    v.rounds = store::list_rounds(*conn);
    if (!ctx.wants_json())
      if (auto f = store::latest_framework(*conn)) v.framework_version = f->version;
  }
  bool can_admin = is_place_admin(ctx.principal);
  return core::render_page(ctx, {.template_name = "readiness/index",
                                 .title = "Readiness assessments",
                                 .crumbs = {{"Home", "/"}, {"Progress", "/progress"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, can_admin); }});
}

Response framework_page(core::Context& ctx) {
  FrameworkView v;
  {
    auto conn = ctx.db().acquire();
    auto f = store::latest_framework(*conn);
    if (!f) return core::error_page(ctx, 404, "Page not found", "There is no readiness framework yet.");
    v.framework = *f;
    if (!ctx.wants_json()) v.versions = store::framework_versions(*conn);
  }
  FrameworkScreen screen{is_place_admin(ctx.principal), ctx.query("saved").value_or("")};
  return core::render_page(ctx, {.template_name = "readiness/framework",
                                 .title = "The readiness framework",
                                 .crumbs = kCrumbs,
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, screen); }});
}

Response round_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto round = round_of(ctx, *conn);
  if (!round) return no_round(ctx);
  auto p = build_round_page(ctx, *conn, *round);
  return core::render_page(ctx, {.template_name = "readiness/round",
                                 .title = round->name,
                                 .crumbs = kCrumbs,
                                 .resource = [&](nlohmann::json& j) { to_json(j, p); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, p); }});
}

Response round_report(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto round = round_of(ctx, *conn);
  if (!round) return no_round(ctx);
  auto p = build_round_page(ctx, *conn, *round);
  auto crumbs = kCrumbs;
  crumbs.push_back({round->name, p.round.slug});
  return core::render_page(ctx, {.template_name = "readiness/report",
                                 .title = "Report: " + round->name,
                                 .crumbs = crumbs,
                                 .resource = [&](nlohmann::json& j) { to_json(j, p); },
                                 .screen = [&](nlohmann::json& j) { report_json(j, p); }});
}

Response round_csv(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto round = round_of(ctx, *conn);
  if (!round) return no_round(ctx);
  auto p = build_round_page(ctx, *conn, *round);
  auto res = Response::text(results_csv(p), 200, "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"readiness-" + round->slug + ".csv\"");
  return res;
}

Response round_json(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto round = round_of(ctx, *conn);
  if (!round) return no_round(ctx);
  auto p = build_round_page(ctx, *conn, *round);
  return core::resource_response([&](nlohmann::json& j) { to_json(j, p); });
}

Response compare_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto after = round_of(ctx, *conn);
  if (!after) return no_round(ctx);
  auto other = store::find_round(*conn, ctx.query("with").value_or(""));
  // Without another round to compare with, back to the round's choice of rounds.
  if (!other || other->id == after->id) return Response::redirect("/readiness/rounds/" + after->slug + "#compare");
  Comparison cmp;
  cmp.before = *other;
  cmp.after = *after;
  if (cmp.before.opens_on > cmp.after.opens_on) std::swap(cmp.before, cmp.after);
  auto fb = store::framework_of_version(*conn, cmp.before.framework_version);
  auto fa = store::framework_of_version(*conn, cmp.after.framework_version);
  if (!fb || !fa) return no_round(ctx);
  cmp.framework_before = *fb;
  cmp.framework_after = *fa;
  cmp.codes = comparable_statements(*fb, *fa);
  cmp.threshold = std::max(clamp_threshold(cmp.before.threshold), clamp_threshold(cmp.after.threshold));
  auto rb = store::responses_of(*conn, cmp.before.id, true);
  auto ra = store::responses_of(*conn, cmp.after.id, true);
  cmp.movements = compare(*fa, rb, ra, cmp.codes, cmp.threshold);
  return core::render_page(ctx, {.template_name = "readiness/compare",
                                 .title = "Compare " + cmp.before.name + " and " + cmp.after.name,
                                 .crumbs = kCrumbs,
                                 .resource = [&](nlohmann::json& j) { to_json(j, cmp); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, cmp); }});
}

}  // namespace goldthread::readiness
