#pragma once
// The comms capability's SQL (newsletter_store.cpp, news_store.cpp, preference_store.cpp).
// Callers own transactions.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/storage.hpp"

namespace goldthread::comms {

struct Subscriber {
  std::int64_t id = 0;
  std::string email, token, status;    // pending | confirmed | unsubscribed
  std::vector<std::string> interests;  // "ambition:12", "area:E10000012"
  std::string created_at, confirmed_at;
};

struct Issue {
  std::int64_t id = 0;
  std::string subject, body_markdown, body_html, segment, status;  // draft | sending | sent
  std::int64_t recipients = 0, created_by = 0;
  std::string created_at, sent_at;
  // While sending: the id of the last subscriber queued, and how many are queued so far.
  std::int64_t send_cursor = 0, queued = 0;
};

struct NewsItem {
  std::int64_t id = 0;
  std::string slug, title, body_markdown, body_html;
  std::vector<std::string> tags;
  std::int64_t organisation_id = 0, author_user_id = 0;
  std::string author_name, published_at;
};

std::string tags_text(const std::vector<std::string>& tags);
std::vector<std::string> tags_of(const std::string& s);

namespace store {

// --- newsletter ---
std::optional<Subscriber> subscriber_by_email(core::Connection& c, const std::string& email);
std::optional<Subscriber> subscriber_by_token(core::Connection& c, const std::string& token);
std::int64_t insert_subscriber(core::Connection& c, const Subscriber& s);
void set_subscriber(core::Connection& c, std::int64_t id, const std::string& status, const std::string& token,
                    const std::vector<std::string>& interests);
void set_subscriber_status(core::Connection& c, std::int64_t id, const std::string& status);
std::int64_t count_subscribers(core::Connection& c, const std::string& status, const std::string& segment);
// The next `limit` confirmed subscribers (matching `segment` when not "") after id `after`,
// in id order (a keyset page: the list is never loaded whole).
std::vector<Subscriber> confirmed_after(core::Connection& c, const std::string& segment, std::int64_t after, int limit);

std::int64_t insert_issue(core::Connection& c, const Issue& i);
void update_issue(core::Connection& c, const Issue& i);
// draft → sending, to `recipients` subscribers of `segment`; false when no longer a draft.
bool start_issue_sending(core::Connection& c, std::int64_t id, const std::string& segment, std::int64_t recipients);
// Moves the cursor from `from` to `to` with `n` more queued; false when the cursor was no
// longer at `from` (another sender queued that batch first) or the issue is not sending.
bool advance_issue_cursor(core::Connection& c, std::int64_t id, std::int64_t from, std::int64_t to, std::int64_t n);
// sending → sent (recipients becomes the number queued); false when it was not sending.
bool finish_issue_sending(core::Connection& c, std::int64_t id, const std::string& now);
std::optional<Issue> find_issue(core::Connection& c, std::int64_t id);
// status "" = all; newest first.
std::vector<Issue> list_issues(core::Connection& c, const std::string& status, int page, int per_page,
                               std::int64_t& total);

// --- news ---
bool news_slug_taken(core::Connection& c, const std::string& slug);
std::int64_t insert_news(core::Connection& c, const NewsItem& n);
std::optional<NewsItem> find_news(core::Connection& c, const std::string& slug);
// tag "" = all; newest first.
std::vector<NewsItem> list_news(core::Connection& c, const std::string& tag, int page, int per_page,
                                std::int64_t& total);

// --- preferences and digests ---
// kind → frequency for each person asked (absent: the default).
std::map<std::int64_t, std::map<std::string, std::string>> preferences_of(core::Connection& c,
                                                                          const std::vector<std::int64_t>& users);
void set_preference(core::Connection& c, std::int64_t user_id, const std::string& kind, const std::string& frequency);
// The person's token, or `fresh` stored as it on first use.
std::string mail_token(core::Connection& c, std::int64_t user_id, const std::string& fresh);
std::optional<std::int64_t> user_of_token(core::Connection& c, const std::string& token);
// Each person's token; those without one get `fresh()`, stored.
std::map<std::int64_t, std::string> mail_tokens(core::Connection& c, const std::vector<std::int64_t>& users,
                                                const std::function<std::string()>& fresh);
// false when this person's digest for the period was already recorded.
bool record_digest(core::Connection& c, std::int64_t user_id, const std::string& period, const std::string& key,
                   std::int64_t entries, const std::string& now);
void remove_person(core::Connection& c, std::int64_t user_id);

}  // namespace store
}  // namespace goldthread::comms
