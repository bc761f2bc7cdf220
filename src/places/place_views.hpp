#pragma once
// View models for the places pages; the same JSON is the page's JSON twin.
#include <nlohmann/json.hpp>

#include "places/places.hpp"

namespace goldthread::places {

nlohmann::json paragraphs(const std::string& text);  // "a\n\nb" → ["a", "b"]
nlohmann::json place_json(const Place& p);
nlohmann::json area_json(const Area& a);
nlohmann::json ambition_json(const Ambition& a);

}  // namespace goldthread::places
