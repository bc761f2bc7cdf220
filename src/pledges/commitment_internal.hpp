#pragma once
// Shared inside the pledges capability (not for other capabilities: they use pledges.hpp).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/storage.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::pledges {

// What the audit trail records about a commitment.
nlohmann::json commitment_audit_json(const Commitment& m);
// Fills organisation_name and organisation_slug (one query through partners.hpp).
void fill_organisation_names(core::Connection& c, std::vector<Commitment>& list);
// Validates and inserts (recording the organisation's sector and side); the caller audits.
core::Result<Commitment> insert_commitment_unaudited(core::Connection& c, const CommitmentInput& in);
// "2026-12-01" → "1 December 2026" ("" stays "").
std::string long_date(const std::string& iso);

}  // namespace goldthread::pledges
