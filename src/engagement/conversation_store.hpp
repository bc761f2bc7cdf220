#pragma once
#include <map>

#include "engagement/engagement.hpp"
#include "opinion/types.hpp"

namespace goldthread::engagement {

struct ConversationData {
  std::map<std::int64_t, std::string> statements;  // tid → text
  std::vector<opinion::Moderation> moderation;
  std::vector<opinion::Vote> votes;  // final votes, ordered by (tid, pid) as the Pol.is poller reads them
};

ConversationData load_conversation_data(core::Connection& c, std::int64_t conversation_id);

}  // namespace goldthread::engagement
