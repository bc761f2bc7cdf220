#pragma once
// The comms services: each write is one call that owns its transaction and audits in it.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "comms/comms_store.hpp"
#include "core/audit.hpp"
#include "core/auth.hpp"
#include "core/notifications.hpp"
#include "core/result.hpp"

namespace goldthread::comms {

struct Origin {
  std::string request_id, base_url;
};

// A kind of notification a person may choose how to hear of.
struct Kind {
  const char* key;
  const char* label;
};
const std::vector<Kind>& kinds();
const std::vector<std::string>& frequencies();  // now, daily, weekly, never
std::string kind_label(const std::string& key);
inline constexpr const char* kDefaultFrequency = "daily";

std::string random_token();
std::string normalise_email(const std::string& s);  // trimmed, lower-case
bool looks_like_email(const std::string& s);

// --- newsletter ---
struct SubscribeInput {
  std::string email;
  std::vector<std::string> interests;  // "ambition:<id>", "area:<code>"
};
// Always "check your e-mail" (whether the address was known is not told): a new or lapsed
// address gets a confirmation link; a confirmed one a note that it already is subscribed.
core::Status subscribe(core::Database& db, const Origin& from, const SubscribeInput& in);
core::Result<Subscriber> confirm_subscription(core::Database& db, const Origin& from, const std::string& token);
core::Result<Subscriber> unsubscribe(core::Database& db, const Origin& from, const std::string& token);

struct IssueInput {
  std::string subject, body_markdown;
};
std::vector<core::FieldError> validate_issue(const IssueInput& in);
core::Result<Issue> save_issue(core::Database& db, const core::audit::Actor& actor, std::int64_t id,
                               const IssueInput& in);
// The issue as every subscriber would get it, to `to` only, subject marked "[Test]".
core::Status send_test_issue(core::Database& db, const core::audit::Actor& actor, const Origin& from, std::int64_t id,
                             const std::string& to);
// How much of a sending one call does. Each batch is its own short transaction: it queues up
// to batch_size messages and moves the issue's cursor past them, so other writes go on between
// batches, a crash loses at most the batch in flight (rolled back, redone on resuming) and
// nobody is queued twice (a second sender finds the cursor moved and skips that batch).
struct SendLimits {
  int batch_size = 500;
  // On SQLite, a rest between batches so that other writers, whose busy handler polls every
  // few tens of milliseconds, get the write lock (back-to-back batches starved them for
  // seconds). Not on PostgreSQL, which locks rows, not the database.
  std::chrono::milliseconds sqlite_pause{50};
  int max_batches = 0;                              // 0 = no limit
  std::chrono::milliseconds budget{0};              // 0 = no limit; else stop after the batch that passes it
  std::function<void(const Issue&)> on_batch = {};  // after each committed batch (the CLI's progress)
};
// Sends a draft to every confirmed subscriber (with the interest `segment` when not ""): the
// issue becomes "sending" (audited, with the count of recipients), then batches are queued
// in the outbox under the batch "newsletter-<id>" as `limits` allow; when none remain it is
// "sent" (audited) and its followers are notified. On an issue already sending it resumes
// (the segment chosen first stands); on one sent it is a conflict.
core::Result<Issue> send_issue(core::Database& db, const core::audit::Actor& actor, const Origin& from, std::int64_t id,
                               const std::string& segment, const SendLimits& limits = {});
// Queues further batches of an issue being sent, as `limits` allow; the issue as it then is.
// A sent issue is returned as it is; a draft is a conflict.
core::Result<Issue> continue_sending(core::Database& db, const Origin& from, std::int64_t id,
                                     const SendLimits& limits = {});
std::string issue_batch(std::int64_t id);

// --- news ---
struct NewsInput {
  std::string title, body_markdown;
  std::vector<std::int64_t> ambition_ids;
  std::vector<std::string> areas;  // ONS codes of the place's areas
  std::int64_t organisation_id = 0;
};
core::Result<NewsItem> publish_news(core::Database& db, const core::Principal& who, const core::audit::Actor& actor,
                                    const NewsInput& in);

// --- follows, notifications, preferences ---
// The kinds of resource a person may follow; each checks the resource exists.
bool followable(const std::string& type);
struct FollowOutcome {
  bool following = false;
  std::string title, href;
};
core::Result<FollowOutcome> set_follow(core::Database& db, const core::Principal& who, const core::audit::Actor& actor,
                                       const std::string& type, std::int64_t id, bool follow);
core::Status mark_all_read(core::Database& db, const core::audit::Actor& actor, std::int64_t user_id);
// kind → frequency; unknown kinds or frequencies are invalid.
core::Status save_preferences(core::Database& db, const core::audit::Actor& actor, std::int64_t user_id,
                              const std::map<std::string, std::string>& choices);
// The one-click "stop these e-mails" link: the kind's frequency becomes never.
core::Status stop_kind(core::Database& db, const Origin& from, const std::string& token, const std::string& kind);
std::map<std::string, std::string> preferences(core::Connection& c, std::int64_t user_id);

// The core::notifications listener: mail at once to those who chose it for the kind.
void deliver_at_once(core::Connection& c, const core::notifications::Stored& n,
                     const std::vector<std::int64_t>& recipients, const std::string& base_url);

struct DigestReport {
  std::int64_t people = 0, messages = 0, already = 0, entries = 0;
  std::string period_key, from, to;
};
// period "daily": the day before `today` (UTC); "weekly": the ISO week before the one holding
// `today`. At most one message per person per period (comms_digests), so a second run sends
// nothing. Each person's digest is its own transaction.
core::Result<DigestReport> run_digest(core::Database& db, const std::string& base_url, const std::string& period,
                                      const std::string& today);

}  // namespace goldthread::comms
