#pragma once
// Guards on writes by the public (issue 14.5), shared by every capability that takes
// contributions: a rate limit per person and per client address, a honeypot field on forms
// anonymous people can post, and duplicate-post detection. Each returns a core::Status whose
// error carries a plain-English message (ErrorKind::too_many renders as a 429 page; a
// honeypot or duplicate is ErrorKind::invalid naming the field), so a handler shows it like
// any other expected error.
//
// The counters live in memory, one set per App (App::state): they bound bursts from one
// person or address; they are not an audit and reset when the server restarts (recorded in
// docs/DECISIONS.md). Checks are O(1) amortised and take one short mutex.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace goldthread::core {
class Context;
}

namespace goldthread::core::abuse {

struct Limit {
  std::string action;    // e.g. "proposal", "comment", "support" (one budget per action)
  int per_person = 20;   // writes one signed-in person may make in the window
  int per_address = 60;  // writes one client address may make in the window
  std::chrono::seconds window{std::chrono::minutes(10)};
  std::string what;  // plain words for the message, e.g. "post comments"
};

// Counts one write by `person` (when signed in) and by the request's client address, and
// refuses (too_many, nothing counted) when either budget for the action is spent.
Status allow_write(Context& ctx, const Limit& limit, std::optional<std::int64_t> person);

// The hidden field every anonymous-postable form carries (the core template partial
// `honeypot` renders it, labelled for screen readers as "leave this empty"). Non-empty → a
// person did not fill it in: refuse.
inline constexpr const char* kHoneypotField = "website";
Status check_honeypot(Context& ctx);

// Refuses the same text (compared after trimming, case-folding and collapsing white space)
// posted for the same action by the same person (or, signed out, address) within `window` of
// a post remembered by remember_post. `field` names the form field for the error summary.
// Read-only: a form sent back with errors is not remembered, so fixing it is not a duplicate.
Status check_duplicate(Context& ctx, std::string_view action, std::optional<std::int64_t> person, std::string_view text,
                       std::string_view field, std::chrono::seconds window = std::chrono::minutes(10));
// Call after the write committed.
void remember_post(Context& ctx, std::string_view action, std::optional<std::int64_t> person, std::string_view text);

}  // namespace goldthread::core::abuse
