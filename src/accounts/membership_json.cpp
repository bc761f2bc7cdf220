// The two representations of the membership pages, in one place (accounts/membership_views.hpp).
// Handlers build the structs and never write JSON themselves.
#include <nlohmann/json.hpp>

#include "accounts/membership_views.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::accounts {
using nlohmann::json;

namespace {

json organisation_href(const std::string& slug) {
  return slug.empty() ? json(nullptr) : json("/organisations/" + slug);
}

json member_rows(const std::vector<MemberRow>& rows, bool screen) {
  json out = json::array();
  for (const auto& m : rows) {
    json row = {{"id", m.id}, {"name", m.name}, {"requested_at", m.requested_at}, {"admin", m.admin}};
    if (screen) row["requested_at_text"] = core::display_date_time(m.requested_at);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

void to_json(json& j, const MyOrganisationsView& v) {
  json mine = json::array(), found = json::array();
  for (const auto& m : v.memberships)
    mine.push_back(
        {{"organisation", {{"id", m.organisation_id}, {"name", m.name}, {"href", organisation_href(m.slug)}}},
         {"status", m.status},
         {"admin", m.admin}});
  for (const auto& o : v.organisations)
    found.push_back({{"id", o.id}, {"name", o.name}, {"href", organisation_href(o.slug)}});
  j = {{"memberships", mine}, {"q", v.q}, {"organisations", found}};
}

void screen_json(json& j, const MyOrganisationsView& v, const MyOrganisationsScreen& s) {
  json mine = json::array(), results = json::array();
  json banner = nullptr;
  for (const auto& m : v.memberships) {
    mine.push_back({{"organisation_id", m.organisation_id},
                    {"name", m.name},
                    {"status", m.status},
                    {"pending", m.status == "pending"},
                    {"approved", m.status == "approved"},
                    {"declined", m.status == "declined"},
                    {"admin", m.admin}});
    if (s.asked == m.organisation_id && m.status == "pending")
      banner = "You asked to join " + m.name +
               ". An administrator of the organisation will approve or decline your request, and we will e-mail you.";
  }
  for (const auto& o : v.organisations) results.push_back({{"id", o.id}, {"name", o.name}, {"can_ask", o.can_ask}});
  j = {{"memberships", mine},
       {"has_memberships", !mine.empty()},
       {"organisations", results},
       {"has_organisations", !results.empty()},
       {"q", v.q},
       {"csrf_token", s.csrf_token},
       {"banner", banner}};
  if (s.error) core::attach_errors(j, *s.error);
}

void to_json(json& j, const MembersView& v) {
  j = {{"organisation",
        {{"id", v.organisation_id}, {"name", v.organisation_name}, {"href", organisation_href(v.organisation_slug)}}},
       {"pending", member_rows(v.pending, false)},
       {"members", member_rows(v.members, false)}};
}

void screen_json(json& j, const MembersView& v, const MembersScreen& s) {
  json banner = nullptr;
  if (s.decided == "approve")
    banner = "Request approved: they are now a member of " + v.organisation_name + " and we have e-mailed them";
  if (s.decided == "decline") banner = "Request declined: we have e-mailed them";
  if (s.admins_updated) banner = "Administrators of " + v.organisation_name + " updated";
  j = {{"banner", banner},
       {"organisation", {{"id", v.organisation_id}, {"name", v.organisation_name}}},
       {"pending", member_rows(v.pending, true)},
       {"has_pending", !v.pending.empty()},
       {"members", member_rows(v.members, true)},
       {"has_members", !v.members.empty()},
       {"can_set_admin", s.can_set_admin},
       {"csrf_token", s.csrf_token}};
  if (s.error) core::attach_errors(j, *s.error);
}

core::Section people_section_of(const PeopleView& v) {
  json people = json::array();
  for (const auto& p : v.people) people.push_back({{"name", p.name}, {"admin", p.admin}});
  json model = {{"people", people},
                {"has_people", !people.empty()},
                {"count", people.size()},
                {"manage_href", v.manage_href ? json(*v.manage_href) : json(nullptr)}};
  return core::make_section("people", "People", "accounts/people_section", std::move(model));
}

}  // namespace goldthread::accounts
