// SQL for commitments, their append-only progress updates and the reminders sent.
#include <string>

#include "pledges/pledge_store.hpp"

namespace goldthread::pledges::store {

namespace {

constexpr const char* kColumns =
    "c.id, c.kind, c.href_prefix, c.text, c.owner_user_id, c.owner_name, c.owner_role, c.organisation_id, c.sector, "
    "c.side, c.due_on, c.status, c.last_update_at, c.created_at";

core::Value opt_id(std::int64_t id) {
  return id ? core::Value(id) : core::Value(nullptr);
}

ProgressUpdate update_from(const core::Row& r) {
  return {r.integer(0), r.integer(1), r.integer(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.text(8)};
}

constexpr const char* kUpdateColumns =
    "u.id, u.commitment_id, u.author_user_id, u.status, u.note, u.evidence_text, u.evidence_url, u.author_name, "
    "u.created_at";

std::string in_list(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

std::vector<Commitment> commitments(core::Connection& c, const std::string& where, const std::vector<core::Value>& p) {
  std::vector<Commitment> out;
  for (const auto& r : c.query(std::string("SELECT ") + kColumns + " FROM commitments c " + where, p).rows)
    out.push_back(commitment_from(r));
  return out;
}

}  // namespace

Commitment commitment_from(const core::Row& r, std::size_t at) {
  Commitment m;
  m.id = r.integer(at);
  m.kind = r.text(at + 1);
  m.href = r.text(at + 2) + std::to_string(m.id);
  m.text = r.text(at + 3);
  m.owner_user_id = r.integer(at + 4);
  m.owner_name = r.text(at + 5);
  m.owner_role = r.text(at + 6);
  m.organisation_id = r.integer(at + 7);
  m.sector = r.text(at + 8);
  m.side = r.text(at + 9);
  m.due_on = r.text(at + 10);
  m.status = r.text(at + 11);
  m.last_update_at = r.text(at + 12);
  m.created_at = r.text(at + 13);
  return m;
}

const char* commitment_columns() {
  return kColumns;
}

std::int64_t insert_commitment(core::Connection& c, const CommitmentInput& in, const std::string& sector,
                               const std::string& side, const std::string& now) {
  const auto made = in.created_at.empty() ? now : in.created_at;
  auto rs = c.query(
      "INSERT INTO commitments (kind, href_prefix, text, owner_user_id, owner_name, owner_role, organisation_id, "
      "sector, side, due_on, status, last_update_at, source_key, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'not-started', ?, ?, ?, ?) RETURNING id",
      {in.kind, in.href_prefix, in.text, opt_id(in.owner_user_id), in.owner_name, in.owner_role,
       opt_id(in.organisation_id), sector, side, in.due_on, made,
       in.source_key.empty() ? core::Value(nullptr) : core::Value(in.source_key), made, now});
  return rs.rows.at(0).integer(0);
}

std::optional<Commitment> find_commitment(core::Connection& c, std::int64_t id) {
  auto list = commitments(c, "WHERE c.id = ?", {id});
  if (list.empty()) return std::nullopt;
  return list[0];
}

std::optional<std::int64_t> commitment_by_source_key(core::Connection& c, const std::string& key) {
  auto r = core::first_row(c.query("SELECT id FROM commitments WHERE source_key = ?", {key}));
  if (!r) return std::nullopt;
  return r->integer(0);
}

std::int64_t insert_update(core::Connection& c, std::int64_t commitment_id, const ProgressInput& in,
                           std::int64_t author_user_id, const std::string& author_name, const std::string& now) {
  auto rs = c.query(
      "INSERT INTO commitment_updates (commitment_id, status, note, evidence_text, evidence_url, author_user_id, "
      "author_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {commitment_id, in.status, in.note, in.evidence_text, in.evidence_url, opt_id(author_user_id), author_name, now});
  return rs.rows.at(0).integer(0);
}

void set_status(core::Connection& c, std::int64_t id, const std::string& status, const std::string& now) {
  c.query("UPDATE commitments SET status = ?, last_update_at = ?, updated_at = ? WHERE id = ?", {status, now, now, id});
}

std::vector<ProgressUpdate> updates_of(core::Connection& c, std::int64_t commitment_id) {
  std::vector<ProgressUpdate> out;
  for (const auto& r : c.query(std::string("SELECT ") + kUpdateColumns +
                                   " FROM commitment_updates u WHERE u.commitment_id = ? ORDER BY u.id",
                               {commitment_id})
                           .rows)
    out.push_back(update_from(r));
  return out;
}

std::vector<ProgressUpdate> latest_updates(core::Connection& c, const std::vector<std::int64_t>& ids) {
  std::vector<ProgressUpdate> out;
  if (ids.empty()) return out;
  std::vector<core::Value> p(ids.begin(), ids.end());
  for (const auto& r : c.query(std::string("SELECT ") + kUpdateColumns +
                                   " FROM commitment_updates u WHERE u.id IN (SELECT max(id) FROM commitment_updates "
                                   "WHERE commitment_id IN (" +
                                   in_list(ids.size()) + ") GROUP BY commitment_id)",
                               p)
                           .rows)
    out.push_back(update_from(r));
  return out;
}

std::vector<Commitment> of_user(core::Connection& c, std::int64_t user_id) {
  return commitments(
      c,
      "WHERE c.owner_user_id = ? ORDER BY CASE WHEN c.status IN ('complete', 'done', 'dropped') THEN 1 ELSE 0 END, "
      "CASE WHEN c.due_on = '' THEN 1 ELSE 0 END, c.due_on, c.id",
      {user_id});
}

std::vector<Commitment> by_ids(core::Connection& c, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::vector<core::Value> p(ids.begin(), ids.end());
  return commitments(c, "WHERE c.id IN (" + in_list(ids.size()) + ") ORDER BY c.id", p);
}

std::vector<Commitment> open_of_organisation(core::Connection& c, std::int64_t organisation_id) {
  return commitments(c,
                     "WHERE c.organisation_id = ? AND c.status NOT IN ('complete', 'done', 'dropped') ORDER BY "
                     "CASE WHEN c.due_on = '' THEN 1 ELSE 0 END, c.due_on, c.id",
                     {organisation_id});
}

std::vector<Commitment> open_with_owner(core::Connection& c) {
  return commitments(
      c, "WHERE c.owner_user_id IS NOT NULL AND c.status NOT IN ('complete', 'done', 'dropped') ORDER BY c.id", {});
}

bool reminder_sent(core::Connection& c, std::int64_t id, const std::string& kind, const std::string& key) {
  return !c.query("SELECT 1 FROM commitment_reminders WHERE commitment_id = ? AND kind = ? AND reminder_key = ?",
                  {id, kind, key})
              .rows.empty();
}

void record_reminder(core::Connection& c, std::int64_t id, const std::string& kind, const std::string& key,
                     const std::string& now) {
  c.query("INSERT INTO commitment_reminders (commitment_id, kind, reminder_key, sent_at) VALUES (?, ?, ?, ?)",
          {id, kind, key, now});
}

}  // namespace goldthread::pledges::store
