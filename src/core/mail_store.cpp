#include "core/mail_store.hpp"

#include <ctime>

#include "core/text.hpp"

namespace goldthread::core::mail::store {
namespace {

constexpr const char* kCols =
    "id, to_address, subject, text_body, html_body, message_id, status, attempts, next_attempt_at, last_error, "
    "created_at, sent_at, extra_headers, batch";

Stored from_row(const Row& r) {
  Stored s;
  s.id = r.integer(0);
  s.to = r.text(1);
  s.subject = r.text(2);
  s.text = r.text(3);
  s.html = r.text(4);
  s.message_id = r.text(5);
  s.status = r.text(6);
  s.attempts = r.integer(7);
  s.next_attempt_at = r.text(8);
  s.last_error = r.text(9);
  s.created_at = r.text(10);
  s.sent_at = r.text(11);
  s.headers = r.text(12);
  s.batch = r.text(13);
  return s;
}

std::vector<Stored> all(ResultSet rs) {
  std::vector<Stored> out;
  for (const auto& r : rs.rows) out.push_back(from_row(r));
  return out;
}

}  // namespace

std::string iso_ms(std::chrono::system_clock::time_point t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(ms % 1000));
  return buf;
}

std::int64_t insert(Connection& c, const Message& m, const std::string& message_id, const std::string& now) {
  std::string headers;
  for (const auto& [name, value] : m.headers) headers += name + ": " + value + "\r\n";
  return c
      .query(
          "INSERT INTO mail_outbox (to_address, subject, text_body, html_body, message_id, status, attempts, "
          "next_attempt_at, created_at, extra_headers, batch) VALUES (?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?) "
          "RETURNING id",
          {m.to, m.subject, m.text, m.html, message_id, now, now, headers, m.batch})
      .rows.at(0)
      .integer(0);
}

std::vector<Stored> for_recipient(Connection& c, const std::string& to) {
  return all(c.query(std::string("SELECT ") + kCols + " FROM mail_outbox WHERE to_address = ? ORDER BY id", {to}));
}

std::int64_t redact_person(Connection& c, const std::string& name, const std::string& email, const std::string& as_name,
                           const std::string& as_email) {
  // Messages to the person: nothing more is sent, and the bodies (their name, links that act
  // as credentials) are dropped.
  auto to_them = c.query(
      "UPDATE mail_outbox SET to_address = ?, text_body = '(removed: the account was deleted)', "
      "html_body = '', status = CASE WHEN status = 'sent' THEN 'sent' ELSE 'dead' END, "
      "last_error = CASE WHEN status = 'sent' THEN last_error ELSE 'account deleted' END "
      "WHERE lower(to_address) = lower(?)",
      {as_email, email});
  std::int64_t changed = to_them.changes;
  // Messages to others that name them ("Rae asked to join …").
  std::vector<Value> params;
  std::string where;
  for (const auto* needle : {&email, &name}) {
    if (needle->size() < 3) continue;
    where += std::string(where.empty() ? "" : " OR ") +
             "lower(subject) LIKE ? ESCAPE '\\' OR lower(text_body) LIKE ? ESCAPE '\\' OR lower(html_body) LIKE ? "
             "ESCAPE '\\'";
    for (int k = 0; k < 3; ++k) params.emplace_back(like_contains(*needle));
  }
  if (where.empty()) return changed;
  auto redact = [&](const std::string& s) {
    return name.size() >= 3 ? replace_all(replace_all_ignoring_case(s, email, as_email), name, as_name)
                            : replace_all_ignoring_case(s, email, as_email);
  };
  for (const auto& r :
       c.query("SELECT id, subject, text_body, html_body FROM mail_outbox WHERE " + where, params).rows) {
    c.query("UPDATE mail_outbox SET subject = ?, text_body = ?, html_body = ? WHERE id = ?",
            {redact(r.text(1)), redact(r.text(2)), redact(r.text(3)), r.integer(0)});
    ++changed;
  }
  return changed;
}

std::optional<Stored> find(Connection& c, std::int64_t id) {
  auto r = first_row(c.query(std::string("SELECT ") + kCols + " FROM mail_outbox WHERE id = ?", {id}));
  if (!r) return std::nullopt;
  return from_row(*r);
}

Page list(Connection& c, const std::string& status, int page, int per_page) {
  Page p;
  std::int64_t offset = static_cast<std::int64_t>(page - 1) * per_page;
  if (status.empty()) {
    p.total = c.query("SELECT count(*) FROM mail_outbox").rows.at(0).integer(0);
    p.messages = all(c.query(std::string("SELECT ") + kCols + " FROM mail_outbox ORDER BY id DESC LIMIT ? OFFSET ?",
                             {std::int64_t{per_page}, offset}));
  } else {
    p.total = count_with_status(c, status);
    p.messages = all(
        c.query(std::string("SELECT ") + kCols + " FROM mail_outbox WHERE status = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                {status, std::int64_t{per_page}, offset}));
  }
  return p;
}

BatchProgress batch_progress(Connection& c, const std::string& batch) {
  BatchProgress p;
  for (const auto& r :
       c.query("SELECT status, count(*) FROM mail_outbox WHERE batch = ? GROUP BY status", {batch}).rows) {
    auto st = r.text(0);
    auto n = r.integer(1);
    if (st == "queued")
      p.queued = n;
    else if (st == "sending")
      p.sending = n;
    else if (st == "sent")
      p.sent = n;
    else
      p.dead += n;
  }
  return p;
}

std::int64_t count_with_status(Connection& c, const std::string& status) {
  return c.query("SELECT count(*) FROM mail_outbox WHERE status = ?", {status}).rows.at(0).integer(0);
}

std::optional<Stored> claim_next(Connection& c, const std::string& now) {
  // A few candidates, then a conditional UPDATE per candidate: whoever changes the row owns
  // it. Another sender that read the same candidate finds status no longer 'queued'.
  auto due = c.query(
      "SELECT id FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id "
      "LIMIT 5",
      {now});
  for (const auto& r : due.rows) {
    auto id = r.integer(0);
    auto claimed = c.query(
        "UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, claimed_at = ? WHERE id = ? AND "
        "status = 'queued'",
        {now, id});
    if (claimed.changes == 1) return find(c, id);
  }
  return std::nullopt;
}

std::int64_t requeue_stale(Connection& c, const std::string& stale_before, const std::string& now) {
  return c
      .query(
          "UPDATE mail_outbox SET status = 'queued', next_attempt_at = ?, last_error = 'the sender stopped during "
          "delivery' WHERE status = 'sending' AND claimed_at < ?",
          {now, stale_before})
      .changes;
}

void mark_sent(Connection& c, std::int64_t id, const std::string& now) {
  c.query("UPDATE mail_outbox SET status = 'sent', sent_at = ?, last_error = '' WHERE id = ? AND status = 'sending'",
          {now, id});
}

void mark_failed(Connection& c, std::int64_t id, const std::string& error, bool dead,
                 const std::string& next_attempt_at) {
  c.query(
      "UPDATE mail_outbox SET status = ?, last_error = ?, next_attempt_at = ? WHERE id = ? AND status = "
      "'sending'",
      {std::string(dead ? "dead" : "queued"), error, next_attempt_at, id});
}

bool revive(Connection& c, std::int64_t id, const std::string& now) {
  return c.query(
              "UPDATE mail_outbox SET status = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ? AND "
              "status = 'dead'",
              {now, id})
             .changes == 1;
}

}  // namespace goldthread::core::mail::store
