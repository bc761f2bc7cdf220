// Partner claims (issue 10.8): an initiative's partner organisations are stored with a state.
// Listing another organisation is a claim until one of its administrators confirms it; a
// declined listing stays (so that saving the initiative again does not claim it again) but is
// shown nowhere. Writes run in the caller's transaction and are audited.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "core/mail.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "work/matrix.hpp"
#include "work/work.hpp"
#include "work/work_store.hpp"

namespace goldthread::work {
namespace {

constexpr const char* kLinkCols =
    "p.initiative_id, p.organisation_id, p.status, p.claimed_by_organisation_id, p.claimed_by_user_id, "
    "p.claimed_at, i.title, i.slug";

PartnerLink link_from_row(const core::Row& r) {
  PartnerLink l;
  l.initiative_id = r.integer(0);
  l.organisation_id = r.integer(1);
  l.status = r.text(2);
  l.claimed_by_organisation_id = r.is_null(3) ? 0 : r.integer(3);
  l.claimed_by_user_id = r.is_null(4) ? 0 : r.integer(4);
  l.claimed_at = r.text(5);
  l.initiative_title = r.text(6);
  l.initiative_slug = r.text(7);
  return l;
}

std::string placeholders(std::size_t n) {
  std::string s;
  for (std::size_t k = 0; k < n; ++k) s += k ? ", ?" : "?";
  return s;
}

std::string claim_id(std::int64_t initiative_id, std::int64_t organisation_id) {
  return std::to_string(initiative_id) + "-" + std::to_string(organisation_id);
}

}  // namespace

std::string claimant_name(core::Connection& c, const PartnerLink& l,
                          const std::map<std::int64_t, std::string>& organisation_names) {
  if (l.claimed_by_organisation_id) {
    auto it = organisation_names.find(l.claimed_by_organisation_id);
    if (it != organisation_names.end()) return it->second;
  }
  if (l.claimed_by_user_id) return accounts::display_name(c, l.claimed_by_user_id);
  return "the place's imported data";
}

std::vector<std::int64_t> write_partners(core::Connection& c, const core::audit::Actor& actor, const Initiative& i) {
  std::map<std::int64_t, std::string> existing;
  for (const auto& r :
       c.query("SELECT organisation_id, status FROM initiative_partners WHERE initiative_id = ?", {i.id}).rows)
    existing[r.integer(0)] = r.text(1);
  for (const auto& [org, status] : existing)
    if (!std::binary_search(i.partner_ids.begin(), i.partner_ids.end(), org))
      c.query("DELETE FROM initiative_partners WHERE initiative_id = ? AND organisation_id = ?", {i.id, org});
  std::vector<std::int64_t> claimed;
  auto now = core::now_utc();
  for (auto org : i.partner_ids) {
    if (existing.count(org)) continue;  // a listing keeps its state (claimed, confirmed or declined)
    // An owner listing itself needs nobody's agreement; every other listing is a claim.
    bool self = org == i.owner_organisation_id;
    c.query(
        "INSERT INTO initiative_partners (initiative_id, organisation_id, status, claimed_by_organisation_id, "
        "claimed_by_user_id, claimed_at) VALUES (?, ?, ?, ?, ?, ?)",
        {i.id, org, self ? "confirmed" : "claimed",
         i.owner_organisation_id ? core::Value(i.owner_organisation_id) : core::Value(nullptr),
         actor.user_id ? core::Value(actor.user_id) : core::Value(nullptr), now});
    if (!self) claimed.push_back(org);
  }
  return claimed;
}

void record_claims(core::Connection& c, const core::audit::Actor& actor, const Initiative& i,
                   const std::vector<std::int64_t>& claimed, const std::string& base_url) {
  if (claimed.empty()) return;
  std::vector<std::int64_t> ids = claimed;
  if (i.owner_organisation_id) ids.push_back(i.owner_organisation_id);
  auto names = partners::organisation_names(c, ids);
  PartnerLink probe;
  probe.claimed_by_organisation_id = i.owner_organisation_id;
  probe.claimed_by_user_id = actor.user_id;
  const auto by = claimant_name(c, probe, names);
  for (auto org : claimed) {
    const auto& name = names[org];
    nlohmann::json after = {{"initiative", i.title},
                            {"initiative_slug", i.slug},
                            {"organisation", name},
                            {"listed_by", by},
                            {"status", "claimed"}};
    core::audit::record(c, actor, {"claim", "partner_claim", claim_id(i.id, org), "", core::audit::to_text(after)});
    for (const auto& admin : accounts::organisation_admins(c, org))
      core::mail::enqueue(
          c,
          {admin.email, by + " listed " + name + " as a partner",
           "Hello " + admin.name + ",\n\n" + by + " listed " + name + " as a partner of \"" + i.title +
               "\".\n\nUntil you confirm it, every page that shows this says it was listed by " + by +
               " and is not yet confirmed by " + name + ".\n\nConfirm or decline it at " + base_url + "/work/claims\n",
           ""});
  }
}

std::vector<PartnerLink> partner_links_of(core::Connection& c, std::int64_t initiative_id) {
  std::vector<PartnerLink> out;
  for (const auto& r : c.query(std::string("SELECT ") + kLinkCols +
                                   " FROM initiative_partners p JOIN initiatives i ON i.id = p.initiative_id "
                                   "WHERE p.initiative_id = ? ORDER BY p.organisation_id",
                               {initiative_id})
                           .rows)
    out.push_back(link_from_row(r));
  return out;
}

std::vector<PartnerLink> partner_claims_on(core::Connection& c, const std::vector<std::int64_t>& organisation_ids,
                                           const std::string& status, int limit) {
  std::vector<PartnerLink> out;
  if (organisation_ids.empty()) return out;
  std::vector<core::Value> params(organisation_ids.begin(), organisation_ids.end());
  std::string sql = std::string("SELECT ") + kLinkCols +
                    " FROM initiative_partners p JOIN initiatives i ON i.id = p.initiative_id "
                    "WHERE p.organisation_id IN (" +
                    placeholders(organisation_ids.size()) + ")";
  if (!status.empty()) {
    sql += " AND p.status = ?";
    params.emplace_back(status);
  }
  // Waiting claims first, then the newest.
  sql +=
      " AND p.organisation_id <> COALESCE(i.owner_organisation_id, 0) ORDER BY CASE p.status WHEN 'claimed' "
      "THEN 0 ELSE 1 END, p.claimed_at DESC, i.title LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  for (const auto& r : c.query(sql, params).rows) out.push_back(link_from_row(r));
  return out;
}

std::int64_t count_pending_claims(core::Connection& c, const std::vector<std::int64_t>& organisation_ids) {
  if (organisation_ids.empty()) return 0;
  std::vector<core::Value> params(organisation_ids.begin(), organisation_ids.end());
  return c
      .query("SELECT count(*) FROM initiative_partners WHERE status = 'claimed' AND organisation_id IN (" +
                 placeholders(organisation_ids.size()) + ")",
             params)
      .rows.at(0)
      .integer(0);
}

core::Result<PartnerLink> set_claim_status(core::Connection& c, const core::audit::Actor& actor,
                                           std::int64_t organisation_id, std::int64_t initiative_id,
                                           const std::string& status) {
  auto rs = c.query(std::string("SELECT ") + kLinkCols +
                        " FROM initiative_partners p JOIN initiatives i ON i.id = p.initiative_id "
                        "WHERE p.initiative_id = ? AND p.organisation_id = ?",
                    {initiative_id, organisation_id});
  if (rs.rows.empty()) return core::Error::not_found("Nobody has listed your organisation as a partner of this.");
  auto link = link_from_row(rs.rows[0]);
  if (link.status == status) return link;
  c.query(
      "UPDATE initiative_partners SET status = ?, decided_by_user_id = ?, decided_at = ? "
      "WHERE initiative_id = ? AND organisation_id = ?",
      {status, actor.user_id ? core::Value(actor.user_id) : core::Value(nullptr), core::now_utc(), initiative_id,
       organisation_id});
  auto names = partners::organisation_names(c, {organisation_id, link.claimed_by_organisation_id});
  nlohmann::json before = {{"initiative", link.initiative_title},
                           {"initiative_slug", link.initiative_slug},
                           {"organisation", names[organisation_id]},
                           {"status", link.status}};
  nlohmann::json after = before;
  after["status"] = status;
  core::audit::record(
      c, actor,
      {status == "confirmed" ? "confirm" : "decline", "partner_claim", claim_id(initiative_id, organisation_id),
       core::audit::to_text(before), core::audit::to_text(after)});
  bump_work_version(c);  // confirmed partners count in the alignment matrix
  link.status = status;
  return link;
}

}  // namespace goldthread::work
