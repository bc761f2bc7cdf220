#pragma once
// The only SQL of core::mail (table mail_outbox). Callers own transactions.
#include <chrono>
#include <optional>
#include <string>

#include "core/mail.hpp"

namespace goldthread::core::mail::store {

// "2026-12-01T09:00:00.123Z": milliseconds, so short test back-offs compare correctly as text.
std::string iso_ms(std::chrono::system_clock::time_point t);

std::int64_t insert(Connection& c, const Message& m, const std::string& message_id, const std::string& now);
std::vector<Stored> for_recipient(Connection& c, const std::string& to);
// See core::mail::redact_person.
std::int64_t redact_person(Connection& c, const std::string& name, const std::string& email, const std::string& as_name,
                           const std::string& as_email);
std::optional<Stored> find(Connection& c, std::int64_t id);
Page list(Connection& c, const std::string& status, int page, int per_page);
std::int64_t count_with_status(Connection& c, const std::string& status);
BatchProgress batch_progress(Connection& c, const std::string& batch);

// Claims the oldest queued message due at `now` (status → sending, attempts + 1). Only one
// caller can claim a message: the UPDATE is conditional on the status still being queued.
std::optional<Stored> claim_next(Connection& c, const std::string& now);
// A message left in `sending` since before `stale_before` (its sender died) goes back to queued.
std::int64_t requeue_stale(Connection& c, const std::string& stale_before, const std::string& now);
void mark_sent(Connection& c, std::int64_t id, const std::string& now);
// Back to queued for another try at next_attempt_at, or dead when `dead`.
void mark_failed(Connection& c, std::int64_t id, const std::string& error, bool dead,
                 const std::string& next_attempt_at);
// dead → queued with attempts 0; false when the message is not dead.
bool revive(Connection& c, std::int64_t id, const std::string& now);

}  // namespace goldthread::core::mail::store
