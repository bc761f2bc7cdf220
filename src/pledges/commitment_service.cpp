// The commitment mechanism's writes and readers: create, append progress, who may update,
// and the readers other capabilities use (organisation names filled through partners.hpp).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/notifications.hpp"
#include "core/service.hpp"
#include "partners/partners.hpp"
#include "pledges/commitment_internal.hpp"
#include "pledges/pledge_store.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::pledges {
using nlohmann::json;

namespace {

void fill_organisations(core::Connection& c, std::vector<Commitment>& list) {
  std::vector<std::int64_t> ids;
  for (const auto& m : list)
    if (m.organisation_id) ids.push_back(m.organisation_id);
  if (ids.empty()) return;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::map<std::int64_t, const partners::Organisation*> by_id;
  auto orgs = partners::organisations_by_id(c, ids);
  for (const auto& o : orgs) by_id[o.id] = &o;
  for (auto& m : list)
    if (auto it = by_id.find(m.organisation_id); it != by_id.end()) {
      m.organisation_name = it->second->name;
      m.organisation_slug = it->second->slug;
    }
}

}  // namespace

json commitment_audit_json(const Commitment& m) {
  return {{"kind", m.kind},
          {"text", m.text},
          {"owner_user_id", m.owner_user_id},
          {"owner_name", m.owner_name},
          {"owner_role", m.owner_role},
          {"organisation_id", m.organisation_id},
          {"sector", m.sector},
          {"side", m.side},
          {"due_on", m.due_on},
          {"status", m.status}};
}

void fill_organisation_names(core::Connection& c, std::vector<Commitment>& list) {
  fill_organisations(c, list);
}

core::Result<Commitment> insert_commitment_unaudited(core::Connection& c, const CommitmentInput& in) {
  auto errors = validate_commitment(in);
  if (!errors.empty()) return core::Error::invalid("Check the commitment's details", errors);
  std::string sector;
  if (in.organisation_id) {
    auto o = partners::try_find_organisation(c, in.organisation_id);
    if (!o)
      return core::Error::invalid("Check the commitment's details",
                                  {{"organisation_id", "Select an organisation from the list"}});
    sector = o->sector;
  }
  auto id = store::insert_commitment(c, in, sector, side_of_sector(sector), core::now_utc());
  auto m = store::find_commitment(c, id);
  std::vector<Commitment> one{*m};
  fill_organisations(c, one);
  return one[0];
}

core::Result<Commitment> create_commitment_in(core::Connection& c, const core::audit::Actor& actor,
                                              const CommitmentInput& in) {
  auto m = insert_commitment_unaudited(c, in);
  if (!m) return m;
  core::audit::record(c, actor,
                      {"create", m->kind, std::to_string(m->id), "", core::audit::to_text(commitment_audit_json(*m))});
  return m;
}

core::Result<ProgressUpdate> add_progress_in(core::Connection& c, const core::audit::Actor& actor,
                                             std::int64_t commitment_id, const ProgressInput& in) {
  auto m = store::find_commitment(c, commitment_id);
  if (!m) return core::Error::not_found("There is no such commitment.");
  auto errors = validate_progress(in, m->kind);
  if (!errors.empty()) return core::Error::invalid("Check the progress update", errors);
  const auto now = core::now_utc();
  auto id = store::insert_update(c, commitment_id, in, actor.user_id, actor.name, now);
  store::set_status(c, commitment_id, in.status, now);
  core::audit::record(c, actor,
                      {"progress", m->kind, std::to_string(commitment_id),
                       core::audit::to_text({{"status", m->status}, {"last_update_at", m->last_update_at}}),
                       core::audit::to_text({{"status", in.status},
                                             {"note", in.note},
                                             {"evidence_text", in.evidence_text},
                                             {"evidence_url", in.evidence_url},
                                             {"update_id", id}})});
  core::notifications::publish(c, {m->kind, commitment_id, m->kind + "-update", "Progress update: " + m->text,
                                   m->href, true, in.note, {}, {}, actor.user_id});
  return ProgressUpdate{
      id, commitment_id, actor.user_id, in.status, in.note, in.evidence_text, in.evidence_url, actor.name, now};
}

bool can_update_commitment(const core::Principal& p, const Commitment& m) {
  if (!p.signed_in()) return false;
  if (p.has(core::Role::place_admin) || p.has(core::Role::site_admin)) return true;
  if (m.owner_user_id && m.owner_user_id == p.user_id) return true;
  return m.organisation_id && std::any_of(p.memberships.begin(), p.memberships.end(), [&](const core::Membership& x) {
           return x.organisation_id == m.organisation_id;
         });
}

core::Result<ProgressUpdate> record_progress(core::Database& db, const core::Principal& who,
                                             const core::audit::Actor& actor, std::int64_t commitment_id,
                                             const ProgressInput& in) {
  return core::transact<ProgressUpdate>(db, "Someone else updated it at the same moment: try again.",
                                        [&](core::Connection& c) -> core::Result<ProgressUpdate> {
                                          auto m = store::find_commitment(c, commitment_id);
                                          if (!m) return core::Error::not_found("There is no such commitment.");
                                          if (!can_update_commitment(who, *m))
                                            return core::Error::forbidden(
                                                "Only the person who made it, members of its organisation and "
                                                "place administrators can update it.");
                                          return add_progress_in(c, actor, commitment_id, in);
                                        });
}

std::optional<Commitment> try_find_commitment(core::Connection& c, std::int64_t id) {
  auto m = store::find_commitment(c, id);
  if (!m) return std::nullopt;
  std::vector<Commitment> one{*m};
  fill_organisations(c, one);
  return one[0];
}

std::vector<ProgressUpdate> progress_of(core::Connection& c, std::int64_t commitment_id) {
  return store::updates_of(c, commitment_id);
}

std::vector<Commitment> commitments_of_user(core::Connection& c, std::int64_t user_id) {
  auto list = store::of_user(c, user_id);
  fill_organisations(c, list);
  return list;
}

std::vector<Commitment> open_commitments_of_organisation(core::Connection& c, std::int64_t organisation_id) {
  auto list = store::open_of_organisation(c, organisation_id);
  fill_organisations(c, list);
  return list;
}

std::vector<Commitment> commitments_by_id(core::Connection& c, const std::vector<std::int64_t>& ids) {
  auto list = store::by_ids(c, ids);
  fill_organisations(c, list);
  return list;
}

std::vector<ProgressUpdate> latest_updates(core::Connection& c, const std::vector<std::int64_t>& ids) {
  return store::latest_updates(c, ids);
}

}  // namespace goldthread::pledges
