// Consultation services: each opens its transaction, validates once, writes, audits, and
// (opening) publishes "consultation-opened" and indexes the consultation for search.
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "core/notifications.hpp"
#include "core/search.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "engagement/consultation.hpp"
#include "work/work.hpp"

namespace goldthread::engagement {
namespace {
using nlohmann::json;

std::string audit_json(const Consultation& x) {
  return core::audit::to_text(json{{"title", x.title},
                                   {"slug", x.slug},
                                   {"opens_on", x.opens_on},
                                   {"closes_on", x.closes_on},
                                   {"organisation_id", x.organisation_id}});
}

// A notice about a consultation for its followers and those of its ambitions and organisation,
// tagged for the public stream with its ambitions and areas.
core::notifications::Notice notice_of(const Consultation& x, const std::string& kind, std::string title) {
  core::notifications::Notice n{"consultation", x.id, kind, std::move(title), "/consultations/" + x.slug};
  n.summary = x.summary;
  for (auto a : x.ambition_ids) {
    n.tags.push_back("ambition:" + std::to_string(a));
    n.also.push_back({"ambition", a});
  }
  for (const auto& a : x.area_codes) n.tags.push_back("area:" + a);
  if (x.organisation_id) n.also.push_back({"organisation", x.organisation_id});
  return n;
}

// YYYY-MM-DD plus `days` days ("" for a date that does not parse).
std::string plus_days(const std::string& iso, int days) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return "";
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return "";
  std::chrono::year_month_day r{std::chrono::sys_days{ymd} + std::chrono::days{days}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(r.year()), static_cast<unsigned>(r.month()),
                static_cast<unsigned>(r.day()));
  return buf;
}

std::vector<core::FieldError> validate(const ConsultationInput& in) {
  std::vector<core::FieldError> e;
  if (in.title.empty()) e.push_back({"title", "Enter a title"});
  if (in.summary.empty()) e.push_back({"summary", "Enter a summary"});
  if (auto p = work::markdown_problem(in.description, "Description")) e.push_back({"description", *p});
  if (in.opens_on.empty()) e.push_back({"opens_on", "Enter the date it opens"});
  if (in.closes_on.empty()) e.push_back({"closes_on", "Enter the date it closes"});
  if (!in.opens_on.empty() && !in.closes_on.empty() && in.closes_on < in.opens_on)
    e.push_back({"closes_on", "The closing date must be the same as or after the opening date"});
  parse_documents(in.documents, e);
  auto s = parse_survey(in.survey);
  if (!s)
    e.push_back({"survey", s.error().message});
  else if (s->empty())
    e.push_back({"survey", "Enter at least one question"});
  return e;
}

std::string documents_text(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

bool can_open_consultation(const core::Principal& p, std::int64_t organisation_id) {
  if (p.has(core::Role::place_admin) || p.has(core::Role::site_admin)) return true;
  return organisation_id != 0 && accounts::is_member(p, organisation_id);
}

bool can_manage(const core::Principal& p, const Consultation& x) {
  return p.signed_in() && can_open_consultation(p, x.organisation_id);
}

core::Result<Consultation> open_consultation_in(core::Connection& c, const core::audit::Actor& actor,
                                                const ConsultationInput& in) {
  auto errors = validate(in);
  if (!errors.empty()) return core::Error::invalid("Check the consultation's details", errors);
  Consultation x;
  x.title = in.title;
  x.summary = in.summary;
  x.description = in.description;
  x.description_html = work::render_markdown(in.description).value_or("");
  x.documents = documents_text(in.documents);
  x.survey = in.survey;
  x.opens_on = in.opens_on;
  x.closes_on = in.closes_on;
  x.organisation_id = in.organisation_id;
  x.created_by = actor.user_id;
  x.is_example = in.is_example;
  x.ambition_ids = in.ambition_ids;
  x.area_codes = in.area_codes;
  x.slug = core::unique_slug(in.title, "consultation", [&](const std::string& s) { return store::slug_taken(c, s); });
  x.id = store::insert_consultation(c, x);
  core::audit::record(c, actor, {"create", "consultation", std::to_string(x.id), "", audit_json(x)});
  core::search::index(c, "consultation", x.id, x.title, x.summary + "\n\n" + x.description, "/consultations/" + x.slug);
  auto n = notice_of(x, "consultation-opened", "New consultation: " + x.title);
  n.actor_user_id = actor.user_id;
  core::notifications::publish(c, n);
  return x;
}

core::Result<Consultation> open_consultation(core::Database& db, const core::audit::Actor& actor,
                                             const ConsultationInput& in) {
  return core::transact<Consultation>(db, "A consultation with this title was opened at the same moment: try again",
                                      [&](core::Connection& c) { return open_consultation_in(c, actor, in); });
}

core::Result<Response_> save_answers(core::Database& db, const core::audit::Actor& actor, const Consultation& x,
                                     Answers answers, bool anonymous, const std::string& area_code, bool final,
                                     const std::string& today) {
  if (x.state(today) != "open") return core::Error::invalid("This consultation is not open for answers");
  auto survey = parse_survey(x.survey);
  if (!survey) return core::Error::invalid("This consultation's survey cannot be answered");
  auto errors = check_answers(*survey, answers, final);
  if (!errors.empty()) return core::Error::invalid("Check your answers", errors);
  return core::transact<Response_>(
      db, "You have already answered this consultation", [&](core::Connection& c) -> core::Result<Response_> {
        auto r = store::try_response(c, x.id, actor.user_id).value_or(Response_{});
        if (r.status == "submitted") return core::Error::conflict("You have already answered this consultation");
        bool created = r.id == 0;
        r.consultation_id = x.id;
        r.user_id = actor.user_id;
        r.answers = std::move(answers);
        r.anonymous = anonymous;
        r.area_code = area_code;
        r.status = final ? "submitted" : "draft";
        store::save_response(c, r);
        if (final) store::insert_answers(c, r, *survey);
        core::audit::record(
            c, actor,
            {final ? "submit" : (created ? "create" : "update"), "consultation_response", std::to_string(r.id), "",
             core::audit::to_text(json{{"title", x.title},
                                       {"consultation_slug", x.slug},
                                       {"status", r.status},
                                       {"anonymous", r.anonymous}})});
        return r;
      });
}

core::Status moderate_answer(core::Database& db, const core::audit::Actor& actor, const Consultation& x,
                             std::int64_t answer_id, const std::string& decision) {
  if (decision != "approved" && decision != "rejected") return core::Error::invalid("Choose approve or reject");
  return core::transact<core::Unit>(db, "Try again", [&](core::Connection& c) -> core::Result<core::Unit> {
    if (!store::moderate(c, x.id, answer_id, decision))
      return core::Error::not_found("There is no such answer to moderate");
    core::audit::record(
        c, actor,
        {decision == "approved" ? "approve" : "reject", "consultation_answer", std::to_string(answer_id), "",
         core::audit::to_text(json{{"title", x.title}, {"consultation_slug", x.slug}})});
    return core::Unit{};
  });
}

core::Status publish_outcome(core::Database& db, const core::audit::Actor& actor, const Consultation& x,
                             const std::string& said, const std::string& did, const std::string& today) {
  std::vector<core::FieldError> e;
  if (x.state(today) != "closed")
    return core::Error::invalid("\"We asked, you said, we did\" is published once the consultation has closed");
  if (said.empty())
    e.push_back({"you_said", "Enter what people said"});
  else if (auto p = work::markdown_problem(said, "You said"))
    e.push_back({"you_said", *p});
  if (did.empty())
    e.push_back({"we_did", "Enter what was done"});
  else if (auto p = work::markdown_problem(did, "We did"))
    e.push_back({"we_did", *p});
  if (!e.empty()) return core::Error::invalid("Check \"We asked, you said, we did\"", e);
  auto html = "<h3 class=\"govuk-heading-s\">You said</h3>" + work::render_markdown(said).value_or("") +
              "<h3 class=\"govuk-heading-s\">We did</h3>" + work::render_markdown(did).value_or("");
  return core::transact<core::Unit>(db, "Try again", [&](core::Connection& c) -> core::Result<core::Unit> {
    store::update_outcome(c, x.id, said, did, html, core::now_utc());
    core::audit::record(
        c, actor,
        {"publish", "consultation", std::to_string(x.id),
         core::audit::to_text(
             json{{"title", x.title}, {"slug", x.slug}, {"you_said", x.you_said}, {"we_did", x.we_did}}),
         core::audit::to_text(json{{"title", x.title}, {"slug", x.slug}, {"you_said", said}, {"we_did", did}})});
    return core::Unit{};
  });
}

int announce_closing(core::Database& db, const std::string& today, int days) {
  auto until = plus_days(today, days);
  if (until.empty()) return 0;
  std::vector<Consultation> due;
  {
    auto conn = db.acquire();
    due = store::closing_unannounced(*conn, today, until);
  }
  int announced = 0;
  for (const auto& x : due) {
    auto r = core::transact<bool>(db, "Try again", [&](core::Connection& c) -> core::Result<bool> {
      if (!store::mark_closing_announced(c, x.id, today)) return false;  // another run announced it
      core::audit::record(c, core::audit::Actor{},
                          {"announce-closing", "consultation", std::to_string(x.id), "", audit_json(x)});
      core::notifications::publish(
          c, notice_of(x, "consultation-closing",
                       "Closing soon: " + x.title + " (closes " + core::display_date(x.closes_on) + ")"));
      return true;
    });
    if (r && *r) ++announced;
  }
  return announced;
}

}  // namespace goldthread::engagement
