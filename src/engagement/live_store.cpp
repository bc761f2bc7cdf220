// The SQL of live conversations: settings, participants, statements' authors and moderation,
// and the votes the group-commit writer upserts.
#include "engagement/live_store.hpp"

#include <map>
#include <tuple>

namespace goldthread::engagement {

void insert_live_settings(core::Connection& c, const LiveSettings& s) {
  c.query(
      "INSERT INTO live_settings (conversation_id, ambitions, areas, moderation, participants_add, anonymous, "
      "opens_on, closes_on, opened_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {s.conversation_id, s.ambitions, s.areas, s.moderation, static_cast<std::int64_t>(s.participants_add),
       static_cast<std::int64_t>(s.anonymous), s.opens_on, s.closes_on, s.opened_by});
}

std::optional<LiveSettings> try_live_settings(core::Connection& c, std::int64_t conversation_id) {
  auto rs = c.query(
      "SELECT ambitions, areas, moderation, participants_add, anonymous, opens_on, closes_on, opened_by "
      "FROM live_settings WHERE conversation_id = ?",
      {conversation_id});
  if (rs.rows.empty()) return std::nullopt;
  const auto& r = rs.rows[0];
  return LiveSettings{conversation_id,   r.text(0), r.text(1), r.text(2),   r.integer(3) != 0,
                      r.integer(4) != 0, r.text(5), r.text(6), r.integer(7)};
}

std::vector<LiveStatement> list_live_statements(core::Connection& c, std::int64_t conversation_id) {
  std::vector<LiveStatement> out;
  for (const auto& r : c.query("SELECT tid, body, moderation, is_meta, author_pid, reject_reason, created_at "
                               "FROM statements WHERE conversation_id = ? ORDER BY tid",
                               {conversation_id})
                           .rows)
    out.push_back({r.integer(0), r.text(1), static_cast<int>(r.integer(2)), r.integer(3) != 0, r.integer(4), r.text(5),
                   r.text(6)});
  return out;
}

std::int64_t next_statement_tid(core::Connection& c, std::int64_t conversation_id) {
  return c.query("SELECT COALESCE(MAX(tid), -1) + 1 FROM statements WHERE conversation_id = ?", {conversation_id})
      .rows.at(0)
      .integer(0);
}

void insert_live_statement(core::Connection& c, std::int64_t conversation_id, const LiveStatement& st) {
  c.query(
      "INSERT INTO statements (conversation_id, tid, body, moderation, is_meta, created_at, author_pid) "
      "VALUES (?, ?, ?, ?, 0, ?, ?)",
      {conversation_id, st.tid, st.body, static_cast<std::int64_t>(st.mod), st.created_at, st.author_pid});
}

bool update_statement_moderation(core::Connection& c, std::int64_t conversation_id, std::int64_t tid, int mod,
                                 const std::string& reason) {
  return c.query("UPDATE statements SET moderation = ?, reject_reason = ? WHERE conversation_id = ? AND tid = ?",
                 {static_cast<std::int64_t>(mod), reason, conversation_id, tid})
             .changes > 0;
}

std::optional<std::int64_t> participant_by_user(core::Connection& c, std::int64_t conversation_id,
                                                std::int64_t user_id) {
  auto rs = c.query("SELECT pid FROM live_participants WHERE conversation_id = ? AND user_id = ? ORDER BY pid",
                    {conversation_id, user_id});
  if (rs.rows.empty()) return std::nullopt;
  return rs.rows[0].integer(0);
}

std::optional<std::pair<std::int64_t, std::int64_t>> participant_by_browser(core::Connection& c,
                                                                            std::int64_t conversation_id,
                                                                            const std::string& browser) {
  auto rs = c.query("SELECT pid, user_id FROM live_participants WHERE conversation_id = ? AND browser = ?",
                    {conversation_id, browser});
  if (rs.rows.empty()) return std::nullopt;
  return std::make_pair(rs.rows[0].integer(0), rs.rows[0].integer(1));
}

void join_participant(core::Connection& c, std::int64_t conversation_id, std::int64_t pid, std::int64_t user_id) {
  c.query("UPDATE live_participants SET user_id = ? WHERE conversation_id = ? AND pid = ?",
          {user_id, conversation_id, pid});
}

std::int64_t insert_participant(core::Connection& c, std::int64_t conversation_id, const std::string& browser,
                                std::int64_t user_id) {
  // Imported conversations' pids live only in votes; a new participant takes the next number
  // after both. The no-op update locks the conversation's row (PostgreSQL; SQLite's write lock
  // already serialises), so two new participants never draw the same number. It sets a column
  // that is not a key: `SET id = id` made SQLite check every table referencing conversations
  // for the old key, counting every vote of the conversation (the vote path's hot spot).
  c.query("UPDATE conversations SET title = title WHERE id = ?", {conversation_id});
  auto next = c.query(
                   "SELECT COALESCE(MAX(m), -1) + 1 FROM (SELECT MAX(pid) AS m FROM live_participants WHERE "
                   "conversation_id = ? UNION ALL SELECT MAX(pid) AS m FROM votes WHERE conversation_id = ?) t",
                   {conversation_id, conversation_id})
                  .rows.at(0)
                  .integer(0);
  c.query("INSERT INTO live_participants (conversation_id, pid, browser, user_id, created_at) VALUES (?, ?, ?, ?, ?)",
          {conversation_id, next, browser, user_id, core::now_utc()});
  return next;
}

std::map<std::string, std::int64_t> participants_for_browsers(core::Connection& c, std::int64_t conversation_id,
                                                              const std::vector<std::string>& browsers) {
  std::map<std::string, std::int64_t> out;
  if (browsers.empty()) return out;
  // The browsers that already have a participant: IN lists of 64, 32, ..., 1 (few SQL texts,
  // each stays prepared).
  std::size_t at = 0;
  for (std::size_t chunk = 64; chunk > 0; chunk /= 2) {
    if (browsers.size() - at < chunk) continue;
    std::string sql = "SELECT browser, pid FROM live_participants WHERE conversation_id = ? AND browser IN (";
    for (std::size_t k = 0; k < chunk; ++k) sql += k ? ", ?" : "?";
    sql += ")";
    while (browsers.size() - at >= chunk) {
      std::vector<core::Value> params{conversation_id};
      for (std::size_t k = 0; k < chunk; ++k) params.emplace_back(browsers[at + k]);
      for (const auto& r : c.query(sql, params).rows) out.emplace(r.text(0), r.integer(1));
      at += chunk;
    }
  }
  std::vector<const std::string*> missing;
  for (const auto& b : browsers)
    if (!out.count(b)) missing.push_back(&b);
  if (missing.empty()) return out;
  // One lock and one MAX for all of them (see insert_participant), then the rows.
  c.query("UPDATE conversations SET title = title WHERE id = ?", {conversation_id});
  auto next = c.query(
                   "SELECT COALESCE(MAX(m), -1) + 1 FROM (SELECT MAX(pid) AS m FROM live_participants WHERE "
                   "conversation_id = ? UNION ALL SELECT MAX(pid) AS m FROM votes WHERE conversation_id = ?) t",
                   {conversation_id, conversation_id})
                  .rows.at(0)
                  .integer(0);
  const auto now = core::now_utc();
  at = 0;
  for (std::size_t chunk = 64; chunk > 0; chunk /= 2) {
    if (missing.size() - at < chunk) continue;
    std::string sql = "INSERT INTO live_participants (conversation_id, pid, browser, user_id, created_at) VALUES ";
    for (std::size_t k = 0; k < chunk; ++k) sql += k ? ", (?, ?, ?, 0, ?)" : "(?, ?, ?, 0, ?)";
    while (missing.size() - at >= chunk) {
      std::vector<core::Value> params;
      for (std::size_t k = 0; k < chunk; ++k) {
        out.emplace(*missing[at + k], next);
        params.insert(params.end(), {conversation_id, next++, *missing[at + k], now});
      }
      c.query(sql, params);
      at += chunk;
    }
  }
  return out;
}

std::map<std::int64_t, int> votes_of(core::Connection& c, std::int64_t conversation_id, std::int64_t pid) {
  std::map<std::int64_t, int> out;
  for (const auto& r :
       c.query("SELECT tid, vote FROM votes WHERE conversation_id = ? AND pid = ?", {conversation_id, pid}).rows)
    out[r.integer(0)] = static_cast<int>(r.integer(1));
  return out;
}

void upsert_votes(core::Connection& c, const std::vector<StoredVote>& votes) {
  // The latest vote per (conversation, participant, statement) wins, and each row is named
  // once: PostgreSQL refuses a multi-row upsert that touches a row twice.
  std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, std::size_t> latest;
  for (std::size_t i = 0; i < votes.size(); ++i) latest[{votes[i].conversation_id, votes[i].pid, votes[i].tid}] = i;
  std::vector<const StoredVote*> rows;
  rows.reserve(latest.size());
  for (const auto& [key, i] : latest) rows.push_back(&votes[i]);
  // Multi-row statements of 256, 128, ..., 1 rows: few distinct SQL texts, so each stays
  // prepared in the connection's cache (5 parameters a row, far below both engines' limits).
  std::size_t at = 0;
  for (std::size_t chunk = 256; chunk > 0; chunk /= 2) {
    if (rows.size() - at < chunk) continue;
    std::string sql = "INSERT INTO votes (conversation_id, pid, tid, vote, voted_at) VALUES ";
    for (std::size_t k = 0; k < chunk; ++k) sql += k ? ", (?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?)";
    sql += " ON CONFLICT (conversation_id, pid, tid) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at";
    std::vector<core::Value> params;
    params.reserve(chunk * 5);
    while (rows.size() - at >= chunk) {
      params.clear();
      for (std::size_t k = 0; k < chunk; ++k) {
        const auto& v = *rows[at + k];
        params.insert(params.end(), {v.conversation_id, v.pid, v.tid, static_cast<std::int64_t>(v.value), v.voted_at});
      }
      c.query(sql, params);
      at += chunk;
    }
  }
}

std::vector<StoredVote> all_votes(core::Connection& c, std::int64_t conversation_id) {
  std::vector<StoredVote> out;
  for (const auto& r : c.query("SELECT pid, tid, vote, voted_at FROM votes WHERE conversation_id = ? "
                               "ORDER BY voted_at, pid, tid",
                               {conversation_id})
                           .rows)
    out.push_back({conversation_id, r.integer(0), r.integer(1), static_cast<int>(r.integer(2)), r.integer(3)});
  return out;
}

std::int64_t count_votes(core::Connection& c, std::int64_t conversation_id) {
  return c.query("SELECT count(*) FROM votes WHERE conversation_id = ?", {conversation_id}).rows.at(0).integer(0);
}

}  // namespace goldthread::engagement
