#pragma once
// The readiness pages' data as structs, and their conversion to the template models and to
// the JSON resources (readiness_views.cpp). Handlers fill these and call the converters.
#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "readiness/readiness_charts.hpp"
#include "readiness/readiness_results.hpp"
#include "readiness/readiness_store.hpp"

namespace goldthread::readiness {

struct InitiativeRef {
  std::string block_slug, title, href;
};
struct ActionRef {
  std::int64_t id = 0;
  std::string block_slug, text, href, owner_name, organisation_name, due_on, status, status_label, staleness;
};

struct RoundPage {
  Round round;
  Framework framework;
  std::string today;
  HeatMap heat;
  RadarSeries place_radar;
  std::optional<std::pair<Group, RadarSeries>> organisation_radar;  // ?organisation=
  std::vector<Group> organisations;                                 // choices for the radar
  int submitted = 0, drafts = 0;
  double below = 3;
  std::vector<std::string> weak;
  std::vector<InitiativeRef> initiatives;
  std::vector<ActionRef> actions;
  std::vector<Round> other_rounds;  // to compare with
  // Screen state (never in the resource)
  std::string my_status;  // "", draft, submitted
  bool can_answer = false, can_admin = false, can_add_action = false;
  std::vector<std::pair<std::int64_t, std::string>> my_organisations;
  // Facilitated rounds: each invited organisation of the visitor, with its answer's status.
  struct Choice {
    std::string name, href, status;
  };
  std::vector<Choice> answer_choices;
  std::string banner;
};

std::string mode_label(const std::string& mode);
nlohmann::json framework_resource(const Framework& f);
nlohmann::json round_summary(const Round& r, const std::string& today);
nlohmann::json heat_map_json(const HeatMap& m);
nlohmann::json round_resource(const RoundPage& p);
nlohmann::json round_model(const RoundPage& p);
// The results as CSV: one row a block and group (the place as group "all"), anonymity applied.
std::string results_csv(const RoundPage& p);

struct Comparison {
  Round before, after;
  Framework framework_before, framework_after;
  std::vector<std::string> codes;
  std::vector<Movement> movements;
  int threshold = kDefaultThreshold;
};
nlohmann::json comparison_json(const Comparison& c);

}  // namespace goldthread::readiness
