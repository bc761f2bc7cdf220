// SQL for pledges: the register's query, its export batches and the social contract's counts.
#include "pledges/pledge_store.hpp"

#include <map>
#include <string>

namespace goldthread::pledges::store {

namespace {

constexpr const char* kPledgeColumns = ", p.pledged_as, p.initiative_id, p.made_at_label, p.event_id, p.room_id";
constexpr std::size_t kPledgeAt = 14;  // the first pledge column after commitment_columns()

Pledge pledge_from(const core::Row& r, std::size_t at = 0) {
  Pledge p;
  p.commitment = commitment_from(r, at);
  p.pledged_as = r.text(at + kPledgeAt);
  p.initiative_id = r.integer(at + kPledgeAt + 1);
  p.made_at_label = r.text(at + kPledgeAt + 2);
  p.event_id = r.integer(at + kPledgeAt + 3);
  p.room_id = r.integer(at + kPledgeAt + 4);
  return p;
}

std::string select_pledges() {
  return std::string("SELECT ") + commitment_columns() + kPledgeColumns +
         " FROM commitments c JOIN pledges p ON p.commitment_id = c.id";
}

std::string in_list(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

// The register's filters as a WHERE clause (every filter optional).
std::string where(const RegisterFilter& f, std::vector<core::Value>& p) {
  std::string w = " WHERE 1 = 1";
  if (f.ambition_id) {
    w += " AND c.id IN (SELECT commitment_id FROM pledge_ambitions WHERE ambition_id = ?)";
    p.push_back(f.ambition_id);
  }
  if (f.organisation_id) {
    w += " AND c.organisation_id = ?";
    p.push_back(f.organisation_id);
  }
  if (!f.sector.empty()) {
    w += " AND c.sector = ?";
    p.push_back(f.sector);
  }
  if (!f.side.empty()) {
    w += " AND c.side = ?";
    p.push_back(f.side);
  }
  if (!f.status.empty()) {
    w += " AND c.status = ?";
    p.push_back(f.status);
  }
  if (f.event_id) {
    w += " AND p.event_id = ?";
    p.push_back(f.event_id);
  }
  if (f.room_id) {
    w += " AND p.room_id = ?";
    p.push_back(f.room_id);
  }
  return w;
}

// Each pledge's ambitions, in one query.
void fill_ambitions(core::Connection& c, std::vector<Pledge>& list) {
  if (list.empty()) return;
  std::map<std::int64_t, std::vector<Pledge*>> by_id;  // a pledge may appear once per ambition
  std::vector<core::Value> p;
  for (auto& x : list) {
    if (by_id[x.commitment.id].empty()) p.push_back(x.commitment.id);
    by_id[x.commitment.id].push_back(&x);
  }
  for (const auto& r : c.query("SELECT commitment_id, ambition_id FROM pledge_ambitions WHERE commitment_id IN (" +
                                   in_list(p.size()) + ") ORDER BY commitment_id, ambition_id",
                               p)
                           .rows)
    for (auto* x : by_id[r.integer(0)]) x->ambition_ids.push_back(r.integer(1));
}

}  // namespace

void insert_pledge(core::Connection& c, std::int64_t commitment_id, const std::string& pledged_as,
                   std::int64_t initiative_id, const std::string& made_at_label,
                   const std::vector<std::int64_t>& ambition_ids, std::int64_t event_id, std::int64_t room_id) {
  auto id_or_null = [](std::int64_t id) { return id ? core::Value(id) : core::Value(nullptr); };
  c.query(
      "INSERT INTO pledges (commitment_id, pledged_as, initiative_id, made_at_label, event_id, room_id) VALUES (?, ?, "
      "?, ?, ?, ?)",
      {commitment_id, pledged_as, id_or_null(initiative_id), made_at_label, id_or_null(event_id), id_or_null(room_id)});
  for (auto a : ambition_ids)
    c.query("INSERT INTO pledge_ambitions (commitment_id, ambition_id) VALUES (?, ?)", {commitment_id, a});
}

std::optional<Pledge> find_pledge(core::Connection& c, std::int64_t id) {
  std::vector<Pledge> list;
  for (const auto& r : c.query(select_pledges() + " WHERE c.id = ?", {id}).rows) list.push_back(pledge_from(r));
  if (list.empty()) return std::nullopt;
  fill_ambitions(c, list);
  return list[0];
}

RegisterPage find_pledges(core::Connection& c, const RegisterFilter& f) {
  RegisterPage out;
  std::vector<core::Value> p;
  auto w = where(f, p);
  out.total = c.query("SELECT count(*) FROM commitments c JOIN pledges p ON p.commitment_id = c.id" + w, p)
                  .rows.at(0)
                  .integer(0);
  p.push_back(static_cast<std::int64_t>(f.per_page));
  p.push_back(static_cast<std::int64_t>((f.page - 1) * f.per_page));
  for (const auto& r :
       c.query(select_pledges() + w + " ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?", p).rows)
    out.pledges.push_back(pledge_from(r));
  fill_ambitions(c, out.pledges);
  return out;
}

std::vector<Pledge> pledges_batch(core::Connection& c, const RegisterFilter& f, std::int64_t before_id, int limit) {
  std::vector<core::Value> p;
  auto w = where(f, p);
  if (before_id) {
    w += " AND c.id < ?";
    p.push_back(before_id);
  }
  p.push_back(static_cast<std::int64_t>(limit));
  std::vector<Pledge> out;
  for (const auto& r : c.query(select_pledges() + w + " ORDER BY c.id DESC LIMIT ?", p).rows)
    out.push_back(pledge_from(r));
  fill_ambitions(c, out);
  return out;
}

std::vector<Pledge> pledges_at_event(core::Connection& c, std::int64_t event_id, bool open_only) {
  std::string w = " WHERE p.event_id = ?";
  if (open_only) w += " AND c.status <> 'complete'";
  std::vector<Pledge> out;
  for (const auto& r : c.query(select_pledges() + w + " ORDER BY c.created_at, c.id", {event_id}).rows)
    out.push_back(pledge_from(r));
  fill_ambitions(c, out);
  return out;
}

std::vector<Pledge> pledges_in_room(core::Connection& c, std::int64_t room_id) {
  std::vector<Pledge> out;
  for (const auto& r : c.query(select_pledges() + " WHERE p.room_id = ? ORDER BY c.created_at, c.id", {room_id}).rows)
    out.push_back(pledge_from(r));
  fill_ambitions(c, out);
  return out;
}

bool set_pledge_event(core::Connection& c, std::int64_t commitment_id, std::int64_t event_id) {
  return c.query("UPDATE pledges SET event_id = ? WHERE commitment_id = ? AND (event_id IS NULL OR event_id <> ?)",
                 {event_id, commitment_id, event_id})
             .changes > 0;
}

std::vector<std::int64_t> pledge_events(core::Connection& c) {
  std::vector<std::int64_t> out;
  for (const auto& r : c.query("SELECT DISTINCT event_id FROM pledges WHERE event_id IS NOT NULL").rows)
    out.push_back(r.integer(0));
  return out;
}

std::vector<std::int64_t> pledging_organisations(core::Connection& c) {
  std::vector<std::int64_t> out;
  for (const auto& r : c.query("SELECT DISTINCT c.organisation_id FROM commitments c JOIN pledges p ON "
                               "p.commitment_id = c.id WHERE c.organisation_id IS NOT NULL")
                           .rows)
    out.push_back(r.integer(0));
  return out;
}

std::vector<ContractCount> contract_counts(core::Connection& c, std::int64_t ambition_id) {
  std::vector<core::Value> p;
  std::string w;
  if (ambition_id) {
    w = " WHERE a.ambition_id = ?";
    p.push_back(ambition_id);
  }
  std::vector<ContractCount> out;
  for (const auto& r : c.query("SELECT a.ambition_id, c.side, count(*), sum(CASE WHEN c.status = 'complete' THEN 1 "
                               "ELSE 0 END) FROM pledge_ambitions a JOIN commitments c ON c.id = a.commitment_id" +
                                   w + " GROUP BY a.ambition_id, c.side",
                               p)
                           .rows)
    out.push_back({r.integer(0), r.text(1), r.integer(2), r.integer(3)});
  return out;
}

std::vector<std::pair<std::int64_t, Pledge>> contract_pledges(core::Connection& c, std::int64_t ambition_id,
                                                              int per_side) {
  std::vector<core::Value> p;
  std::string w;
  if (ambition_id) {
    w = " WHERE a.ambition_id = ?";
    p.push_back(ambition_id);
  }
  p.push_back(static_cast<std::int64_t>(per_side));
  std::vector<std::pair<std::int64_t, Pledge>> out;
  std::vector<Pledge> pledges;
  std::vector<std::int64_t> ambitions;
  for (const auto& r : c.query(std::string("SELECT * FROM (SELECT a.ambition_id AS contract_ambition, ") +
                                   commitment_columns() + kPledgeColumns +
                                   ", ROW_NUMBER() OVER (PARTITION BY a.ambition_id, c.side ORDER BY "
                                   "c.last_update_at DESC, c.id DESC) AS rn FROM pledge_ambitions a JOIN commitments c "
                                   "ON c.id = a.commitment_id JOIN pledges p ON p.commitment_id = c.id" +
                                   w + ") x WHERE rn <= ? ORDER BY contract_ambition, last_update_at DESC, id DESC",
                               p)
                           .rows) {
    ambitions.push_back(r.integer(0));
    pledges.push_back(pledge_from(r, 1));
  }
  fill_ambitions(c, pledges);
  for (std::size_t i = 0; i < pledges.size(); ++i) out.emplace_back(ambitions[i], std::move(pledges[i]));
  return out;
}

}  // namespace goldthread::pledges::store
