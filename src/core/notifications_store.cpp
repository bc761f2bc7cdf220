// The only SQL of core::notifications (tables notifications, notification_inbox; reads follows).
#include <mutex>
#include <stdexcept>

#include "core/notifications.hpp"

namespace goldthread::core::notifications {
namespace {

std::mutex g_listener_mu;
Listener& listener() {
  static Listener l;
  return l;
}

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

constexpr const char* kCols =
    "n.id, n.subject_type, n.subject_id, n.kind, n.title, n.href, n.summary, n.tags, "
    "n.is_public, n.created_at";

Stored from_row(const Row& r) {
  Stored s;
  s.id = r.integer(0);
  s.subject_type = r.text(1);
  s.subject_id = r.integer(2);
  s.kind = r.text(3);
  s.title = r.text(4);
  s.href = r.text(5);
  s.summary = r.text(6);
  s.tags = tags_of(r.text(7));
  s.is_public = r.integer(8) != 0;
  s.created_at = r.text(9);
  return s;
}

}  // namespace

void set_listener(Listener l) {
  std::lock_guard g(g_listener_mu);
  listener() = std::move(l);
}

std::int64_t publish(Connection& c, const Notice& n) {
  if (n.kind.empty() || n.title.empty() || n.href.empty())
    throw std::invalid_argument("core::notifications::publish: kind, title and href are required");
  for (const auto& t : n.tags)
    if (t.empty() || t.find_first_of(" %_") != std::string::npos)
      throw std::invalid_argument("core::notifications::publish: a tag may not hold spaces, % or _: " + t);
  auto now = now_utc();
  auto id = c.query(
                 "INSERT INTO notifications (subject_type, subject_id, kind, title, href, summary, tags, is_public, "
                 "actor_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 {n.subject_type, n.subject_id, n.kind, n.title, n.href, n.summary, tags_text(n.tags),
                  std::int64_t{n.is_public ? 1 : 0}, n.actor_user_id, now})
                .rows.at(0)
                .integer(0);
  // Followers of the subject and of every further subject, each once, never the actor.
  std::string where = "(resource_type = ? AND resource_id = ?)";
  std::vector<Value> params = {id, n.kind, now, n.subject_type, n.subject_id};
  for (const auto& s : n.also) {
    where += " OR (resource_type = ? AND resource_id = ?)";
    params.emplace_back(s.type);
    params.emplace_back(s.id);
  }
  params.emplace_back(n.actor_user_id);
  if (n.tell_followers)
    // CAST: PostgreSQL resolves an untyped parameter of a SELECT DISTINCT list as text.
    c.query(
        "INSERT INTO notification_inbox (user_id, notification_id, kind, created_at) SELECT DISTINCT user_id, "
        "CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT) FROM follows WHERE (" +
            where + ") AND user_id <> ?",
        params);
  for (auto uid : n.recipients) {
    if (uid == n.actor_user_id || uid <= 0) continue;
    if (c.query("SELECT 1 FROM notification_inbox WHERE user_id = ? AND notification_id = ?", {uid, id}).rows.empty())
      c.query("INSERT INTO notification_inbox (user_id, notification_id, kind, created_at) VALUES (?, ?, ?, ?)",
              {uid, id, n.kind, now});
  }
  Listener l;
  {
    std::lock_guard g(g_listener_mu);
    l = listener();
  }
  if (l) {
    std::vector<std::int64_t> reached;
    for (const auto& r :
         c.query("SELECT user_id FROM notification_inbox WHERE notification_id = ? ORDER BY user_id", {id}).rows)
      reached.push_back(r.integer(0));
    Stored s{id, n.subject_type, n.subject_id, n.kind, n.title, n.href, n.summary, n.tags, n.is_public, now, ""};
    if (!reached.empty()) l(c, s, reached);
  }
  return id;
}

Page public_stream(Connection& c, const Filter& f) {
  std::string where = "n.is_public = 1";
  std::vector<Value> params;
  if (!f.tag.empty()) {
    where += " AND n.tags LIKE ?";
    params.emplace_back("% " + f.tag + " %");
  }
  if (!f.kind.empty()) {
    where += " AND n.kind = ?";
    params.emplace_back(f.kind);
  }
  if (!f.subject_type.empty()) {
    where += " AND n.subject_type = ?";
    params.emplace_back(f.subject_type);
  }
  Page p;
  p.total = c.query("SELECT count(*) FROM notifications n WHERE " + where, params).rows.at(0).integer(0);
  int per = std::max(1, f.per_page);
  params.emplace_back(std::int64_t{per});
  params.emplace_back(static_cast<std::int64_t>(std::max(1, f.page) - 1) * per);
  for (const auto& r : c.query(std::string("SELECT ") + kCols + " FROM notifications n WHERE " + where +
                                   " ORDER BY n.id DESC LIMIT ? OFFSET ?",
                               params)
                           .rows)
    p.items.push_back(from_row(r));
  return p;
}

Page inbox(Connection& c, std::int64_t user_id, int page, int per_page) {
  Page p;
  p.total = c.query("SELECT count(*) FROM notification_inbox WHERE user_id = ?", {user_id}).rows.at(0).integer(0);
  int per = std::max(1, per_page);
  for (const auto& r : c.query(std::string("SELECT ") + kCols +
                                   ", i.read_at FROM notification_inbox i JOIN notifications n ON n.id = "
                                   "i.notification_id WHERE i.user_id = ? ORDER BY n.id DESC LIMIT ? OFFSET ?",
                               {user_id, std::int64_t{per}, static_cast<std::int64_t>(std::max(1, page) - 1) * per})
                           .rows) {
    auto s = from_row(r);
    s.read_at = r.text(10);
    p.items.push_back(std::move(s));
  }
  return p;
}

std::int64_t unread_count(Connection& c, std::int64_t user_id) {
  return c.query("SELECT count(*) FROM notification_inbox WHERE user_id = ? AND read_at IS NULL", {user_id})
      .rows.at(0)
      .integer(0);
}

std::int64_t mark_all_read(Connection& c, std::int64_t user_id) {
  return c
      .query("UPDATE notification_inbox SET read_at = ? WHERE user_id = ? AND read_at IS NULL", {now_utc(), user_id})
      .changes;
}

void for_each_in_window(Connection& c, const std::string& from, const std::string& to,
                        const std::function<void(std::int64_t user_id, const Stored&)>& fn) {
  // Keyset pages of 2,000 entries in primary-key order: memory does not grow with the window,
  // and each page continues the walk of the key where the last stopped (one pass in all).
  // The window's bounds are written `created_at || ''` so that neither engine picks the
  // created_at index instead: that index would have every page gather and sort the whole
  // window again (quadratic: a 1,000,000-event day did not finish in 600 s, issue 16.6).
  std::int64_t after_user = -1, after_id = -1;
  for (;;) {
    auto rs = c.query(std::string("SELECT i.user_id, ") + kCols +
                          " FROM notification_inbox i JOIN notifications n ON n.id = i.notification_id "
                          "WHERE i.created_at || '' >= ? AND i.created_at || '' < ? AND "
                          "(i.user_id, i.notification_id) > (?, ?) ORDER BY i.user_id, i.notification_id LIMIT 2000",
                      {from, to, after_user, after_id});
    if (rs.rows.empty()) return;
    for (const auto& r : rs.rows) {
      Stored s;
      s.id = r.integer(1);
      s.subject_type = r.text(2);
      s.subject_id = r.integer(3);
      s.kind = r.text(4);
      s.title = r.text(5);
      s.href = r.text(6);
      s.summary = r.text(7);
      s.tags = tags_of(r.text(8));
      s.is_public = r.integer(9) != 0;
      s.created_at = r.text(10);
      after_user = r.integer(0);
      after_id = s.id;
      fn(after_user, s);
    }
  }
}

void remove_person(Connection& c, std::int64_t user_id) {
  c.query("DELETE FROM notification_inbox WHERE user_id = ?", {user_id});
}

}  // namespace goldthread::core::notifications
