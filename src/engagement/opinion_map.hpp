#pragma once
// The opinion map of a conversation as a view model: groups with their sizes and
// representative statements, consensus statements, and an SVG-ready projection.
#include <nlohmann/json.hpp>

#include "engagement/conversation_store.hpp"
#include "opinion/engine.hpp"

namespace goldthread::engagement {

// Runs the opinion engine on the stored votes (cold start, Pol.is parameters).
nlohmann::json opinion_map(const ConversationData& data);
// The same from an engine's analysis (nullptr: no votes yet), for the live map worker.
nlohmann::json opinion_map_of(const opinion::Analysis* analysis, const std::map<std::int64_t, std::string>& statements);

}  // namespace goldthread::engagement
