#pragma once
// Typed view models of memberships (membership_handlers.cpp): your organisations, an
// organisation's members and the "People" section of an organisation's page. Their two
// representations are written in one place, accounts/membership_json.cpp: the resource (the
// JSON twin, docs/API.md "Memberships") and the screen (the mustache template's model).
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "core/result.hpp"

namespace goldthread::accounts {

struct MyMembership {
  std::int64_t organisation_id = 0;
  std::string name, slug, status;  // status: pending | approved | declined
  bool admin = false;
};
struct FoundOrganisation {  // a search result, and whether this person may ask to join it
  std::int64_t id = 0;
  std::string name, slug;
  bool can_ask = false;
};
struct MyOrganisationsView {
  std::vector<MyMembership> memberships;
  std::string q;
  std::vector<FoundOrganisation> organisations;
};
struct MyOrganisationsScreen {
  std::int64_t asked = 0;  // just asked to join this organisation
  std::string csrf_token;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const MyOrganisationsView& v);
void screen_json(nlohmann::json& j, const MyOrganisationsView& v, const MyOrganisationsScreen& s);

struct MemberRow {
  std::int64_t id = 0;  // the membership's id
  std::string name, requested_at;
  bool admin = false;
};
struct MembersView {
  std::int64_t organisation_id = 0;
  std::string organisation_name, organisation_slug;
  std::vector<MemberRow> pending, members;
};
struct MembersScreen {
  std::string decided;  // approve | decline: the request just decided
  bool admins_updated = false;
  bool can_set_admin = false;
  std::string csrf_token;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const MembersView& v);
void screen_json(nlohmann::json& j, const MembersView& v, const MembersScreen& s);

// The "People" section of an organisation's page.
struct PersonRow {
  std::string name;
  bool admin = false;
};
struct PeopleView {
  std::vector<PersonRow> people;
  std::optional<std::string> manage_href;  // for those who may manage the members
};
core::Section people_section_of(const PeopleView& v);

}  // namespace goldthread::accounts
