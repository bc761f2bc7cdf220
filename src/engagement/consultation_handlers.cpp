// Consultation pages: the list, a consultation, the survey (save a draft, come back, submit
// once), results, exports, moderation of free text, "we asked, you said, we did", and the
// form that opens one. Handlers parse with core::Form, call one service, render afterwards.
#include <algorithm>
#include <nlohmann/json_fwd.hpp>

#include "accounts/accounts.hpp"
#include "core/abuse.hpp"
#include "core/command.hpp"
#include "core/comments.hpp"
#include "core/contributions.hpp"
#include "core/follows.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/registry.hpp"
#include "core/text.hpp"
#include "engagement/consultation_views.hpp"
#include "engagement/engagement.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::engagement {

core::audit::Actor consultation_actor(core::Context& ctx, std::int64_t organisation_id) {
  return core::audit::Actor::from(ctx.principal, organisation_id, ctx.request().request_id);
}

core::Response consultation_not_found(core::Context& ctx) {
  return core::error_page(ctx, 404, "Page not found", "There is no consultation at this address.");
}
namespace {
using core::Response;

const std::vector<core::Crumb> kCrumbs = {{"Home", "/"}, {"Consultations", "/consultations"}};

std::vector<places::Area> place_areas(core::Context& ctx, core::Connection& c) {
  const auto& place = places::current_place(ctx, c);
  return place ? places::list_areas(c, place->id) : std::vector<places::Area>{};
}
std::vector<places::Ambition> place_ambitions(core::Context& ctx, core::Connection& c) {
  const auto& place = places::current_place(ctx, c);
  return place ? places::list_ambitions(c, place->id) : std::vector<places::Ambition>{};
}

std::vector<std::pair<std::string, std::string>> area_options(const std::vector<places::Area>& areas) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& a : areas) out.push_back({a.code, a.name});
  return out;
}

// Loads a consultation with what its pages name (ambitions, areas, organisation).
std::optional<ConsultationView> load_view(core::Context& ctx, core::Connection& c) {
  auto x = store::try_find(c, ctx.param("slug"));
  if (!x) return std::nullopt;
  ConsultationView v;
  v.x = *x;
  v.today = today_iso();
  v.survey = survey_of(*x);
  std::vector<core::FieldError> ignored;
  std::vector<std::string> lines;
  std::string line;
  for (char ch : x->documents) {
    if (ch == '\n') {
      if (!line.empty()) lines.push_back(line);
      line.clear();
    } else {
      line += ch;
    }
  }
  v.documents = parse_documents(lines, ignored);
  for (const auto& a : place_ambitions(ctx, c))
    if (std::find(x->ambition_ids.begin(), x->ambition_ids.end(), a.id) != x->ambition_ids.end())
      v.ambitions.push_back({std::to_string(a.id), a.title});
  for (const auto& a : place_areas(ctx, c))
    if (std::find(x->area_codes.begin(), x->area_codes.end(), a.code) != x->area_codes.end())
      v.areas.push_back({a.code, a.name});
  if (x->organisation_id)
    if (auto o = partners::try_find_organisation(c, x->organisation_id)) v.organisation_name = o->name;
  return v;
}

// --- The list ------------------------------------------------------------------------------
Response list_page(core::Context& ctx) {
  ListView v;
  v.today = today_iso();
  auto conn = ctx.db().acquire();
  v.filter.state = ctx.query("state").value_or("") == "closed" ? "closed" : "";
  v.filter.page = core::page_param(ctx);
  v.ambition_slug = ctx.query("ambition").value_or("");
  v.area_code = ctx.query("area").value_or("");
  for (const auto& a : place_ambitions(ctx, *conn)) {
    v.ambition_options.push_back({a.slug, a.title});
    if (a.slug == v.ambition_slug) v.filter.ambition_id = a.id;
  }
  auto areas = place_areas(ctx, *conn);
  v.area_options = area_options(areas);
  std::vector<core::FieldError> errors;
  if (!v.ambition_slug.empty() && !v.filter.ambition_id)
    errors.push_back({"ambition", "Select an ambition from the list"});
  if (!v.area_code.empty()) {
    if (std::none_of(areas.begin(), areas.end(), [&](const auto& a) { return a.code == v.area_code; }))
      errors.push_back({"area", "Select an area from the list"});
    v.filter.area_code = v.area_code;
  }
  if (!errors.empty()) return core::error_response(ctx, core::Error::invalid("Check the filters", errors));
  for (const auto& [k, val] : std::vector<std::pair<std::string, std::string>>{
           {"state", v.filter.state}, {"ambition", v.ambition_slug}, {"area", v.area_code}})
    if (!val.empty()) v.query += (v.query.empty() ? "?" : "&") + k + "=" + core::url_encode(val);
  v.page = store::list(*conn, v.filter, v.today);
  v.can_open = can_open_consultation(ctx.principal, 0) || !ctx.principal.memberships.empty();
  std::string title = v.filter.state == "closed" ? "Closed consultations" : "Consultations";
  if (v.filter.page > 1) title += " (page " + std::to_string(v.filter.page) + ")";
  return core::render_page(ctx, {.template_name = "engagement/consultations",
                                 .title = title,
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
}

// --- One consultation ----------------------------------------------------------------------
Response consultation_page(core::Context& ctx) {
  std::optional<ConsultationView> v;
  ConsultationScreen s;
  {
    auto conn = ctx.db().acquire();
    v = load_view(ctx, *conn);
    if (v && ctx.principal.signed_in() && !ctx.wants_json())
      if (auto r = store::try_response(*conn, v->x.id, ctx.principal.user_id)) s.response_status = r->status;
    if (v && !ctx.wants_json()) s.comments_html = core::comments::thread_html(ctx, *conn, "consultation", v->x.id);
    if (v && ctx.principal.signed_in() && !ctx.wants_json())
      s.following = core::follows::is_following(*conn, "consultation", v->x.id, ctx.principal.user_id);
  }
  if (!v) return consultation_not_found(ctx);
  s.can_manage = can_manage(ctx.principal, v->x);
  s.signed_in = ctx.principal.signed_in();
  auto saved = ctx.query("saved").value_or("");
  if (saved == "submitted") s.banner = "Thank you: your answers have been sent";
  if (saved == "outcome") s.banner = "\"We asked, you said, we did\" published";
  if (saved == "opened") s.banner = "Consultation opened";
  if (ctx.query("followed"))
    s.banner = "You are following this consultation: what happens here reaches your notifications";
  if (ctx.query("unfollowed")) s.banner = "You have stopped following this consultation";
  return core::render_page(ctx, {.template_name = "engagement/consultation",
                                 .title = v->x.title,
                                 .crumbs = kCrumbs,
                                 .resource = [&](nlohmann::json& j) { to_json(j, *v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, *v, s); }});
}

// --- Answering -----------------------------------------------------------------------------
// Why a person may not answer now, or nothing.
std::optional<Response> refuse_answering(core::Context& ctx, const ConsultationView& v) {
  auto state = v.x.state(v.today);
  if (state != "open")
    return core::error_page(ctx, 403,
                            state == "closed" ? "This consultation has closed" : "This consultation is not open yet",
                            state == "closed" ? "It closed on " + core::display_date(v.x.closes_on) + "."
                                              : "It opens on " + core::display_date(v.x.opens_on) + ".");
  if (!accounts::email_verified(ctx.db(), ctx.principal.user_id))
    return core::render_page(ctx, {.template_name = "engagement/consultation_verify",
                                   .title = "Confirm your e-mail address first",
                                   .crumbs = kCrumbs,
                                   .status = 403,
                                   .resource = [&](nlohmann::json& j) { verify_model(j, v); },
                                   .screen = [&](nlohmann::json& j) { verify_model(j, v); }});
  return std::nullopt;
}

Response respond_form(core::Context& ctx, RespondView& v, const core::Error* err, int status) {
  return core::render_page(
      ctx,
      {.template_name = "engagement/consultation_respond",
       .title = "Answer: " + v.c.x.title,
       .crumbs = {{"Home", "/"}, {"Consultations", "/consultations"}, {v.c.x.title, "/consultations/" + v.c.x.slug}},
       .status = status,
       .resource = [&](nlohmann::json& j) { respond_model(j, v, err); },
       .screen = [&](nlohmann::json& j) { respond_model(j, v, err); }});
}

Response already_answered(core::Context& ctx, const Consultation& x) {
  return core::error_page(ctx, 409, "You have already answered",
                          "You answered \"" + x.title +
                              "\". Each person answers once. See the results at /consultations/" + x.slug + "/results");
}

Response respond_page(core::Context& ctx) {
  RespondView v;
  {
    auto conn = ctx.db().acquire();
    auto cv = load_view(ctx, *conn);
    if (!cv) return consultation_not_found(ctx);
    v.c = std::move(*cv);
    if (auto r = store::try_response(*conn, v.c.x.id, ctx.principal.user_id)) {
      if (r->status == "submitted") return already_answered(ctx, v.c.x);
      v.answers = r->answers;
      v.anonymous = r->anonymous;
      v.area_code = r->area_code;
    } else {
      v.area_code = accounts::area_of(*conn, ctx.principal.user_id);  // the account's area to start with (14.6)
    }
    v.area_options = area_options(place_areas(ctx, *conn));
  }
  if (auto refuse = refuse_answering(ctx, v.c)) return *refuse;
  if (ctx.query("saved").value_or("") == "draft")
    v.banner =
        "Your answers are saved. You can come back and finish before " + core::display_date(v.c.x.closes_on) + ".";
  return respond_form(ctx, v, nullptr, 200);
}

Response respond_submit(core::Context& ctx) {
  RespondView v;
  {
    auto conn = ctx.db().acquire();
    auto cv = load_view(ctx, *conn);
    if (!cv) return consultation_not_found(ctx);
    v.c = std::move(*cv);
    v.area_options = area_options(place_areas(ctx, *conn));
  }
  if (auto refuse = refuse_answering(ctx, v.c)) return *refuse;
  if (auto ok = core::abuse::check_honeypot(ctx); !ok) return core::error_response(ctx, ok.error());
  core::Form f(ctx);
  std::string free_text;
  for (const auto& q : v.c.survey) {
    auto field = "q" + std::to_string(q.number);
    if (q.free_text()) {
      auto t = q.kind == "short" ? f.text(field, "Question " + std::to_string(q.number), kMaxShortAnswer)
                                 : f.paragraph(field, "Question " + std::to_string(q.number), kMaxLongAnswer);
      if (!t.empty()) v.answers[q.number] = {t};
      free_text += t + "\n";
    } else if (q.kind == "ranking") {
      // One select per option: q<N>-<i> = its rank (1 = first).
      std::vector<std::pair<std::int64_t, std::string>> ranked;
      bool any = false, bad = false;
      for (std::size_t i = 0; i < q.options.size(); ++i) {
        auto rank =
            f.number(field + "-" + std::to_string(i + 1), "Rank", 1, static_cast<std::int64_t>(q.options.size()));
        if (rank) {
          any = true;
          ranked.push_back({*rank, q.options[i]});
        } else {
          bad = true;
        }
      }
      f.field(field);
      std::sort(ranked.begin(), ranked.end());
      if (std::adjacent_find(ranked.begin(), ranked.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }) != ranked.end())
        f.error(field, "Give each option of question " + std::to_string(q.number) + " a different rank");
      if (any) {
        std::vector<std::string> order;
        for (const auto& [rank, o] : ranked) order.push_back(o);
        v.answers[q.number] = order;  // fewer than the options when some were left unranked
      }
      (void)bad;
    } else {
      auto vals = f.values(field, "Question " + std::to_string(q.number), kMaxOptions, kMaxQuestionLine);
      if (!vals.empty()) v.answers[q.number] = vals;
    }
  }
  v.anonymous = f.flag("anonymous");
  v.area_code = f.text("area", "Area", 9);
  if (!v.area_code.empty() &&
      std::none_of(v.area_options.begin(), v.area_options.end(), [&](const auto& a) { return a.first == v.area_code; }))
    f.error("area", "Select your area from the list");
  bool final = f.text("action", "Action", 20) == "submit";
  if (!f.ok()) {
    auto err = f.invalid("Check your answers");
    return respond_form(ctx, v, &err, 400);
  }
  const core::abuse::Limit limit{"consultation-answer", 30, 120, std::chrono::minutes(10), "save answers"};
  if (auto ok = core::abuse::allow_write(ctx, limit, ctx.principal.user_id); !ok)
    return core::error_response(ctx, ok.error());
  // The same long free text pasted into several consultations is refused as a duplicate.
  bool check_text = final && core::utf8_length(core::trim(free_text)) >= 80;
  if (check_text)
    if (auto ok = core::abuse::check_duplicate(ctx, "consultation-answer", ctx.principal.user_id, free_text, "q1");
        !ok) {
      auto err = ok.error();
      return respond_form(ctx, v, &err, 400);
    }
  auto r =
      save_answers(ctx.db(), consultation_actor(ctx, 0), v.c.x, v.answers, v.anonymous, v.area_code, final, v.c.today);
  if (!r) {
    if (r.error().kind == core::ErrorKind::conflict) return already_answered(ctx, v.c.x);
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
    auto err = f.invalid("Check your answers");
    return respond_form(ctx, v, &err, 400);
  }
  if (check_text) core::abuse::remember_post(ctx, "consultation-answer", ctx.principal.user_id, free_text);
  if (ctx.wants_json())
    return core::resource_response(
        [&](nlohmann::json& j) {
          RespondView saved = v;
          saved.answers = r->answers;
          respond_model(j, saved, nullptr);
        },
        200);
  if (final) return Response::redirect("/consultations/" + v.c.x.slug + "?saved=submitted");
  return Response::redirect("/consultations/" + v.c.x.slug + "/respond?saved=draft");
}

// `goldthread consultations closing [--today YYYY-MM-DD] [--days N]`: run daily (issue 16.3).
int closing_command(core::CommandInput& in) {
  auto today = in.value("--today");
  if (today.empty()) today = today_iso();
  int days = 7;
  if (auto d = in.value("--days"); !d.empty()) {
    try {
      days = std::stoi(d);
    } catch (...) {
      days = -1;
    }
  }
  if (today.size() != 10 || days < 0 || days > 366) {
    *in.err << "goldthread: --today must be a date like 2026-12-01 and --days a number from 0 to 366\n";
    return 2;
  }
  auto db = in.open_database();
  if (!db) return 1;
  int n = announce_closing(*db, today, days);
  *in.out << "Consultations closing by " << today << " + " << days << " days: " << core::count_of(n, "announcement")
          << " made\n";
  return 0;
}

}  // namespace

void register_consultation_admin(core::Registry& r);  // consultation_admin.cpp

void register_consultations(core::Registry& r) {
  using core::Access;
  core::comments::attach("consultation",
                         [](core::Connection& c, std::int64_t id) -> std::optional<core::comments::Target> {
                           auto x = store::try_find_by_id(c, id);
                           if (!x) return std::nullopt;
                           return core::comments::Target{x->title, "/consultations/" + x->slug};
                         });
  r.add_route("GET", "/consultations", Access::anyone(), list_page);
  r.add_route("GET", "/consultations/{slug}", Access::anyone(), consultation_page);
  r.add_route("GET", "/consultations/{slug}/respond", Access::signed_in(), respond_page);
  r.add_route("POST", "/consultations/{slug}/respond", Access::signed_in(), respond_submit);
  r.add_section_link({.section = "take-part",
                      .key = "consultations",
                      .label = "Consultations",
                      .href = "/consultations",
                      .description = "Answer surveys about plans that affect you, and see what people said and what "
                                     "was done.",
                      .order = 40});
  r.add_person_redaction(
      [](core::Connection& c, const core::RedactedPerson& p) { store::redact_person(c, p.user_id, false); });
  // Removing an account's contributions deletes its answers too, so they stop counting (14.6).
  core::add_contribution_remover("consultation-answers", [](core::Connection& c, std::int64_t user_id) {
    store::redact_person(c, user_id, true);
  });
  r.add_command_group({{"consultations"}, "Consultations"});
  r.add_command({{"consultations", "closing"},
                 "Tell followers that a consultation closes within N days (once each; run daily)",
                 {core::CommandArg::option("--today", "The date to sweep for (YYYY-MM-DD; default: today, UTC)"),
                  core::CommandArg::option("--days", "How many days ahead counts as closing soon (default 7)")},
                 closing_command});
  register_consultation_admin(r);
}

}  // namespace goldthread::engagement
