#pragma once
// Typed view models of partner claims (claim_handlers.cpp): the claims page of an
// organisation's administrators, the answer to a decision and the account page's section.
// Their representations are written in one place, work/claim_json.cpp.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/registry.hpp"

namespace goldthread::work {

struct ClaimRow {  // an initiative that lists one of your organisations as a partner
  std::int64_t initiative_id = 0;
  std::string initiative_title, initiative_slug;
  std::int64_t organisation_id = 0;
  std::string organisation_name, listed_by;
  std::string status;  // claimed | confirmed | declined
};
struct ClaimsView {
  std::vector<ClaimRow> claims;
  std::int64_t waiting = 0;  // claims not yet decided
};
struct ClaimsScreen {
  bool is_admin = false;
  std::string decided;  // confirmed | declined: the decision just made
  std::string csrf_token;
};
void to_json(nlohmann::json& j, const ClaimsView& v);
void screen_json(nlohmann::json& j, const ClaimsView& v, const ClaimsScreen& s);

// The answer to a decision: {initiative_id, organisation_id, status}.
struct ClaimDecision {
  std::int64_t initiative_id = 0, organisation_id = 0;
  std::string status;
};
void to_json(nlohmann::json& j, const ClaimDecision& d);

// The account page's section: claims to confirm and requests to connect.
struct AccountWorkView {
  bool claims_shown = false, requests_shown = false;
  std::int64_t claims = 0, requests = 0;
};
core::Section account_work_section_of(const AccountWorkView& v);

}  // namespace goldthread::work
