// The representations of partner claims, in one place (work/claim_views.hpp).
#include <nlohmann/json.hpp>

#include "core/page.hpp"
#include "work/claim_views.hpp"

namespace goldthread::work {
using nlohmann::json;

namespace {

const char* status_label(const std::string& s) {
  if (s == "confirmed") return "Confirmed";
  if (s == "declined") return "Declined";
  return "Waiting for you";
}

}  // namespace

void to_json(json& j, const ClaimsView& v) {
  json claims = json::array();
  for (const auto& c : v.claims)
    claims.push_back(
        {{"initiative",
          {{"id", c.initiative_id}, {"title", c.initiative_title}, {"href", "/initiatives/" + c.initiative_slug}}},
         {"organisation", {{"id", c.organisation_id}, {"name", c.organisation_name}}},
         {"listed_by", c.listed_by},
         {"status", c.status}});
  j = {{"claims", claims}, {"waiting", v.waiting}};
}

void screen_json(json& j, const ClaimsView& v, const ClaimsScreen& s) {
  json claims = json::array();
  for (const auto& c : v.claims)
    claims.push_back({{"initiative", c.initiative_title},
                      {"href", "/initiatives/" + c.initiative_slug},
                      {"initiative_id", c.initiative_id},
                      {"organisation_id", c.organisation_id},
                      {"organisation", c.organisation_name},
                      {"listed_by", c.listed_by},
                      {"status", c.status},
                      {"status_label", status_label(c.status)},
                      {"waiting", c.status == "claimed"},
                      {"can_confirm", c.status != "confirmed"},
                      {"can_decline", c.status != "declined"}});
  json banner = nullptr;
  if (s.decided == "confirmed") banner = "Partnership confirmed: it now shows on your organisation's page";
  if (s.decided == "declined") banner = "Listing declined: it no longer shows on any page";
  j = {{"claims", claims}, {"has_claims", !claims.empty()}, {"waiting", v.waiting}, {"is_admin", s.is_admin},
       {"banner", banner}, {"csrf_token", s.csrf_token}};
}

void to_json(json& j, const ClaimDecision& d) {
  j = {{"initiative_id", d.initiative_id}, {"organisation_id", d.organisation_id}, {"status", d.status}};
}

core::Section account_work_section_of(const AccountWorkView& v) {
  json items = json::array();
  if (v.claims_shown)
    items.push_back({{"href", "/work/claims"},
                     {"text", "Partnership claims"},
                     {"count", v.claims},
                     {"note", v.claims == 1 ? "1 listing waits for your confirmation"
                                            : std::to_string(v.claims) + " listings wait for your confirmation"}});
  if (v.requests_shown)
    items.push_back({{"href", "/work/requests"},
                     {"text", "Requests to connect with your projects"},
                     {"count", v.requests},
                     {"note", v.requests == 1 ? "1 request waits for a reply"
                                              : std::to_string(v.requests) + " requests wait for a reply"}});
  return core::make_section("work", "Your projects and partnerships", "work/account_section", {{"items", items}});
}

}  // namespace goldthread::work
