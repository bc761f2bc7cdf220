// SQL for consultations: the list with its filters, responses, answers, results and exports.
#include <algorithm>
#include <map>

#include "engagement/consultation.hpp"

namespace goldthread::engagement::store {
namespace {

constexpr const char* kColumns =
    "id, slug, title, summary, description, description_html, documents, survey, opens_on, closes_on, "
    "organisation_id, created_by, is_example, you_said, we_did, outcome_html, outcome_published_at, created_at";

Consultation from(const core::Row& r) {
  Consultation x;
  x.id = r.integer(0);
  x.slug = r.text(1);
  x.title = r.text(2);
  x.summary = r.text(3);
  x.description = r.text(4);
  x.description_html = r.text(5);
  x.documents = r.text(6);
  x.survey = r.text(7);
  x.opens_on = r.text(8);
  x.closes_on = r.text(9);
  x.organisation_id = r.integer(10);
  x.created_by = r.integer(11);
  x.is_example = r.integer(12) != 0;
  x.you_said = r.text(13);
  x.we_did = r.text(14);
  x.outcome_html = r.text(15);
  x.outcome_published_at = r.text(16);
  x.created_at = r.text(17);
  return x;
}

std::string in_list(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

// Ambitions and areas of several consultations, two queries.
void fill_tags(core::Connection& c, std::vector<Consultation>& list) {
  if (list.empty()) return;
  std::vector<core::Value> ids;
  std::map<std::int64_t, Consultation*> by_id;
  for (auto& x : list) {
    ids.push_back(x.id);
    by_id[x.id] = &x;
  }
  for (const auto& r : c.query("SELECT consultation_id, ambition_id FROM consultation_ambitions WHERE consultation_id "
                               "IN (" +
                                   in_list(ids.size()) + ") ORDER BY consultation_id, ambition_id",
                               ids)
                           .rows)
    by_id[r.integer(0)]->ambition_ids.push_back(r.integer(1));
  for (const auto& r : c.query("SELECT consultation_id, area_code FROM consultation_areas WHERE consultation_id IN (" +
                                   in_list(ids.size()) + ") ORDER BY consultation_id, area_code",
                               ids)
                           .rows)
    by_id[r.integer(0)]->area_codes.push_back(r.text(1));
}

Response_ response_from(const core::Row& r) {
  Response_ x;
  x.id = r.integer(0);
  x.consultation_id = r.integer(1);
  x.user_id = r.integer(2);
  x.status = r.text(3);
  x.anonymous = r.integer(4) != 0;
  x.area_code = r.text(5);
  x.answers = answers_from_text(r.text(6));
  x.updated_at = r.text(7);
  x.submitted_at = r.text(8);
  return x;
}
constexpr const char* kResponseColumns =
    "id, consultation_id, user_id, status, anonymous, area_code, answers, updated_at, submitted_at";

}  // namespace

std::int64_t insert_consultation(core::Connection& c, const Consultation& x) {
  auto now = core::now_utc();
  auto id = c.query(
                 "INSERT INTO consultations (slug, title, summary, description, description_html, documents, "
                 "survey, opens_on, closes_on, organisation_id, created_by, is_example, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 {x.slug, x.title, x.summary, x.description, x.description_html, x.documents, x.survey, x.opens_on,
                  x.closes_on, x.organisation_id, x.created_by, std::int64_t{x.is_example ? 1 : 0}, now, now})
                .rows.at(0)
                .integer(0);
  for (auto a : x.ambition_ids)
    c.query("INSERT INTO consultation_ambitions (consultation_id, ambition_id) VALUES (?, ?)", {id, a});
  for (const auto& a : x.area_codes)
    c.query("INSERT INTO consultation_areas (consultation_id, area_code) VALUES (?, ?)", {id, a});
  return id;
}

void update_outcome(core::Connection& c, std::int64_t id, const std::string& said, const std::string& did,
                    const std::string& html, const std::string& at) {
  c.query(
      "UPDATE consultations SET you_said = ?, we_did = ?, outcome_html = ?, outcome_published_at = ?, "
      "updated_at = ? WHERE id = ?",
      {said, did, html, at, core::now_utc(), id});
}

namespace {
// One consultation from a one-row query, with its ambitions and areas.
std::optional<Consultation> one_with_tags(core::Connection& c, core::ResultSet rs) {
  auto r = core::first_row(std::move(rs));
  if (!r) return std::nullopt;
  std::vector<Consultation> one{from(*r)};
  fill_tags(c, one);
  return one[0];
}
}  // namespace

std::optional<Consultation> try_find(core::Connection& c, const std::string& slug) {
  return one_with_tags(c, c.query(std::string("SELECT ") + kColumns + " FROM consultations WHERE slug = ?", {slug}));
}

std::optional<Consultation> try_find_by_id(core::Connection& c, std::int64_t id) {
  return one_with_tags(c, c.query(std::string("SELECT ") + kColumns + " FROM consultations WHERE id = ?", {id}));
}

bool slug_taken(core::Connection& c, const std::string& slug) {
  return !c.query("SELECT 1 FROM consultations WHERE slug = ?", {slug}).empty();
}

ListPage list(core::Connection& c, const ListFilter& f, const std::string& today) {
  std::vector<core::Value> p;
  std::string w = f.state == "closed" ? " WHERE closes_on < ?" : " WHERE closes_on >= ?";
  p.push_back(today);
  if (f.ambition_id) {
    w += " AND id IN (SELECT consultation_id FROM consultation_ambitions WHERE ambition_id = ?)";
    p.push_back(f.ambition_id);
  }
  if (!f.area_code.empty()) {
    w += " AND id IN (SELECT consultation_id FROM consultation_areas WHERE area_code = ?)";
    p.push_back(f.area_code);
  }
  ListPage out;
  out.total = c.query("SELECT COUNT(*) FROM consultations" + w, p).rows.at(0).integer(0);
  auto order = f.state == "closed" ? " ORDER BY closes_on DESC, id DESC" : " ORDER BY closes_on, id";
  p.push_back(std::int64_t{f.per_page});
  p.push_back(std::int64_t{(f.page - 1) * f.per_page});
  for (const auto& r :
       c.query(std::string("SELECT ") + kColumns + " FROM consultations" + w + order + " LIMIT ? OFFSET ?", p).rows)
    out.items.push_back(from(r));
  fill_tags(c, out.items);
  return out;
}

std::vector<Consultation> closing_unannounced(core::Connection& c, const std::string& today, const std::string& until) {
  std::vector<Consultation> out;
  for (const auto& r : c.query(std::string("SELECT ") + kColumns +
                                   " FROM consultations WHERE closes_on >= ? AND closes_on <= ? AND opens_on <= ? "
                                   "AND closing_announced_on = '' ORDER BY closes_on, id",
                               {today, until, today})
                           .rows)
    out.push_back(from(r));
  fill_tags(c, out);
  return out;
}

bool mark_closing_announced(core::Connection& c, std::int64_t id, const std::string& today) {
  return c.query("UPDATE consultations SET closing_announced_on = ? WHERE id = ? AND closing_announced_on = ''",
                 {today, id})
             .changes == 1;
}

std::optional<Response_> try_response(core::Connection& c, std::int64_t consultation_id, std::int64_t user_id) {
  auto r = core::first_row(c.query(std::string("SELECT ") + kResponseColumns +
                                       " FROM consultation_responses WHERE consultation_id = ? AND user_id = ?",
                                   {consultation_id, user_id}));
  if (!r) return std::nullopt;
  return response_from(*r);
}

void save_response(core::Connection& c, Response_& r) {
  auto now = core::now_utc();
  r.updated_at = now;
  if (r.status == "submitted") r.submitted_at = now;
  core::Value anon = std::int64_t{r.anonymous ? 1 : 0};
  if (r.id) {
    c.query(
        "UPDATE consultation_responses SET status = ?, anonymous = ?, area_code = ?, answers = ?, updated_at = ?, "
        "submitted_at = ? WHERE id = ?",
        {r.status, anon, r.area_code, answers_to_text(r.answers), now, r.submitted_at, r.id});
    return;
  }
  r.id =
      c.query(
           "INSERT INTO consultation_responses (consultation_id, user_id, status, anonymous, area_code, answers, "
           "updated_at, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
           {r.consultation_id, r.user_id, r.status, anon, r.area_code, answers_to_text(r.answers), now, r.submitted_at})
          .rows.at(0)
          .integer(0);
}

void insert_answers(core::Connection& c, const Response_& r, const std::vector<Question>& survey) {
  for (const auto& q : survey) {
    auto it = r.answers.find(q.number);
    if (it == r.answers.end()) continue;
    std::int64_t pos = 0;
    for (const auto& v : it->second)
      c.query(
          "INSERT INTO consultation_answers (response_id, consultation_id, question, value, position, moderation) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {r.id, r.consultation_id, std::int64_t{q.number}, v, ++pos, q.free_text() ? "pending" : "none"});
  }
}

namespace {
// Counts for the choice questions of one group of responses ("" = all).
void count_into(core::Connection& c, const Consultation& x, const std::vector<Question>& survey,
                std::vector<QuestionResult>& out, const std::string& area, bool with_text) {
  std::string join =
      area.empty() ? "" : " AND response_id IN (SELECT id FROM consultation_responses WHERE area_code = ?)";
  std::vector<core::Value> p{x.id};
  if (!area.empty()) p.push_back(area);
  std::map<std::pair<int, std::string>, std::pair<std::int64_t, std::int64_t>> counts;  // count, sum of positions
  for (const auto& r : c.query("SELECT question, value, COUNT(*), SUM(position) FROM consultation_answers WHERE "
                               "consultation_id = ? AND moderation = 'none'" +
                                   join + " GROUP BY question, value",
                               p)
                           .rows)
    counts[{static_cast<int>(r.integer(0)), r.text(1)}] = {r.integer(2), r.integer(3)};
  std::map<int, std::int64_t> answered;
  for (const auto& r : c.query("SELECT question, COUNT(DISTINCT response_id) FROM consultation_answers WHERE "
                               "consultation_id = ? AND moderation <> 'rejected'" +
                                   join + " GROUP BY question",
                               p)
                           .rows)
    answered[static_cast<int>(r.integer(0))] = r.integer(1);
  std::map<int, std::vector<std::string>> texts;
  if (with_text)
    for (const auto& r : c.query("SELECT question, value FROM consultation_answers WHERE consultation_id = ? AND "
                                 "moderation = 'approved' ORDER BY id LIMIT 2000",
                                 {x.id})
                             .rows)
      texts[static_cast<int>(r.integer(0))].push_back(r.text(1));
  for (const auto& q : survey) {
    if (!with_text && (q.free_text() || q.kind == "ranking")) continue;
    QuestionResult qr;
    qr.question = q;
    qr.answered = answered[q.number];
    for (const auto& o : q.options) {
      auto [n, sum] = counts[{q.number, o}];
      qr.counts.push_back({o, n, n ? static_cast<double>(sum) / static_cast<double>(n) : 0.0});
    }
    qr.approved_text = texts[q.number];
    out.push_back(std::move(qr));
  }
}
}  // namespace

Results results(core::Connection& c, const Consultation& x, const std::vector<Question>& survey) {
  Results res;
  res.respondents = c.query(
                         "SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = ? AND status = "
                         "'submitted'",
                         {x.id})
                        .rows.at(0)
                        .integer(0);
  count_into(c, x, survey, res.questions, "", true);
  for (const auto& r : c.query("SELECT area_code, COUNT(*) FROM consultation_responses WHERE consultation_id = ? AND "
                               "status = 'submitted' AND area_code <> '' GROUP BY area_code ORDER BY area_code",
                               {x.id})
                           .rows) {
    AreaResult a;
    a.area_code = r.text(0);
    a.respondents = r.integer(1);
    a.shown = a.respondents >= kAreaThreshold;
    if (a.shown) count_into(c, x, survey, a.questions, a.area_code, false);
    res.areas.push_back(std::move(a));
  }
  return res;
}

std::vector<PendingText> pending_text(core::Connection& c, std::int64_t consultation_id, int limit) {
  std::vector<PendingText> out;
  for (const auto& r : c.query("SELECT id, question, value FROM consultation_answers WHERE consultation_id = ? AND "
                               "moderation = 'pending' ORDER BY id LIMIT ?",
                               {consultation_id, std::int64_t{limit}})
                           .rows)
    out.push_back({r.integer(0), static_cast<int>(r.integer(1)), r.text(2)});
  return out;
}

bool moderate(core::Connection& c, std::int64_t consultation_id, std::int64_t answer_id, const std::string& decision) {
  return c.query(
              "UPDATE consultation_answers SET moderation = ? WHERE id = ? AND consultation_id = ? AND moderation "
              "IN ('pending', 'approved', 'rejected')",
              {decision, answer_id, consultation_id})
             .changes > 0;
}

std::vector<Response_> submitted_after(core::Connection& c, std::int64_t consultation_id, std::int64_t after_id,
                                       int limit) {
  std::vector<Response_> out;
  for (const auto& r : c.query(std::string("SELECT ") + kResponseColumns +
                                   " FROM consultation_responses WHERE consultation_id = ? AND status = 'submitted' "
                                   "AND id > ? ORDER BY id LIMIT ?",
                               {consultation_id, after_id, std::int64_t{limit}})
                           .rows)
    out.push_back(response_from(r));
  return out;
}

void redact_person(core::Connection& c, std::int64_t user_id, bool remove) {
  // Drafts always go; submitted answers stay (counted, shown as "deleted user") unless removed.
  std::string which = remove ? "" : " AND status = 'draft'";
  c.query(
      "DELETE FROM consultation_answers WHERE response_id IN (SELECT id FROM consultation_responses WHERE "
      "user_id = ?" +
          which + ")",
      {user_id});
  c.query("DELETE FROM consultation_responses WHERE user_id = ?" + which, {user_id});
}

}  // namespace goldthread::engagement::store
