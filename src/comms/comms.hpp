#pragma once
// The comms capability (issue 16): the newsletter (double opt-in, interests, one-click
// unsubscribe, issues composed in Markdown and sent to everyone or a segment, a public
// archive), news, following any resource, notifications in the site and by mail (at once,
// daily or weekly digest, never — per kind), Atom feeds and "what's happening". Notifications
// themselves are a core service (core/notifications.hpp) that other capabilities call.
//
// Tables: newsletter_subscribers, newsletter_issues, news_items, comms_preferences,
// comms_mail_tokens, comms_digests (migrations/). See README.md.
#include <cstddef>

namespace goldthread::core {
class Registry;
}

namespace goldthread::comms {

// Field limits in characters (docs/LIMITS.md).
inline constexpr std::size_t kMaxEmail = 254;
inline constexpr std::size_t kMaxInterests = 60;
inline constexpr std::size_t kMaxIssueSubject = 150;
inline constexpr std::size_t kMaxIssueBody = 50000;
inline constexpr std::size_t kMaxNewsTitle = 150;
inline constexpr std::size_t kMaxNewsBody = 20000;

void register_module(core::Registry& r);

}  // namespace goldthread::comms
