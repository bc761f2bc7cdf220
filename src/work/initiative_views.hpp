#pragma once
// Typed view models of the initiative pages. Handlers fill these structs; their two
// representations are written in one place, work/initiative_json.cpp: the resource (the JSON
// twin, docs/API.md "Initiatives") and the screen (the mustache template's model).
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "places/places.hpp"
#include "work/work.hpp"

namespace goldthread::work {

struct NamedLink {  // a reference to another resource: its name and its page
  std::string name, href;
};
struct AlignmentView {
  std::string ambition, ambition_slug, priority, statement, href;
};
struct PartnerView {
  std::int64_t id = 0;
  std::string name, href;
  std::string status;      // claimed | confirmed (declined listings are left out)
  std::string claimed_by;  // who listed it, for a claimed listing
};
struct AreaView {
  std::string code, name, href;
};

// One initiative with everything its page names, resolved in a fixed number of queries.
struct InitiativeView {
  Initiative initiative;
  std::optional<NamedLink> owner;
  std::vector<PartnerView> partners;
  std::vector<AlignmentView> alignments;
  std::vector<AreaView> areas;
  std::vector<std::pair<std::string, std::string>> principles;  // code, label
  std::int64_t followers = 0;
  std::string description_html;  // filled for HTML answers and for the JSON twin alike
};
// What only the screen shows: who is looking and what they may do.
struct InitiativeScreen {
  bool signed_in = false, following = false, can_edit = false;
  std::optional<std::string> banner;
};
void to_json(nlohmann::json& j, const InitiativeView& v);
void screen_json(nlohmann::json& j, const InitiativeView& v, const InitiativeScreen& s);

struct InitiativeListView {
  InitiativeFilter filter;
  std::vector<InitiativeSummary> items;
  std::int64_t total = 0;
  std::string base_href;  // /initiatives with the filters, for page links
  std::vector<places::Area> areas;
  int per_page = 20;
};
void to_json(nlohmann::json& j, const InitiativeListView& v);
void screen_json(nlohmann::json& j, const InitiativeListView& v, bool can_create);

// The lead's requests to connect (/work/requests).
struct RequestsView {
  std::vector<ConnectRequest> requests;
  std::optional<std::string> banner;
  const core::Error* error = nullptr;  // a reply that failed, shown against its box
  std::int64_t failed_id = 0;
  std::string typed;
};
void to_json(nlohmann::json& j, const RequestsView& v);
void screen_json(nlohmann::json& j, const RequestsView& v, const std::string& csrf_token);

// The JSON answers of follow, unfollow, connect and reply.
struct FollowState {
  std::string initiative_href;
  bool following = false;
};
void to_json(nlohmann::json& j, const FollowState& f);
void to_json(nlohmann::json& j, const ConnectRequest& r);

}  // namespace goldthread::work
