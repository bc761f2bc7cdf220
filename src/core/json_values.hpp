#pragma once
// Small values the view files (`*_json.cpp`) write into template models, in one place.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace goldthread::core {

// kainjow mustache treats "" as true: an absent text is null in a template model.
inline nlohmann::json text_or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

// A select's or radio group's choices, (value, text) in order, with the chosen one marked.
inline nlohmann::json select_options(const std::vector<std::pair<std::string, std::string>>& items,
                                     const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [v, t] : items) out.push_back({{"value", v}, {"text", t}, {"selected", v == selected}});
  return out;
}

}  // namespace goldthread::core
