#pragma once
// Mail, a core service called by name (docs/ARCHITECTURE.md, "Mail"):
//
//   core::Transaction tx(*conn);
//   ... the change ...
//   core::mail::enqueue(*conn, {user.email, "Reset your password", text});
//   tx.commit();
//
// The message is written to the outbox (table mail_outbox) in the caller's transaction, so it
// exists if and only if the action committed. A background Sender, started by `goldthread
// serve`, claims due messages one at a time (never sent twice), delivers them over SMTP with
// libcurl and retries failures with exponential back-off; after max_attempts a message is
// dead and waits for an administrator (/admin/outbox) to retry it.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/audit.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "core/storage.hpp"

namespace goldthread::core::mail {

struct Message {
  std::string to;       // one address, already validated by the caller
  std::string subject;  // UTF-8; encoded in the header when not ASCII
  std::string text;     // REQUIRED: the plain-text part every message carries
  std::string html;     // optional HTML alternative ("" = none)
  // Extra header fields, e.g. {"List-Unsubscribe", "<https://…>"} and
  // {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"} (RFC 8058). Names are letters,
  // digits and '-' and may not be one core writes itself; values are one line (enqueue throws
  // std::invalid_argument otherwise).
  std::vector<std::pair<std::string, std::string>> headers = {};
  // A name grouping the messages of one sending (a newsletter issue), for its progress
  // (batch_progress); "" = none.
  std::string batch = "";
};

// REQUIRES: c is inside the caller's transaction. Throws std::invalid_argument for an address
// with characters that could break the header (CR, LF, <, >, spaces) or an empty text part.
// Returns the new message's id. Logs the recipient and subject (not for a batch's), never the body.
std::int64_t enqueue(Connection& c, const Message& m);

enum class Status { queued, sending, sent, dead };
const char* status_name(Status s);
bool parse_status(const std::string& s, Status& out);

struct Stored {
  std::int64_t id = 0;
  std::string to, subject, text, html, message_id;
  std::string status;  // queued | sending | sent | dead
  std::int64_t attempts = 0;
  std::string next_attempt_at, last_error, created_at, sent_at;
  std::string headers;  // extra header lines, "Name: value" each ending in CRLF
  std::string batch;
};

// How far the sending of a batch has got (Message::batch), by status.
struct BatchProgress {
  std::int64_t queued = 0, sending = 0, sent = 0, dead = 0;
  std::int64_t total() const { return queued + sending + sent + dead; }
};
BatchProgress batch_progress(Connection& c, const std::string& batch);

// Every message to an address, oldest first (tests, the data export).
std::vector<Stored> for_recipient(Connection& c, const std::string& to);
// A deleted person (issue 9.4): messages to their address get `as_email`, lose their bodies
// and are never sent (unless already sent); their name and address are replaced in every
// other message's subject and bodies. Returns messages changed. REQUIRES: in the transaction.
std::int64_t redact_person(Connection& c, const std::string& name, const std::string& email,
                           const std::string& as_name, const std::string& as_email);
std::optional<Stored> find(Connection& c, std::int64_t id);

struct Page {
  std::vector<Stored> messages;  // newest first
  std::int64_t total = 0;
};
// status "" = every status.
Page list(Connection& c, const std::string& status, int page, int per_page);
std::int64_t count_with_status(Connection& c, Status s);

// A dead message back to queued with its attempts reset, audited (action "retry", resource
// "mail"). not_found for an unknown id; conflict unless the message is dead.
core::Status retry(Database& db, const audit::Actor& actor, std::int64_t id);

// --- Delivery ------------------------------------------------------------------------------
struct SmtpConfig {
  std::string host;                   // "" = not configured: mail stays in the outbox
  int port = 0;                       // 0 = 25 (none), 587 (starttls), 465 (tls)
  std::string security = "starttls";  // none | starttls | tls
  std::string username, password;
  std::string ca_file;                        // PEM bundle to verify the server's certificate ("" = the system's CAs)
  std::string from = "goldthread@localhost";  // envelope and From: header
  int max_attempts = 10;
  std::chrono::milliseconds retry_base{30'000};    // first retry after this, doubling
  std::chrono::milliseconds retry_max{3'600'000};  // never longer than this between tries
  std::chrono::milliseconds poll{2'000};           // how often the sender looks for due mail
  std::chrono::seconds timeout{60};                // one SMTP conversation at most
  bool configured() const { return !host.empty(); }
  int effective_port() const;
};
SmtpConfig smtp_config(const Config& cfg);
// "" when usable, else what is wrong (an unknown security mode, no from address).
std::string check(const SmtpConfig& s);

// Delay after the n-th failed attempt (n >= 1): retry_base * 2^(n-1), at most retry_max.
std::chrono::milliseconds backoff(const SmtpConfig& s, std::int64_t failed_attempts);

// The RFC 5322 message: Date, Message-ID, From, To, Subject (RFC 2047 when not ASCII),
// MIME-Version, and a text/plain part or multipart/alternative with text and HTML. CRLF lines.
std::string build_mime(const Stored& m, const std::string& from, const std::string& date);
std::string encode_header_value(const std::string& utf8);
std::string rfc5322_date(std::chrono::system_clock::time_point t);

// One SMTP conversation (libcurl). "" on success, else the error. permanent is set for a 5xx
// answer (the server refused the message; retrying will not help).
std::string deliver(const SmtpConfig& s, const Stored& m, bool& permanent);

// The background sender. Thread-safe; one per process (several processes may share a
// PostgreSQL database: each message is claimed by exactly one of them).
class Sender {
 public:
  Sender(Database& db, SmtpConfig cfg);
  ~Sender();  // stops and joins
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;
  void start();
  void stop();
  // Delivers every message due now, one claim at a time; returns how many it attempted.
  int run_once();

 private:
  void loop();
  Database& db_;
  SmtpConfig cfg_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

// For `goldthread serve`: a started Sender when SMTP is configured, else nullptr (with a log
// line saying mail stays in the outbox).
std::unique_ptr<Sender> start_sender(Database& db, const Config& cfg);

}  // namespace goldthread::core::mail
