// Opening a consultation, its results and exports, moderation of free-text answers and
// "we asked, you said, we did"; the bundled example consultation.
#include <algorithm>
#include <memory>
#include <nlohmann/json_fwd.hpp>

#include "accounts/accounts.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/registry.hpp"
#include "core/seed.hpp"
#include "core/service.hpp"
#include "core/streaming.hpp"
#include "core/text.hpp"
#include "engagement/consultation_views.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::engagement {
namespace {
using core::Response;

constexpr int kExportBatch = 500;

Response forbidden(core::Context& ctx) {
  return core::error_page(ctx, 403, "You cannot do this",
                          "Only place administrators and members of the organisation that opened this consultation "
                          "can do this.");
}

std::optional<ConsultationView> load(core::Context& ctx, core::Connection& c) {
  auto x = store::try_find(c, ctx.param("slug"));
  if (!x) return std::nullopt;
  ConsultationView v;
  v.x = *x;
  v.today = today_iso();
  v.survey = survey_of(*x);
  return v;
}

// --- Opening one ---------------------------------------------------------------------------
void fill_options(core::Context& ctx, core::Connection& c, FormView& v) {
  if (const auto& place = places::current_place(ctx, c)) {
    for (const auto& a : places::list_ambitions(c, place->id))
      v.ambition_options.push_back({std::to_string(a.id), a.title});
    for (const auto& a : places::list_areas(c, place->id)) v.area_options.push_back({a.code, a.name});
  }
  if (ctx.principal.has(core::Role::place_admin))
    v.acting_for.push_back({"0", "The partnership (place administrators)"});
  for (const auto& m : ctx.principal.memberships)
    v.acting_for.push_back({std::to_string(m.organisation_id), m.organisation_name});
}

Response show_form(core::Context& ctx, FormView& v, const core::Error* err, int status) {
  {
    auto conn = ctx.db().acquire();
    fill_options(ctx, *conn, v);
  }
  return core::render_page(ctx, {.template_name = "engagement/consultation_form",
                                 .title = "Open a consultation",
                                 .crumbs = {{"Home", "/"}, {"Consultations", "/consultations"}},
                                 .status = status,
                                 .resource = [&](nlohmann::json& j) { form_model(j, v, err); },
                                 .screen = [&](nlohmann::json& j) { form_model(j, v, err); }});
}

bool may_open_any(const core::Principal& p) {
  return p.has(core::Role::place_admin) || p.has(core::Role::site_admin) || !p.memberships.empty();
}

Response new_page(core::Context& ctx) {
  if (!may_open_any(ctx.principal)) return forbidden(ctx);
  FormView v;
  return show_form(ctx, v, nullptr, 200);
}

Response create_handler(core::Context& ctx) {
  if (!may_open_any(ctx.principal)) return forbidden(ctx);
  core::Form f(ctx);
  FormView v;
  auto& in = v.in;
  in.title = f.text("title", "Title", kMaxConsultationTitle);
  in.summary = f.paragraph("summary", "Summary", kMaxConsultationSummary);
  in.description = f.paragraph("description", "Description", kMaxConsultationDescription);
  for (const auto& id : f.values("ambitions", "Ambitions", 50, 20))
    if (auto n = core::parse_id(id)) in.ambition_ids.push_back(*n);
  in.area_codes = f.values("areas", "Areas", 200, 9);
  in.opens_on = f.date("opens_on", "Opening date");
  in.closes_on = f.date("closes_on", "Closing date");
  in.documents = f.lines("documents", "Linked documents", kMaxDocuments, kMaxDocumentLine);
  in.survey = f.paragraph("survey", "Survey", kMaxQuestions * kMaxQuestionLine);
  in.is_example = f.flag("is_example");
  // "0" (or nothing): the place's administrators; otherwise an organisation the person belongs to.
  auto acting = f.text("acting_for", "Opened by", 20);
  std::int64_t org = acting.empty() || acting == "0" ? 0 : core::parse_id(acting).value_or(-1);
  in.organisation_id = org;
  v.opens_day = f.text("opens_on-day", "Day", 4);
  v.opens_month = f.text("opens_on-month", "Month", 4);
  v.opens_year = f.text("opens_on-year", "Year", 6);
  v.closes_day = f.text("closes_on-day", "Day", 4);
  v.closes_month = f.text("closes_on-month", "Month", 4);
  v.closes_year = f.text("closes_on-year", "Year", 6);
  if (org < 0 || !can_open_consultation(ctx.principal, org))
    f.error("acting_for", "Select who is opening the consultation");
  {
    auto conn = ctx.db().acquire();
    FormView opts;
    fill_options(ctx, *conn, opts);
    for (auto a : in.ambition_ids)
      if (std::none_of(opts.ambition_options.begin(), opts.ambition_options.end(),
                       [&](const auto& o) { return o.first == std::to_string(a); }))
        f.error("ambitions", "Select ambitions from the list");
    for (const auto& a : in.area_codes)
      if (std::none_of(opts.area_options.begin(), opts.area_options.end(), [&](const auto& o) { return o.first == a; }))
        f.error("areas", "Select areas from the list");
  }
  f.field("survey");
  if (!f.ok()) {
    auto err = f.invalid("Check the consultation's details");
    return show_form(ctx, v, &err, 400);
  }
  auto r = open_consultation(ctx.db(), consultation_actor(ctx, org), in);
  if (!r) {
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
    auto err = f.invalid("Check the consultation's details");
    return show_form(ctx, v, &err, 400);
  }
  return Response::redirect("/consultations/" + r->slug + "?saved=opened");
}

// --- Results and exports -------------------------------------------------------------------
Response results_page(core::Context& ctx) {
  ResultsView v;
  {
    auto conn = ctx.db().acquire();
    auto cv = load(ctx, *conn);
    if (!cv) return consultation_not_found(ctx);
    v.c = std::move(*cv);
    v.results = store::results(*conn, v.c.x, v.c.survey);
    if (!v.results.areas.empty()) {
      std::vector<places::Area> areas;
      if (const auto& place = places::current_place(ctx, *conn)) areas = places::list_areas(*conn, place->id);
      for (auto& a : v.results.areas)
        for (const auto& p : areas)
          if (p.code == a.area_code) a.area_name = p.name;
    }
  }
  v.can_manage = can_manage(ctx.principal, v.c.x);
  return core::render_page(
      ctx,
      {.template_name = "engagement/consultation_results",
       .title = "Results: " + v.c.x.title,
       .crumbs = {{"Home", "/"}, {"Consultations", "/consultations"}, {v.c.x.title, "/consultations/" + v.c.x.slug}},
       .resource = [&](nlohmann::json& j) { to_json(j, v); },
       .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
}

std::map<std::int64_t, std::string> names_of(core::Connection& c, const std::vector<Response_>& batch) {
  std::vector<std::int64_t> ids;
  for (const auto& r : batch)
    if (!r.anonymous) ids.push_back(r.user_id);
  std::map<std::int64_t, std::string> out;
  for (const auto& [id, p] : accounts::people_by_id(c, ids)) out[id] = p.name;
  return out;
}

// Responses in keyset batches of kExportBatch, streamed (core/streaming.hpp): memory held is
// one batch, however many answered, and each batch is its own short read with its names.
Response export_responses(core::Context& ctx, bool csv) {
  std::optional<ConsultationView> v;
  {
    auto conn = ctx.db().acquire();
    v = load(ctx, *conn);
  }
  if (!v) return consultation_not_found(ctx);
  if (!can_manage(ctx.principal, v->x)) return forbidden(ctx);
  auto survey = std::make_shared<const std::vector<Question>>(v->survey);
  // The names of the batch just read, for the write that follows it (the same piece).
  auto names = std::make_shared<std::map<std::int64_t, std::string>>();
  core::RowPages<Response_> pages;
  pages.page_size = kExportBatch;
  pages.head = csv ? export_csv_header(*survey) : "{\"consultation\":\"" + v->x.slug + "\",\"responses\":[\n";
  pages.read = [id = v->x.id, names](core::Connection& c, const Response_* after, std::size_t limit) {
    auto batch = store::submitted_after(c, id, after ? after->id : 0, static_cast<int>(limit));
    *names = names_of(c, batch);
    return batch;
  };
  pages.write = [csv, survey, names](std::string& out, const std::vector<Response_>& batch, bool first) {
    out += csv ? export_csv_rows(*survey, batch, *names) : export_json_items(*survey, batch, *names, first);
  };
  if (!csv) pages.tail = [](std::string& out, std::size_t) { out += "\n]}\n"; };
  auto res = core::stream_rows(csv ? "text/csv; charset=utf-8" : "application/json", ctx.db(), std::move(pages));
  res.headers.set("Content-Disposition",
                  "attachment; filename=\"consultation-" + v->x.slug + (csv ? ".csv\"" : ".json\""));
  return res;
}
Response export_csv(core::Context& ctx) {
  return export_responses(ctx, true);
}
Response export_json(core::Context& ctx) {
  return export_responses(ctx, false);
}

// --- Moderation ----------------------------------------------------------------------------
bool can_moderate(const core::Principal& p, const Consultation& x) {
  return can_manage(p, x) || p.has(core::Role::moderator);
}

Response moderate_page_with(core::Context& ctx, const std::string& banner) {
  std::optional<ConsultationView> v;
  std::vector<PendingText> pending;
  {
    auto conn = ctx.db().acquire();
    v = load(ctx, *conn);
    if (!v) return consultation_not_found(ctx);
    if (!can_moderate(ctx.principal, v->x)) return forbidden(ctx);
    pending = store::pending_text(*conn, v->x.id, 50);
  }
  return core::render_page(
      ctx, {.template_name = "engagement/consultation_moderate",
            .title = "Moderate answers: " + v->x.title,
            .crumbs = {{"Home", "/"}, {"Consultations", "/consultations"}, {v->x.title, "/consultations/" + v->x.slug}},
            .resource = [&](nlohmann::json& j) { moderate_model(j, *v, pending, banner); },
            .screen = [&](nlohmann::json& j) { moderate_model(j, *v, pending, banner); }});
}

Response moderate_page(core::Context& ctx) {
  auto saved = ctx.query("saved").value_or("");
  return moderate_page_with(ctx, saved == "approved"   ? "Answer approved: it is shown in the results"
                                 : saved == "rejected" ? "Answer rejected: it is not shown"
                                                       : "");
}

Response moderate_submit(core::Context& ctx) {
  std::optional<ConsultationView> v;
  {
    auto conn = ctx.db().acquire();
    v = load(ctx, *conn);
  }
  if (!v) return consultation_not_found(ctx);
  if (!can_moderate(ctx.principal, v->x)) return forbidden(ctx);
  core::Form f(ctx);
  auto id = f.id("answer_id", "Select an answer");
  auto decision = f.text("decision", "Decision", 20);
  if (!f.ok() || id == 0) return core::error_response(ctx, f.invalid("Choose approve or reject for an answer"));
  auto r = moderate_answer(ctx.db(), consultation_actor(ctx, 0), v->x, id, decision);
  if (!r) return core::error_response(ctx, r.error());
  return Response::redirect("/consultations/" + v->x.slug + "/moderate?saved=" + decision);
}

// --- We asked, you said, we did ------------------------------------------------------------
Response outcome_form(core::Context& ctx, const ConsultationView& v, const std::string& said, const std::string& did,
                      const core::Error* err, int status) {
  return core::render_page(
      ctx, {.template_name = "engagement/consultation_outcome",
            .title = "We asked, you said, we did: " + v.x.title,
            .crumbs = {{"Home", "/"}, {"Consultations", "/consultations"}, {v.x.title, "/consultations/" + v.x.slug}},
            .status = status,
            .resource = [&](nlohmann::json& j) { outcome_model(j, v, said, did, err); },
            .screen = [&](nlohmann::json& j) { outcome_model(j, v, said, did, err); }});
}

Response outcome_page(core::Context& ctx) {
  std::optional<ConsultationView> v;
  {
    auto conn = ctx.db().acquire();
    v = load(ctx, *conn);
  }
  if (!v) return consultation_not_found(ctx);
  if (!can_manage(ctx.principal, v->x)) return forbidden(ctx);
  return outcome_form(ctx, *v, v->x.you_said, v->x.we_did, nullptr, 200);
}

Response outcome_submit(core::Context& ctx) {
  std::optional<ConsultationView> v;
  {
    auto conn = ctx.db().acquire();
    v = load(ctx, *conn);
  }
  if (!v) return consultation_not_found(ctx);
  if (!can_manage(ctx.principal, v->x)) return forbidden(ctx);
  core::Form f(ctx);
  auto said = f.paragraph("you_said", "You said", kMaxOutcome);
  auto did = f.paragraph("we_did", "We did", kMaxOutcome);
  if (f.ok()) {
    auto r = publish_outcome(ctx.db(), consultation_actor(ctx, v->x.organisation_id), v->x, said, did, v->today);
    if (r) return Response::redirect("/consultations/" + v->x.slug + "?saved=outcome");
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid("Check \"We asked, you said, we did\"");
  return outcome_form(ctx, *v, said, did, &err, 400);
}

// --- The bundled example -------------------------------------------------------------------
core::Result<core::SeedReport> seed_example(core::Database& db, const std::string&) {
  core::SeedReport rep;
  auto conn = db.acquire();
  if (store::slug_taken(*conn, "example-getting-around-essex")) {
    rep.unchanged = 1;
    return rep;
  }
  auto place = places::try_current_place(*conn);
  if (!place) return rep;
  ConsultationInput in;
  in.title = "Example: Getting around Essex";
  in.summary =
      "An example consultation, so you can see how answering works. Tell us how you travel and what "
      "would help.";
  in.description =
      "This is an **example** consultation bundled with goldthread. Answers to it are real answers "
      "stored in this installation, but no partner has asked these questions.";
  in.survey =
      "single* | Do you use buses in Essex? | Yes; No\n"
      "long | What would make buses better for you? | | if 1 = Yes\n"
      "multiple | How else do you travel? | Walking; Cycling; Car; Train\n"
      "scale | How easy is it to get to work, school or services? | Very hard; Hard; Neither; Easy; Very easy\n"
      "ranking | Rank what matters most | Cost; Reliability; Safety\n";
  in.opens_on = "2026-01-01";
  in.closes_on = "2099-12-31";
  in.is_example = true;
  in.documents = {
      "Essex Local Transport Plan | https://www.essexhighways.org/transport-and-roads/local-transport-plan"};
  for (const auto& a : places::list_areas(*conn, place->id))
    if (a.parent_code.empty()) in.area_codes.push_back(a.code);
  auto slugged = in;
  auto r = core::transact<Consultation>(*conn, "example already there",
                                        [&] { return open_consultation_in(*conn, core::audit::Actor{}, slugged); });
  if (!r) return core::Error::invalid("could not seed the example consultation: " + r.error().message);
  rep.created = 1;
  rep.summary = "Seeded the example consultation " + r->slug;
  return rep;
}

}  // namespace

void register_consultation_admin(core::Registry& r) {
  using core::Access;
  r.add_route("GET", "/consultations/new", Access::signed_in(), new_page);
  r.add_route("POST", "/consultations", Access::signed_in(), create_handler);
  r.set_heavy("POST", "/consultations");
  r.add_route("GET", "/consultations/{slug}/results", Access::anyone(), results_page);
  r.add_route("GET", "/consultations/{slug}/responses.csv", Access::signed_in(), export_csv);
  r.add_route("GET", "/consultations/{slug}/responses.json", Access::signed_in(), export_json);
  r.add_route("GET", "/consultations/{slug}/moderate", Access::signed_in(), moderate_page);
  r.add_route("POST", "/consultations/{slug}/moderate", Access::signed_in(), moderate_submit);
  r.add_route("GET", "/consultations/{slug}/outcome", Access::signed_in(), outcome_page);
  r.add_route("POST", "/consultations/{slug}/outcome", Access::signed_in(), outcome_submit);
  r.set_heavy("POST", "/consultations/{slug}/outcome");
  r.add_seed(seed_example);
}

}  // namespace goldthread::engagement
