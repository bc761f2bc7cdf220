// SQL of the newsletter: subscribers and issues.
#include "comms/comms_store.hpp"

namespace goldthread::comms {

std::string tags_text(const std::vector<std::string>& tags) {
  std::string out = " ";
  for (const auto& t : tags) out += t + " ";
  return out;
}

std::vector<std::string> tags_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    auto sp = s.find(' ', pos);
    if (sp == std::string::npos) sp = s.size();
    if (sp > pos) out.push_back(s.substr(pos, sp - pos));
    pos = sp + 1;
  }
  return out;
}

namespace store {
namespace {

constexpr const char* kSubCols = "id, email, token, status, interests, created_at, confirmed_at";
constexpr const char* kIssueCols =
    "id, subject, body_markdown, body_html, segment, status, recipients, created_by, created_at, sent_at, "
    "send_cursor, queued";

Subscriber subscriber(const core::Row& r) {
  return {r.integer(0), r.text(1), r.text(2), r.text(3), tags_of(r.text(4)), r.text(5), r.text(6)};
}

Issue issue(const core::Row& r) {
  return {r.integer(0), r.text(1),    r.text(2), r.text(3), r.text(4),     r.text(5),
          r.integer(6), r.integer(7), r.text(8), r.text(9), r.integer(10), r.integer(11)};
}

}  // namespace

std::optional<Subscriber> subscriber_by_email(core::Connection& c, const std::string& email) {
  auto r = core::first_row(
      c.query(std::string("SELECT ") + kSubCols + " FROM newsletter_subscribers WHERE email = ?", {email}));
  if (!r) return std::nullopt;
  return subscriber(*r);
}

std::optional<Subscriber> subscriber_by_token(core::Connection& c, const std::string& token) {
  auto r = core::first_row(
      c.query(std::string("SELECT ") + kSubCols + " FROM newsletter_subscribers WHERE token = ?", {token}));
  if (!r) return std::nullopt;
  return subscriber(*r);
}

std::int64_t insert_subscriber(core::Connection& c, const Subscriber& s) {
  return c
      .query(
          "INSERT INTO newsletter_subscribers (email, token, status, interests, created_at) VALUES (?, ?, ?, ?, ?) "
          "RETURNING id",
          {s.email, s.token, s.status, tags_text(s.interests), core::now_utc()})
      .rows.at(0)
      .integer(0);
}

void set_subscriber(core::Connection& c, std::int64_t id, const std::string& status, const std::string& token,
                    const std::vector<std::string>& interests) {
  c.query("UPDATE newsletter_subscribers SET status = ?, token = ?, interests = ? WHERE id = ?",
          {status, token, tags_text(interests), id});
}

void set_subscriber_status(core::Connection& c, std::int64_t id, const std::string& status) {
  auto now = core::now_utc();
  if (status == "confirmed")
    c.query("UPDATE newsletter_subscribers SET status = ?, confirmed_at = ? WHERE id = ?", {status, now, id});
  else if (status == "unsubscribed")
    c.query("UPDATE newsletter_subscribers SET status = ?, unsubscribed_at = ? WHERE id = ?", {status, now, id});
  else
    c.query("UPDATE newsletter_subscribers SET status = ? WHERE id = ?", {status, id});
}

std::int64_t count_subscribers(core::Connection& c, const std::string& status, const std::string& segment) {
  if (segment.empty())
    return c.query("SELECT count(*) FROM newsletter_subscribers WHERE status = ?", {status}).rows.at(0).integer(0);
  return c
      .query("SELECT count(*) FROM newsletter_subscribers WHERE status = ? AND interests LIKE ?",
             {status, "% " + segment + " %"})
      .rows.at(0)
      .integer(0);
}

std::vector<Subscriber> confirmed_after(core::Connection& c, const std::string& segment, std::int64_t after,
                                        int limit) {
  std::vector<core::Value> params = {after};
  std::string where = "status = 'confirmed' AND id > ?";
  if (!segment.empty()) {
    where += " AND interests LIKE ?";
    params.emplace_back("% " + segment + " %");
  }
  params.emplace_back(std::int64_t{limit});
  std::vector<Subscriber> out;
  for (const auto& r : c.query(std::string("SELECT ") + kSubCols + " FROM newsletter_subscribers WHERE " + where +
                                   " ORDER BY id LIMIT ?",
                               params)
                           .rows)
    out.push_back(subscriber(r));
  return out;
}

std::int64_t insert_issue(core::Connection& c, const Issue& i) {
  return c
      .query(
          "INSERT INTO newsletter_issues (subject, body_markdown, body_html, segment, status, created_by, "
          "created_at) VALUES (?, ?, ?, ?, 'draft', ?, ?) RETURNING id",
          {i.subject, i.body_markdown, i.body_html, i.segment, i.created_by, core::now_utc()})
      .rows.at(0)
      .integer(0);
}

void update_issue(core::Connection& c, const Issue& i) {
  c.query("UPDATE newsletter_issues SET subject = ?, body_markdown = ?, body_html = ?, segment = ? WHERE id = ?",
          {i.subject, i.body_markdown, i.body_html, i.segment, i.id});
}

bool start_issue_sending(core::Connection& c, std::int64_t id, const std::string& segment, std::int64_t recipients) {
  return c.query(
              "UPDATE newsletter_issues SET status = 'sending', segment = ?, recipients = ?, send_cursor = 0, "
              "queued = 0 WHERE id = ? AND status = 'draft'",
              {segment, recipients, id})
             .changes == 1;
}

bool advance_issue_cursor(core::Connection& c, std::int64_t id, std::int64_t from, std::int64_t to, std::int64_t n) {
  return c.query(
              "UPDATE newsletter_issues SET send_cursor = ?, queued = queued + ? WHERE id = ? AND status = 'sending' "
              "AND send_cursor = ?",
              {to, n, id, from})
             .changes == 1;
}

bool finish_issue_sending(core::Connection& c, std::int64_t id, const std::string& now) {
  return c.query(
              "UPDATE newsletter_issues SET status = 'sent', recipients = queued, sent_at = ? WHERE id = ? AND "
              "status = 'sending'",
              {now, id})
             .changes == 1;
}

std::optional<Issue> find_issue(core::Connection& c, std::int64_t id) {
  auto r = core::first_row(c.query(std::string("SELECT ") + kIssueCols + " FROM newsletter_issues WHERE id = ?", {id}));
  if (!r) return std::nullopt;
  return issue(*r);
}

std::vector<Issue> list_issues(core::Connection& c, const std::string& status, int page, int per_page,
                               std::int64_t& total) {
  std::string where = status.empty() ? "1 = 1" : "status = ?";
  std::vector<core::Value> params;
  if (!status.empty()) params.emplace_back(status);
  total = c.query("SELECT count(*) FROM newsletter_issues WHERE " + where, params).rows.at(0).integer(0);
  params.emplace_back(std::int64_t{per_page});
  params.emplace_back(static_cast<std::int64_t>(page - 1) * per_page);
  std::vector<Issue> out;
  for (const auto& r : c.query(std::string("SELECT ") + kIssueCols + " FROM newsletter_issues WHERE " + where +
                                   " ORDER BY coalesce(sent_at, created_at) DESC, id DESC LIMIT ? OFFSET ?",
                               params)
                           .rows)
    out.push_back(issue(r));
  return out;
}

}  // namespace store
}  // namespace goldthread::comms
