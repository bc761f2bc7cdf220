// SQL of the readiness capability (its own tables only).
#include "readiness/readiness_store.hpp"

#include <map>

#include "core/text.hpp"

namespace goldthread::readiness::store {
namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    if (ch == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

constexpr const char* kRoundColumns =
    "id, slug, name, framework_version, mode, invite_scope, invited, opens_on, closes_on, threshold, is_example, "
    "created_at";

Round round_of(const core::Row& r) {
  Round x;
  x.id = r.integer(0);
  x.slug = r.text(1);
  x.name = r.text(2);
  x.framework_version = static_cast<int>(r.integer(3));
  x.mode = r.text(4);
  x.invite_scope = r.text(5);
  x.invited = split(r.text(6));
  x.opens_on = r.text(7);
  x.closes_on = r.text(8);
  x.threshold = static_cast<int>(r.integer(9));
  x.is_example = r.integer(10) != 0;
  x.created_at = r.text(11);
  return x;
}

constexpr const char* kResponseColumns =
    "id, respondent_key, organisation_id, user_id, sector, area_code, status, source, updated_at, submitted_at";

Submission response_of(const core::Row& r) {
  Submission x;
  x.id = r.integer(0);
  x.respondent_key = r.text(1);
  x.organisation_id = r.integer(2);
  x.user_id = r.integer(3);
  x.sector = r.text(4);
  x.area_code = r.text(5);
  x.status = r.text(6);
  x.source = r.text(7);
  x.updated_at = r.text(8);
  x.submitted_at = r.text(9);
  return x;
}

Answer answer_of(const core::Row& r) {
  return {r.text(1), static_cast<int>(r.integer(2)), static_cast<int>(r.integer(3)), r.text(4), r.text(5)};
}

std::optional<Framework> framework_from(const core::ResultSet& rs) {
  if (rs.empty()) return std::nullopt;
  auto f = parse_framework(rs.rows[0].text(0));
  if (!f) return std::nullopt;
  return *f;
}

}  // namespace

std::optional<Framework> latest_framework(core::Connection& c) {
  return framework_from(c.query("SELECT body FROM readiness_frameworks ORDER BY version DESC LIMIT 1"));
}

std::optional<Framework> framework_of_version(core::Connection& c, int version) {
  return framework_from(c.query("SELECT body FROM readiness_frameworks WHERE version = ?", {std::int64_t{version}}));
}

void insert_framework(core::Connection& c, const Framework& f) {
  c.query("INSERT INTO readiness_frameworks (version, body, note, created_at) VALUES (?, ?, ?, ?)",
          {std::int64_t{f.version}, framework_json(f), f.note, core::now_utc()});
}

std::vector<std::pair<int, std::string>> framework_versions(core::Connection& c) {
  std::vector<std::pair<int, std::string>> out;
  for (const auto& r : c.query("SELECT version, created_at FROM readiness_frameworks ORDER BY version DESC").rows)
    out.push_back({static_cast<int>(r.integer(0)), r.text(1)});
  return out;
}

std::int64_t insert_round(core::Connection& c, const Round& r) {
  auto rs = c.query(
      "INSERT INTO readiness_rounds (slug, name, framework_version, mode, invite_scope, invited, opens_on, closes_on, "
      "threshold, is_example, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {r.slug, r.name, std::int64_t{r.framework_version}, r.mode, r.invite_scope, join(r.invited), r.opens_on,
       r.closes_on, std::int64_t{r.threshold}, std::int64_t{r.is_example ? 1 : 0}, core::now_utc()});
  return rs.rows.at(0).integer(0);
}

std::optional<Round> find_round(core::Connection& c, const std::string& slug) {
  auto rs = c.query(std::string("SELECT ") + kRoundColumns + " FROM readiness_rounds WHERE slug = ?", {slug});
  if (rs.empty()) return std::nullopt;
  return round_of(rs.rows[0]);
}

std::optional<Round> find_round_by_id(core::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kRoundColumns + " FROM readiness_rounds WHERE id = ?", {id});
  if (rs.empty()) return std::nullopt;
  return round_of(rs.rows[0]);
}

std::vector<Round> list_rounds(core::Connection& c) {
  std::vector<Round> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kRoundColumns + " FROM readiness_rounds ORDER BY opens_on DESC, id DESC").rows)
    out.push_back(round_of(r));
  return out;
}

std::optional<Submission> find_response(core::Connection& c, std::int64_t round_id, const std::string& key) {
  auto rs = c.query(
      std::string("SELECT ") + kResponseColumns + " FROM readiness_responses WHERE round_id = ? AND respondent_key = ?",
      {round_id, key});
  if (rs.empty()) return std::nullopt;
  auto r = response_of(rs.rows[0]);
  for (const auto& a : c.query("SELECT response_id, statement_code, current_level, desired_level, evidence_text, "
                               "evidence_url FROM readiness_answers WHERE response_id = ? ORDER BY statement_code",
                               {r.id})
                           .rows)
    r.answers.push_back(answer_of(a));
  return r;
}

std::int64_t save_response(core::Connection& c, std::int64_t round_id, const Submission& r) {
  if (r.id) {
    c.query("UPDATE readiness_responses SET status = ?, updated_at = ?, submitted_at = ? WHERE id = ?",
            {r.status, r.updated_at, r.submitted_at, r.id});
    return r.id;
  }
  auto rs = c.query(
      "INSERT INTO readiness_responses (round_id, respondent_key, organisation_id, user_id, sector, area_code, status, "
      "source, updated_at, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {round_id, r.respondent_key, r.organisation_id, r.user_id, r.sector, r.area_code, r.status, r.source,
       r.updated_at, r.submitted_at});
  return rs.rows.at(0).integer(0);
}

void replace_answers(core::Connection& c, std::int64_t response_id, const std::vector<Answer>& answers) {
  c.query("DELETE FROM readiness_answers WHERE response_id = ?", {response_id});
  // Multi-row inserts, 50 answers a statement.
  for (std::size_t start = 0; start < answers.size(); start += 50) {
    std::string sql =
        "INSERT INTO readiness_answers (response_id, statement_code, current_level, desired_level, evidence_text, "
        "evidence_url) VALUES ";
    std::vector<core::Value> params;
    for (std::size_t i = start; i < answers.size() && i < start + 50; ++i) {
      const auto& a = answers[i];
      sql += i == start ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)";
      params.insert(params.end(), {response_id, a.statement_code, std::int64_t{a.current}, std::int64_t{a.desired},
                                   a.evidence_text, a.evidence_url});
    }
    c.query(sql, params);
  }
}

std::vector<Submission> responses_of(core::Connection& c, std::int64_t round_id, bool submitted_only) {
  std::string where = submitted_only ? " AND status = 'submitted'" : "";
  std::vector<Submission> out;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& r : c.query(std::string("SELECT ") + kResponseColumns +
                                   " FROM readiness_responses WHERE round_id = ?" + where + " ORDER BY id",
                               {round_id})
                           .rows) {
    index[r.integer(0)] = out.size();
    out.push_back(response_of(r));
  }
  for (const auto& a : c.query("SELECT a.response_id, a.statement_code, a.current_level, a.desired_level, "
                               "a.evidence_text, a.evidence_url FROM readiness_answers a JOIN readiness_responses r "
                               "ON r.id = a.response_id WHERE r.round_id = ?" +
                                   std::string(submitted_only ? " AND r.status = 'submitted'" : "") +
                                   " ORDER BY a.response_id, a.statement_code",
                               {round_id})
                           .rows)
    if (auto it = index.find(a.integer(0)); it != index.end()) out[it->second].answers.push_back(answer_of(a));
  return out;
}

int count_paper_responses(core::Connection& c, std::int64_t round_id) {
  return static_cast<int>(
      c.query("SELECT COUNT(*) FROM readiness_responses WHERE round_id = ? AND source = 'paper'", {round_id})
          .rows.at(0)
          .integer(0));
}

void insert_action(core::Connection& c, std::int64_t commitment_id, std::int64_t round_id, const std::string& block) {
  c.query("INSERT INTO readiness_actions (commitment_id, round_id, block_slug, created_at) VALUES (?, ?, ?, ?)",
          {commitment_id, round_id, block, core::now_utc()});
}

std::vector<ActionLink> actions_of(core::Connection& c, std::int64_t round_id) {
  std::vector<ActionLink> out;
  for (const auto& r : c.query("SELECT commitment_id, block_slug FROM readiness_actions WHERE round_id = ? ORDER BY "
                               "commitment_id",
                               {round_id})
                           .rows)
    out.push_back({r.integer(0), r.text(1)});
  return out;
}

std::optional<std::pair<std::int64_t, std::string>> action_of(core::Connection& c, std::int64_t commitment_id) {
  auto rs = c.query("SELECT round_id, block_slug FROM readiness_actions WHERE commitment_id = ?", {commitment_id});
  if (rs.empty()) return std::nullopt;
  return std::make_pair(rs.rows[0].integer(0), rs.rows[0].text(1));
}

}  // namespace goldthread::readiness::store
