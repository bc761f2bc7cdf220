// Proposals' pages: the index (sorted, filtered, keyset-paginated), the new-proposal form, a
// proposal's page, support and withdrawal, the official answer; the `proposals` commands and
// the example proposals. Handlers parse with core::Form, pass the guards on public writes
// (core/abuse.hpp), call one service and render after its transaction.
#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <random>

#include "core/abuse.hpp"
#include "core/comments.hpp"
#include "core/contributions.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/registry.hpp"
#include "core/text.hpp"
#include "engagement/engagement.hpp"
#include "engagement/proposal_views.hpp"
#include "places/places.hpp"
#include "work/work.hpp"

namespace goldthread::engagement {
using core::Response;

namespace {

constexpr const char* kSeedCookie = "gt_proposal_order";

const core::abuse::Limit kProposalLimit{"proposal", 5, 30, std::chrono::minutes(10), "post proposals"};
const core::abuse::Limit kSupportLimit{"support", 120, 600, std::chrono::minutes(10), "support proposals"};
const core::abuse::Limit kAnswerLimit{"proposal-answer", 60, 200, std::chrono::minutes(10), "answer proposals"};

std::optional<std::int64_t> person_of(const core::Context& ctx) {
  if (!ctx.principal.signed_in()) return std::nullopt;
  return ctx.principal.user_id;
}

Response no_proposal(core::Context& ctx) {
  return core::error_page(ctx, 404, "Page not found", "There is no proposal at this address.");
}

std::vector<Named> ambition_names(core::Connection& c, std::int64_t place_id) {
  std::vector<Named> out;
  for (const auto& a : places::list_ambitions(c, place_id)) out.push_back({a.slug, a.title});
  return out;
}
std::vector<Named> area_names(core::Connection& c, std::int64_t place_id) {
  std::vector<Named> out;
  for (const auto& a : places::list_areas(c, place_id)) out.push_back({a.code, a.name});
  return out;
}

// Names of each item's ambition and area, from the place's lists (two queries per page).
std::vector<ProposalItem> items_of(core::Connection& c, std::int64_t place_id, std::vector<Proposal> ps) {
  auto ambitions = places::list_ambitions(c, place_id);
  auto areas = places::list_areas(c, place_id);
  std::vector<ProposalItem> out;
  for (auto& p : ps) {
    ProposalItem it;
    for (const auto& a : ambitions)
      if (a.id == p.ambition_id) it.ambition = {a.slug, a.title};
    for (const auto& a : areas)
      if (a.code == p.area_code) it.area = {a.code, a.name};
    it.proposal = std::move(p);
    out.push_back(std::move(it));
  }
  return out;
}

ProposalView view_of(core::Connection& c, Proposal p) {
  ProposalView v;
  v.threshold = proposal_store::threshold(c, p.place_id);
  if (p.answer_initiative_id)
    if (auto i = work::try_find_initiative_by_id(c, p.answer_initiative_id)) v.initiative = {i->slug, i->title};
  auto place_id = p.place_id;
  std::vector<Proposal> one;
  one.push_back(std::move(p));
  v.item = std::move(items_of(c, place_id, std::move(one)).front());
  return v;
}

std::optional<Proposal> find_ref(core::Connection& c, const std::string& ref) {
  if (auto id = core::parse_id(ref)) return proposal_store::find(c, *id);
  return proposal_store::find_by_slug(c, ref);
}

std::string banner(const core::Context& ctx) {
  auto done = ctx.query("done").value_or("");
  if (done == "created") return "Your proposal has been published";
  if (done == "supported") return "You support this proposal";
  if (done == "withdrawn") return "You have withdrawn your support";
  if (done == "answered") return "The official answer has been published";
  return "";
}

std::vector<core::Crumb> crumbs() {
  return {{"Home", "/"}, {"Proposals", "/proposals"}};
}

// --- Index ---------------------------------------------------------------------------------

Response proposals_index(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  const auto& place = places::current_place(ctx, *conn);
  if (!place) return core::error_page(ctx, 404, "Page not found", "There is no place on this site yet.");
  ProposalListView v;
  auto& q = v.query;
  q.place_id = place->id;
  auto sort = ctx.query("sort").value_or("newest");
  q.sort = (sort == "supported" || sort == "random") ? sort : "newest";
  bool set_cookie = false;
  if (q.sort == "random") {
    std::optional<std::int64_t> seed;
    if (auto s = ctx.query("seed")) seed = core::parse_id(*s);
    if (!seed)
      if (auto c = ctx.request().cookie(kSeedCookie)) seed = core::parse_id(*c);
    if (!seed || *seed >= 2147483647) {
      seed = std::int64_t(std::random_device{}() % 2147483646) + 1;
      set_cookie = true;
    }
    q.seed = *seed;
  }
  v.ambitions = ambition_names(*conn, place->id);
  v.areas = area_names(*conn, place->id);
  v.ambition = core::trim(ctx.query("ambition").value_or(""));
  if (!v.ambition.empty()) {
    q.ambition_id = -1;  // an unknown ambition finds nothing
    for (const auto& a : places::list_ambitions(*conn, place->id))
      if (a.slug == v.ambition) q.ambition_id = a.id;
  }
  v.area = core::trim(ctx.query("area").value_or(""));
  if (!v.area.empty()) q.area_codes = places::area_codes_covering(*conn, v.area);
  auto status = ctx.query("status").value_or("");
  if (status == "answered" || is_proposal_status(status)) q.status = status;
  auto after = ctx.query("after").value_or("");
  if (after.size() <= 40) q.after = after;
  auto page = proposal_store::list(*conn, q);
  v.total = page.total;
  v.total_exact = page.total_exact;
  v.threshold = proposal_store::threshold(*conn, place->id);
  v.items = items_of(*conn, place->id, std::move(page.items));
  v.first_href = list_href(q.sort, v.ambition, v.area, q.status, q.seed, "");
  v.self_href = list_href(q.sort, v.ambition, v.area, q.status, q.seed, q.after);
  if (!page.next_after.empty()) v.next_href = list_href(q.sort, v.ambition, v.area, q.status, q.seed, page.next_after);
  auto res =
      core::render_page(ctx, {.template_name = "engagement/proposals",
                              .title = "Proposals",
                              .crumbs = {{"Home", "/"}},
                              .resource = [&](nlohmann::json& j) { to_json(j, v); },
                              .screen = [&](nlohmann::json& j) { screen_json(j, v, ctx.principal.signed_in()); }});
  if (set_cookie)
    res.headers.add("Set-Cookie", std::string(kSeedCookie) + "=" + std::to_string(q.seed) +
                                      "; Path=/proposals; Max-Age=2592000; SameSite=Lax; HttpOnly");
  return res;
}

// --- A proposal ----------------------------------------------------------------------------

Response render_proposal(core::Context& ctx, const Proposal& found) {
  ProposalView v;
  ProposalScreen s;
  {
    auto conn = ctx.db().acquire();
    v = view_of(*conn, found);
    if (!ctx.wants_json()) {
      s.signed_in = ctx.principal.signed_in();
      s.supported = s.signed_in && proposal_store::has_support(*conn, found.id, ctx.principal.user_id);
      s.can_answer = may_answer(ctx.principal);
      s.banner = banner(ctx);
      s.comments_html = core::comments::thread_html(ctx, *conn, "proposal", found.id);
    }
  }
  return core::render_page(ctx, {.template_name = "engagement/proposal",
                                 .title = v.item.proposal.title,
                                 .crumbs = crumbs(),
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, s); }});
}

Response proposal_page(core::Context& ctx) {
  std::optional<Proposal> p;
  {
    auto conn = ctx.db().acquire();
    p = find_ref(*conn, ctx.param("ref"));
  }
  if (!p) return no_proposal(ctx);
  return render_proposal(ctx, *p);
}

// --- New proposal --------------------------------------------------------------------------

Response show_form(core::Context& ctx, const ProposalInput& in, const core::Error* err) {
  std::vector<Named> ambitions, areas;
  {
    auto conn = ctx.db().acquire();
    if (const auto& place = places::current_place(ctx, *conn)) {
      ambitions = ambition_names(*conn, place->id);
      areas = area_names(*conn, place->id);
    }
  }
  if (err && ctx.wants_json()) return core::error_response(ctx, *err);
  return core::render_page(ctx,
                           {.template_name = "engagement/proposal_form",
                            .title = "Post a proposal",
                            .crumbs = crumbs(),
                            .status = err ? (err->kind == core::ErrorKind::too_many ? 429 : 400) : 200,
                            .resource = [&](nlohmann::json& j) { proposal_form_json(j, in, ambitions, areas, err); },
                            .screen = [&](nlohmann::json& j) { proposal_form_json(j, in, ambitions, areas, err); }});
}

Response new_proposal_page(core::Context& ctx) {
  return show_form(ctx, {}, nullptr);
}

Response create_proposal_handler(core::Context& ctx) {
  core::Form f(ctx);
  ProposalInput in;
  in.title = f.text("title", "Title", kMaxProposalTitle);
  in.body = f.paragraph("body", "Description", kMaxProposalBody);
  in.ambition = f.text("ambition", "Ambition", 200);
  in.area = f.text("area", "Area", 20);
  if (f.ok()) {
    const auto person = person_of(ctx);
    auto guard = core::abuse::check_honeypot(ctx);
    if (guard) guard = core::abuse::check_duplicate(ctx, "proposal", person, in.title, "title");
    if (guard) {
      std::vector<core::FieldError> problems;
      {
        auto conn = ctx.db().acquire();
        problems = check_proposal(*conn, in);
      }
      if (!problems.empty()) guard = core::Error::invalid("Check your proposal", problems);
    }
    if (guard) guard = core::abuse::allow_write(ctx, kProposalLimit, person);
    if (!guard) {
      if (guard.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, guard.error());
      f.add(guard.error());
    } else {
      auto r = create_proposal(ctx.db(), ctx.principal, ctx.request().request_id, in);
      if (r) {
        core::abuse::remember_post(ctx, "proposal", person, in.title);
        if (ctx.wants_json()) {
          ProposalView v;
          {
            auto conn = ctx.db().acquire();
            v = view_of(*conn, *r);
          }
          return core::resource_response([&](nlohmann::json& j) { to_json(j, v); }, 201);
        }
        return Response::redirect("/proposals/" + r->slug + "?done=created");
      }
      if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
      f.add(r.error());
    }
  } else if (!f.rejected()) {
    f.add(validate_proposal(in));
  }
  auto err = f.invalid("Check your proposal");
  return show_form(ctx, in, &err);
}

// --- Supports ------------------------------------------------------------------------------

Response support_change(core::Context& ctx, bool support) {
  std::optional<Proposal> p;
  {
    auto conn = ctx.db().acquire();
    p = find_ref(*conn, ctx.param("ref"));
  }
  if (!p) return no_proposal(ctx);
  if (auto g = core::abuse::allow_write(ctx, kSupportLimit, person_of(ctx)); !g)
    return core::error_response(ctx, g.error());
  // Through the group commit: answered only once the transaction holding it has committed.
  auto r = change_support(ctx.app(), ctx.principal, ctx.request().request_id, p->id, support);
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json()) return core::resource_response([&](nlohmann::json& j) { support_json(j, *r, support); });
  return Response::redirect("/proposals/" + r->proposal.slug + (support ? "?done=supported" : "?done=withdrawn"));
}
Response support_handler(core::Context& ctx) {
  return support_change(ctx, true);
}
Response withdraw_handler(core::Context& ctx) {
  return support_change(ctx, false);
}

// --- Official answer -----------------------------------------------------------------------

Response show_answer_form(core::Context& ctx, const Proposal& p, const AnswerInput& in, const core::Error* err) {
  ProposalView v;
  {
    auto conn = ctx.db().acquire();
    v = view_of(*conn, p);
  }
  if (err && ctx.wants_json()) return core::error_response(ctx, *err);
  auto model = [&](nlohmann::json& j) { answer_form_json(j, v, in, ctx.principal.memberships, err); };
  return core::render_page(ctx,
                           {.template_name = "engagement/proposal_answer",
                            .title = "Answer the proposal",
                            .crumbs = {{"Home", "/"}, {"Proposals", "/proposals"}, {p.title, "/proposals/" + p.slug}},
                            .status = err ? 400 : 200,
                            .resource = model,
                            .screen = model});
}

Response answer_page(core::Context& ctx) {
  std::optional<Proposal> p;
  {
    auto conn = ctx.db().acquire();
    p = find_ref(*conn, ctx.param("ref"));
  }
  if (!p) return no_proposal(ctx);
  if (!may_answer(ctx.principal))
    return core::error_page(ctx, 403, "You cannot answer proposals",
                            "Only place administrators and members of partner organisations can.");
  AnswerInput in;
  if (is_answer_status(p->status)) {
    in.status = p->status;
    in.reasons = p->answer_reasons;
  }
  return show_answer_form(ctx, *p, in, nullptr);
}

Response answer_handler(core::Context& ctx) {
  std::optional<Proposal> p;
  {
    auto conn = ctx.db().acquire();
    p = find_ref(*conn, ctx.param("ref"));
  }
  if (!p) return no_proposal(ctx);
  if (!may_answer(ctx.principal))
    return core::error_response(
        ctx, core::Error::forbidden("Only place administrators and members of partner organisations can answer."));
  core::Form f(ctx);
  AnswerInput in;
  in.status = f.text("status", "Answer", 40);
  in.reasons = f.paragraph("reasons", "Reasons", kMaxAnswerReasons);
  in.initiative = f.text("initiative", "Initiative", 200);
  in.organisation_id = f.id("organisation_id", "Select one of your organisations");
  if (f.ok()) {
    if (auto g = core::abuse::allow_write(ctx, kAnswerLimit, person_of(ctx)); !g)
      return core::error_response(ctx, g.error());
    auto r = answer_proposal(ctx.db(), ctx.principal, ctx.request().request_id, p->id, in);
    if (r) {
      if (ctx.wants_json()) return render_proposal(ctx, *r);
      return Response::redirect("/proposals/" + r->slug + "?done=answered");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid("Check the answer");
  return show_answer_form(ctx, *p, in, &err);
}

// --- Commands ------------------------------------------------------------------------------

int threshold_command(core::CommandInput& in) {
  auto db = in.open_database();
  if (!db) return 1;
  auto s = set_support_threshold(*db, core::audit::Actor{}, in.integer("THRESHOLD"));
  if (!s) {
    *in.err << "goldthread: " << s.error().message << "\n";
    return 1;
  }
  *in.out << "Proposals now await an official answer at " << in.value("THRESHOLD") << " supports\n";
  return 0;
}

int generate_command(core::CommandInput& in) {
  auto db = in.open_database();
  if (!db) return 1;
  auto r = generate_proposals(*db, int(in.integer("--proposals", 100000)), int(in.integer("--supports", 0)),
                              std::uint32_t(in.integer("--seed", 42)));
  if (!r) {
    *in.err << "goldthread: " << r.error().message << "\n";
    return 1;
  }
  *in.out << "Generated " << r->proposals << " proposals";
  if (r->supports)
    *in.out << " and " << r->supports << " supports in " << r->support_seconds << " s ("
            << (r->support_seconds > 0 ? r->supports / r->support_seconds : 0) << " supports/s, each committed)";
  *in.out << "\n";
  return 0;
}

}  // namespace

void register_proposals(core::Registry& r) {
  using core::Access;
  using core::Role;
  core::comments::attach("proposal", [](core::Connection& c, std::int64_t id) -> std::optional<core::comments::Target> {
    auto p = proposal_store::find(c, id);
    if (!p) return std::nullopt;
    return core::comments::Target{p->title, "/proposals/" + p->slug};
  });
  r.add_route("GET", "/proposals", Access::anyone(), proposals_index);
  r.add_route("GET", "/proposals/new", Access::signed_in(), new_proposal_page);
  r.add_route("POST", "/proposals", Access::signed_in(), create_proposal_handler);
  r.set_heavy("POST", "/proposals");
  r.add_route("GET", "/proposals/{ref}", Access::anyone(), proposal_page);
  r.add_route("POST", "/proposals/{ref}/support", Access::signed_in(), support_handler);
  r.add_route("POST", "/proposals/{ref}/withdraw", Access::signed_in(), withdraw_handler);
  r.add_route("GET", "/proposals/{ref}/answer", Access::any_of({Role::partner_member, Role::place_admin}), answer_page);
  r.add_route("POST", "/proposals/{ref}/answer", Access::any_of({Role::partner_member, Role::place_admin}),
              answer_handler);
  r.set_heavy("POST", "/proposals/{ref}/answer");
  r.add_section_link({.section = "take-part",
                      .key = "proposals",
                      .label = "Ideas and proposals",
                      .href = "/proposals",
                      .description = "Suggest an idea for the place and support other people's: with enough "
                                     "supports, a proposal gets an official answer.",
                      .order = 50});
  r.add_command_group({{"proposals"}, "Manage proposals"});
  r.add_command({{"proposals", "threshold"},
                 "Set the number of supports after which a proposal awaits an official answer",
                 {core::CommandArg::positional("THRESHOLD", "Supports needed (1 to 10,000,000; default 50)")},
                 threshold_command});
  r.add_command({{"generate-proposals"},
                 "Generate benchmark proposals and supports (bench/engagement)",
                 {core::CommandArg::number("--proposals", "Proposals to generate", "100000"),
                  core::CommandArg::number("--supports", "Supports to add through the service, timed", "0"),
                  core::CommandArg::number("--seed", "Random seed", "42")},
                 generate_command});
  r.add_person_redaction(
      [](core::Connection& c, const core::RedactedPerson& p) { redact_proposal_author(c, p.user_id); });
  core::add_contribution_remover("proposals", remove_proposals_of);
  r.add_seed([](core::Database& db, const std::string&) -> core::Result<core::SeedReport> {
    auto n = seed_example_proposals(db);
    if (!n) return n.error();
    core::SeedReport rep;
    rep.created = *n;
    if (*n > 0) rep.summary = "Added " + std::to_string(*n) + " example proposal(s)";
    return rep;
  });
}

}  // namespace goldthread::engagement
