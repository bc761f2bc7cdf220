#pragma once
// The opinion map of a conversation as a view model: groups with their sizes and
// representative statements, consensus statements, and an SVG-ready projection.
#include <nlohmann/json.hpp>

#include "engagement/conversation_store.hpp"

namespace goldthread::engagement {

// Runs the opinion engine on the stored votes (cold start, Pol.is parameters).
nlohmann::json opinion_map(const ConversationData& data);

}  // namespace goldthread::engagement
