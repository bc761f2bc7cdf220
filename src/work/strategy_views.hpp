#pragma once
// Typed view models of the strategy pages; written as JSON (resource and screen) in
// work/strategy_json.cpp.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "partners/partners.hpp"
#include "work/initiative_views.hpp"
#include "work/work.hpp"

namespace goldthread::work {

struct StrategyView {
  Strategy strategy;
  NamedLink owner;  // href "" when the owner is not a registered organisation
  std::vector<AlignmentView> alignments;
};
struct StrategyScreen {
  bool can_edit = false;
  std::optional<std::string> banner;
};
void to_json(nlohmann::json& j, const StrategyView& v);
void screen_json(nlohmann::json& j, const StrategyView& v, const StrategyScreen& s);

struct StrategiesView {
  std::vector<StrategyView> strategies;  // alignments left empty
};
void to_json(nlohmann::json& j, const StrategiesView& v);
void screen_json(nlohmann::json& j, const StrategiesView& v, bool can_create);

}  // namespace goldthread::work
