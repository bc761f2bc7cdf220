#pragma once
// Typed view models of the pledge register and a pledge's page (pledge_handlers.cpp). Their
// representations — the resource (the JSON twin) and the template's model — are written in one
// place, pledges/pledge_page_json.cpp.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "pledges/pledge_handlers.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::pledges {

using Choices = std::vector<std::pair<std::string, std::string>>;  // value, label

// The register: one page of pledges (pledge_json items with room and latest update), the
// filters it was asked for and the choices each filter offers.
struct RegisterView {
  nlohmann::json pledges = nlohmann::json::array();
  std::int64_t total = 0;
  const RegisterQuery& query;
  Choices ambitions = {}, organisations = {}, sectors = {}, events = {}, rooms = {};
  bool signed_in = false;  // screen state
  int per_page = 20;
};
void to_json(nlohmann::json& j, const RegisterView& v);
void screen_json(nlohmann::json& j, const RegisterView& v);

struct PledgeLink {
  std::string title, href;
};
struct PledgeEventLink {
  std::string title, href, starts_at;
};
// A pledge's page: the pledge, what it names, its append-only history.
struct PledgePageView {
  nlohmann::json pledge;  // pledge_json with its room
  std::string href;       // the pledge's page
  std::optional<PledgeLink> initiative = {};
  std::optional<PledgeEventLink> event = {};
  std::vector<ProgressUpdate> updates = {};  // oldest first
  bool may_update = false;                   // the resource carries update_href only then
};
// What only the page shows: the banner and the follow button.
struct PledgeScreen {
  std::string banner;
  bool signed_in = false, following = false;
};
void to_json(nlohmann::json& j, const PledgePageView& v);
void screen_json(nlohmann::json& j, const PledgePageView& v, const PledgeScreen& s);

// The form to make a pledge, with what each field offers (a form page: its twin describes it).
using IdChoices = std::vector<std::pair<std::int64_t, std::string>>;  // id, title
struct PledgeEventOffer {
  std::int64_t id = 0;
  std::string title, starts_at;
};
struct PledgeFormView {
  const PledgeInput& values;
  std::string due_day, due_month, due_year;  // as typed
  IdChoices organisations = {}, ambitions = {}, initiatives = {}, rooms = {};
  std::optional<PledgeEventOffer> event_offer = {};  // the event the form was opened from
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const PledgeFormView& f);
void screen_json(nlohmann::json& j, const PledgeFormView& f);

// The progress-update form of a pledge (a form page: its twin describes the form).
struct PledgeProgressForm {
  const Pledge& pledge;
  const ProgressInput& values;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const PledgeProgressForm& f);
void screen_json(nlohmann::json& j, const PledgeProgressForm& f);

// The answer to making a pledge ({id, href}) and to a progress update ({id, href, status}).
struct PledgeAnswer {
  std::int64_t id = 0;
  std::string href;
};
void to_json(nlohmann::json& j, const PledgeAnswer& a);
struct PledgeProgressAnswer {
  const ProgressUpdate& update;
  std::string pledge_href;
};
void to_json(nlohmann::json& j, const PledgeProgressAnswer& a);

}  // namespace goldthread::pledges
