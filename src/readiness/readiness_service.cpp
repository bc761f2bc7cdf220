// The readiness services: framework versions, rounds, answers and actions.
#include "readiness/readiness_service.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/service.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::readiness {
using nlohmann::json;

namespace {

bool is_link(const std::string& s) {
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool invited(const Round& r, const partners::Organisation* o) {
  if (r.invite_scope == "everyone") return true;
  if (!o) return false;
  if (r.invite_scope == "organisations") return contains(r.invited, std::to_string(o->id));
  if (r.invite_scope == "sectors") return contains(r.invited, o->sector);
  if (r.invite_scope == "areas") {
    for (const auto& a : o->areas)
      if (contains(r.invited, a)) return true;
  }
  return false;
}

json answers_json(const std::vector<Answer>& answers) {
  json out = json::object();
  for (const auto& a : answers) out[a.statement_code] = {a.current, a.desired};
  return out;
}

}  // namespace

core::Result<Framework> reword_statement(core::Database& db, const core::audit::Actor& actor, const std::string& code,
                                         const std::string& text, bool same_meaning) {
  return core::transact<Framework>(
      db, "Someone else changed the framework at the same moment; try again",
      [&](core::Connection& c) -> core::Result<Framework> {
        auto f = store::latest_framework(c);
        if (!f) return core::Error::not_found("There is no framework yet");
        const auto* s = f->statement(code);
        if (!s) return core::Error::invalid("Select a statement", {{"code", "Select a statement"}});
        if (text.empty())
          return core::Error::invalid("Enter the statement", {{"text", "Enter the new wording of the statement"}});
        if (s->text == text)
          return core::Error::invalid("Nothing changed",
                                      {{"text", "Enter a wording that differs from the current one"}});
        auto before = s->text;
        auto next = reword(*f, code, text, same_meaning);
        store::insert_framework(c, next);
        core::audit::record(c, actor,
                            {"update", "readiness-framework", std::to_string(next.version),
                             core::audit::to_text({{"code", code}, {"text", before}}),
                             core::audit::to_text({{"code", code}, {"text", text}, {"same_meaning", same_meaning}})});
        return next;
      });
}

namespace {

std::string levels_text(const std::map<int, std::string>& levels) {
  std::string out;
  for (const auto& [level, text] : levels) out += (out.empty() ? "" : "; ") + std::to_string(level) + ": " + text;
  return out;
}

// The change applied to `f`, or the field errors that stop it.
core::Result<Framework> apply_change(const Framework& f, const FrameworkChange& ch, core::audit::Change& ev) {
  ev.resource_id = std::to_string(f.version + 1);
  if (ch.kind == "add") {
    const auto* b = f.block(ch.block);
    if (!b) return core::Error::invalid("Select a building block", {{"add_block", "Select a building block"}});
    if (ch.text.empty()) return core::Error::invalid("Enter the statement", {{"add_text", "Enter the new statement"}});
    if (b->statements.size() >= 5)
      return core::Error::invalid("A block has at most 5 statements",
                                  {{"add_block", "“" + b->title + "” already has 5 statements: remove one first"}});
    auto next = add_statement(f, ch.block, ch.text);
    ev.before_json = "";
    ev.after_json = core::audit::to_text(
        {{"added", next.block(ch.block)->statements.back().code}, {"block", b->title}, {"text", ch.text}});
    return next;
  }
  if (ch.kind == "remove") {
    const auto* s = f.statement(ch.code);
    if (!s) return core::Error::invalid("Select a statement", {{"remove_code", "Select the statement to remove"}});
    for (const auto& b : f.blocks)
      for (const auto& st : b.statements)
        if (st.code == ch.code && b.statements.size() <= 3)
          return core::Error::invalid("A block has at least 3 statements",
                                      {{"remove_code", "“" + b.title + "” has only 3 statements: add one first"}});
    ev.before_json = core::audit::to_text({{"code", ch.code}, {"text", s->text}});
    ev.after_json = core::audit::to_text({{"removed", ch.code}});
    return remove_statement(f, ch.code);
  }
  if (ch.kind == "block") {
    const auto* b = f.block(ch.block);
    if (!b) return core::Error::not_found("There is no such building block");
    std::vector<core::FieldError> e;
    if (ch.description.empty()) e.push_back({"description", "Enter a description of the building block"});
    for (int level : {1, 3, 5})
      if (!ch.levels.count(level) || ch.levels.at(level).empty())
        e.push_back({"level_" + std::to_string(level), "Enter what level " + std::to_string(level) + " looks like"});
    if (!e.empty()) return core::Error::invalid("Check the building block", e);
    if (ch.description == b->description && ch.levels == b->levels)
      return core::Error::invalid("Nothing changed", {{"description", "Change the description or a level first"}});
    ev.before_json = core::audit::to_text(
        {{"block", b->title}, {"description", b->description}, {"levels", levels_text(b->levels)}});
    ev.after_json = core::audit::to_text({{"block", b->title},
                                          {"description", ch.description},
                                          {"levels", levels_text(ch.levels)},
                                          {"same_meaning", ch.same_meaning}});
    return edit_block(f, ch.block, ch.description, ch.levels, ch.same_meaning);
  }
  return core::Error::invalid("Choose a change", {{"change", "Choose what to change"}});
}

}  // namespace

core::Result<Framework> change_framework(core::Database& db, const core::audit::Actor& actor,
                                         const FrameworkChange& change) {
  return core::transact<Framework>(db, "Someone else changed the framework at the same moment; try again",
                                   [&](core::Connection& c) -> core::Result<Framework> {
                                     auto f = store::latest_framework(c);
                                     if (!f) return core::Error::not_found("There is no framework yet");
                                     core::audit::Change ev{"update", "readiness-framework", "", "", ""};
                                     auto next = apply_change(*f, change, ev);
                                     if (!next) return next.error();
                                     if (auto e = validate_framework(*next); !e.empty())
                                       return core::Error::invalid(
                                           "The framework would not be valid: " + e.front().message, e);
                                     store::insert_framework(c, *next);
                                     core::audit::record(c, actor, ev);
                                     return *next;
                                   });
}

std::vector<core::FieldError> validate_round(const RoundInput& in) {
  std::vector<core::FieldError> e;
  if (in.name.empty()) e.push_back({"name", "Enter a name for the round"});
  if (in.mode != "facilitated" && in.mode != "individual")
    e.push_back({"mode", "Select whether organisations or individuals answer"});
  if (in.invite_scope != "everyone" && in.invite_scope != "organisations" && in.invite_scope != "sectors" &&
      in.invite_scope != "areas")
    e.push_back({"invite_scope", "Select who is invited"});
  else if (in.invite_scope != "everyone" && in.invited.empty())
    e.push_back({"invited", "Enter who is invited, one a line"});
  if (in.opens_on.empty()) e.push_back({"opens_on", "Enter the date the round opens"});
  if (in.closes_on.empty())
    e.push_back({"closes_on", "Enter the date the round closes"});
  else if (!in.opens_on.empty() && in.closes_on < in.opens_on)
    e.push_back({"closes_on", "The closing date must be on or after the opening date"});
  if (in.threshold < kMinThreshold || in.threshold > 100)
    e.push_back({"threshold", "The smallest group shown must be between 3 and 100 answers"});
  return e;
}

core::Result<Round> open_round_in(core::Connection& c, const core::audit::Actor& actor, const RoundInput& in) {
  if (auto e = validate_round(in); !e.empty()) return core::Error::invalid("Check the round's details", e);
  auto f = store::latest_framework(c);
  if (!f) return core::Error::not_found("There is no framework yet");
  Round r;
  r.slug =
      core::unique_slug(in.name, "round", [&](const std::string& s) { return store::find_round(c, s).has_value(); });
  r.name = in.name;
  r.framework_version = f->version;
  r.mode = in.mode;
  r.invite_scope = in.invite_scope;
  r.invited = in.invite_scope == "everyone" ? std::vector<std::string>{} : in.invited;
  r.opens_on = in.opens_on;
  r.closes_on = in.closes_on;
  r.threshold = in.threshold;
  r.is_example = in.is_example;
  r.id = store::insert_round(c, r);
  core::audit::record(c, actor,
                      {"create", "readiness-round", std::to_string(r.id), "",
                       core::audit::to_text({{"slug", r.slug},
                                             {"name", r.name},
                                             {"mode", r.mode},
                                             {"framework_version", r.framework_version},
                                             {"threshold", r.threshold}})});
  return r;
}

core::Result<Round> open_round(core::Database& db, const core::audit::Actor& actor, const RoundInput& in) {
  return core::transact<Round>(db, "A round with this name was opened at the same moment; try again",
                               [&](core::Connection& c) { return open_round_in(c, actor, in); });
}

bool round_is_open(const Round& r, const std::string& today) {
  return r.opens_on <= today && today <= r.closes_on;
}

core::Result<Respondent> respondent_for(core::Connection& c, const core::Principal& p, const Round& r,
                                        std::int64_t organisation_id) {
  if (!p.signed_in()) return core::Error::forbidden("Sign in to answer");
  std::vector<std::int64_t> ids;
  for (const auto& m : p.memberships)
    if (!organisation_id || m.organisation_id == organisation_id) ids.push_back(m.organisation_id);
  if (organisation_id && ids.empty()) return core::Error::forbidden("You are not a member of that organisation");
  auto orgs = partners::organisations_by_id(c, ids);
  std::sort(orgs.begin(), orgs.end(), [&](const auto& a, const auto& b) { return a.id < b.id; });
  const partners::Organisation* org = nullptr;
  for (const auto& o : orgs)
    if (invited(r, &o)) {
      org = &o;
      break;
    }
  Respondent who;
  who.user_id = p.user_id;
  if (r.mode == "facilitated") {
    if (!org)
      return core::Error::forbidden(
          "In this round each invited organisation gives one answer: you are not a member of an invited organisation");
    who.key = "org:" + std::to_string(org->id);
  } else {
    if (!org && r.invite_scope != "everyone")
      return core::Error::forbidden("This round is for people in the invited organisations");
    who.key = "user:" + std::to_string(p.user_id);
  }
  if (org) {
    who.organisation_id = org->id;
    who.organisation_name = org->name;
    who.sector = org->sector;
    who.area_code = org->areas.empty() ? "" : org->areas.front();
  }
  return who;
}

std::vector<core::FieldError> validate_answers(const Framework& f, const std::vector<Answer>& answers) {
  std::vector<core::FieldError> e;
  for (const auto& a : answers) {
    if (!f.statement(a.statement_code)) {
      e.push_back({"answers", "Answer the statements of this round's framework"});
      continue;
    }
    if (a.current < -1 || a.current > kMaxLevel)
      e.push_back({"current-" + a.statement_code, "Select a level from 1 to 5, or don't know"});
    if (a.desired < -1 || a.desired > kMaxLevel)
      e.push_back({"desired-" + a.statement_code, "Select a level from 1 to 5, or don't know"});
    if (!a.evidence_url.empty() && !is_link(a.evidence_url))
      e.push_back({"url-" + a.statement_code, "Enter a link starting with https:// or http://"});
  }
  return e;
}

namespace {

core::Result<Submission> write_response(core::Connection& c, const core::audit::Actor& actor, const Round& round,
                                        const Respondent& who, const std::vector<Answer>& answers, bool submit,
                                        const std::string& source) {
  auto f = store::framework_of_version(c, round.framework_version);
  if (!f) return core::Error::not_found("This round's framework is missing");
  if (auto e = validate_answers(*f, answers); !e.empty()) return core::Error::invalid("Check your answers", e);
  auto existing = store::find_response(c, round.id, who.key);
  Submission r;
  if (existing) {
    if (existing->status == "submitted")
      return core::Error::conflict("This answer has already been submitted and can no longer be changed");
    r = *existing;
  } else {
    r.respondent_key = who.key;
    r.organisation_id = who.organisation_id;
    r.user_id = who.user_id;
    r.sector = who.sector;
    r.area_code = who.area_code;
    r.source = source;
  }
  r.updated_at = core::now_utc();
  if (submit) {
    r.status = "submitted";
    r.submitted_at = r.updated_at;
  }
  r.id = store::save_response(c, round.id, r);
  store::replace_answers(c, r.id, answers);
  r.answers = answers;
  core::audit::record(c, actor,
                      {submit ? "submit" : "save-draft", "readiness-response", std::to_string(r.id),
                       existing ? core::audit::to_text(answers_json(existing->answers)) : "",
                       core::audit::to_text({{"round", round.slug}, {"answers", answers_json(answers)}})});
  return r;
}

}  // namespace

core::Result<Submission> save_answers(core::Database& db, const core::audit::Actor& actor, const Round& round,
                                      const Respondent& who, const std::vector<Answer>& answers, bool submit,
                                      const std::string& today) {
  if (!round_is_open(round, today))
    return core::Error::conflict("This round is closed: answers were taken from " + core::display_date(round.opens_on) +
                                 " to " + core::display_date(round.closes_on));
  return core::transact<Submission>(
      db, "Someone else saved this answer at the same moment; try again",
      [&](core::Connection& c) { return write_response(c, actor, round, who, answers, submit, "online"); });
}

core::Result<int> enter_paper_answers(core::Database& db, const core::audit::Actor& actor, const Round& round,
                                      const std::vector<std::pair<Respondent, std::vector<Answer>>>& sheets) {
  return core::transact<int>(db, "Someone else entered paper answers at the same moment; try again",
                             [&](core::Connection& c) -> core::Result<int> {
                               int n = store::count_paper_responses(c, round.id);
                               for (const auto& [who, answers] : sheets) {
                                 Respondent w = who;
                                 w.key = "paper:" + std::to_string(++n);
                                 w.user_id = 0;
                                 auto r = write_response(c, actor, round, w, answers, true, "paper");
                                 if (!r) return r.error();
                               }
                               return static_cast<int>(sheets.size());
                             });
}

core::Result<std::int64_t> add_action(core::Database& db, const core::Principal& who, const core::audit::Actor& actor,
                                      const Round& round, const ActionInput& in) {
  if (in.organisation_id) {
    bool member = false;
    for (const auto& m : who.memberships) member = member || m.organisation_id == in.organisation_id;
    if (!member) return core::Error::forbidden("You can only take on actions for organisations you belong to");
  }
  return core::transact<std::int64_t>(
      db, "Someone else added this action at the same moment; try again",
      [&](core::Connection& c) -> core::Result<std::int64_t> {
        auto f = store::framework_of_version(c, round.framework_version);
        if (!f || !f->block(in.block_slug))
          return core::Error::invalid("Select a building block", {{"block", "Select a building block"}});
        pledges::CommitmentInput ci;
        ci.kind = "readiness-action";
        ci.href_prefix = "/readiness/actions/";
        ci.text = in.text;
        ci.owner_user_id = who.user_id;
        ci.owner_name = who.name;
        ci.organisation_id = in.organisation_id;
        ci.due_on = in.due_on;
        auto m = pledges::create_commitment_in(c, actor, ci);
        if (!m) return m.error();
        store::insert_action(c, m->id, round.id, in.block_slug);
        return m->id;
      });
}

}  // namespace goldthread::readiness
