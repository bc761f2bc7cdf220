// Endorsements of the vision: one per organisation and place, upserted.
#include <nlohmann/json.hpp>
#include <regex>

#include "core/service.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"

namespace goldthread::partners {
namespace {

constexpr const char* kSelect =
    "SELECT e.id, e.organisation_id, o.name, o.slug, e.endorsed_on, e.body, e.decision_reference, e.note "
    "FROM endorsements e JOIN organisations o ON o.id = e.organisation_id ";
// Undated endorsements ("") sort last; dated ones newest first.
constexpr const char* kOrder = " ORDER BY CASE WHEN e.endorsed_on = '' THEN 1 ELSE 0 END, e.endorsed_on DESC, o.name";

Endorsement endorsement_from_row(const core::Row& r) {
  return {r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
}

nlohmann::json to_json(const EndorsementInput& in) {
  return {{"organisation_id", in.organisation_id},
          {"endorsed_on", in.endorsed_on},
          {"body", in.body},
          {"decision_reference", in.decision_reference},
          {"note", in.note}};
}

}  // namespace

std::vector<Endorsement> list_endorsements(core::Connection& c, std::int64_t place_id) {
  std::vector<Endorsement> out;
  for (const auto& r : c.query(std::string(kSelect) + "WHERE e.place_id = ?" + kOrder, {place_id}).rows)
    out.push_back(endorsement_from_row(r));
  return out;
}

std::vector<Endorsement> endorsements_of(core::Connection& c, std::int64_t organisation_id) {
  std::vector<Endorsement> out;
  for (const auto& r : c.query(std::string(kSelect) + "WHERE e.organisation_id = ?" + kOrder, {organisation_id}).rows)
    out.push_back(endorsement_from_row(r));
  return out;
}

core::Result<Endorsement> record_endorsement(core::Connection& c, const core::audit::Actor& actor,
                                             std::int64_t place_id, const EndorsementInput& in) {
  static const std::regex kDate("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  std::vector<core::FieldError> errors;
  auto org = try_find_organisation(c, in.organisation_id);
  if (!org) errors.push_back({"organisation_id", "Select the organisation that endorsed the vision"});
  if (!in.endorsed_on.empty() && !std::regex_match(in.endorsed_on, kDate))
    errors.push_back({"endorsed_on", "Enter the date of the decision like 2017-10-17, or leave it empty if unknown"});
  if (core::utf8_length(in.body) > kMaxEndorsementBody)
    errors.push_back({"body", "The decision-making body must be 200 characters or fewer"});
  if (!errors.empty()) return core::Error::invalid("Check the endorsement", errors);

  auto now = core::now_utc();
  auto existing = c.query(
      "SELECT id, organisation_id, endorsed_on, body, decision_reference, note FROM endorsements "
      "WHERE place_id = ? AND organisation_id = ?",
      {place_id, in.organisation_id});
  std::int64_t id = 0;
  if (existing.rows.empty()) {
    id = c.query(
              "INSERT INTO endorsements (organisation_id, place_id, endorsed_on, body, decision_reference, note, "
              "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {in.organisation_id, place_id, in.endorsed_on, in.body, in.decision_reference, in.note, now, now})
             .rows.at(0)
             .integer(0);
    core::audit::record(c, actor, {"create", "endorsement", std::to_string(id), "", core::audit::to_text(to_json(in))});
  } else {
    const auto& r = existing.rows[0];
    id = r.integer(0);
    EndorsementInput before{r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5)};
    if (to_json(before) != to_json(in)) {
      c.query(
          "UPDATE endorsements SET endorsed_on = ?, body = ?, decision_reference = ?, note = ?, updated_at = ? "
          "WHERE id = ?",
          {in.endorsed_on, in.body, in.decision_reference, in.note, now, id});
      core::audit::record(c, actor,
                          {"update", "endorsement", std::to_string(id), core::audit::to_text(to_json(before)),
                           core::audit::to_text(to_json(in))});
    }
  }
  return Endorsement{id,      in.organisation_id,    org->name, org->slug, in.endorsed_on,
                     in.body, in.decision_reference, in.note};
}

core::Result<Endorsement> record_endorsement(core::Database& db, const core::audit::Actor& actor, std::int64_t place_id,
                                             const EndorsementInput& in) {
  return core::transact<Endorsement>(db, "This endorsement was changed by someone else at the same moment. Try again.",
                                     [&](core::Connection& c) { return record_endorsement(c, actor, place_id, in); });
}

}  // namespace goldthread::partners
