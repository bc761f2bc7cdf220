#pragma once
// Notifications, a core service called by name like audit and mail (issue 8.1): what happened
// on a resource of any capability reaches the people who follow it (core::follows), and the
// same rows are the public activity stream ("what's happening").
//
//   core::Transaction tx(*conn);                    // the service's own transaction
//   ... the change, its audit record ...
//   core::notifications::publish(*conn, {"initiative", id, "initiative-created", title, href});
//   tx.commit();
//
// publish writes the notification and one inbox row per follower (not the actor) in the
// caller's transaction, then calls the delivery listener (comms: mail at once to those who
// chose it, in the same transaction). Digests read the inbox by time window.
// Tables notifications and notification_inbox (core/migrations/0005).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/storage.hpp"

namespace goldthread::core::notifications {

struct Subject {
  std::string type;  // "initiative", "ambition", "area", "event", "organisation", "pledge", ...
  std::int64_t id = 0;
};

struct Notice {
  std::string subject_type;  // what it happened to; its followers are told
  std::int64_t subject_id = 0;
  std::string kind;       // "initiative-created", "pledge-update", "event-published", "place-offered", "news"
  std::string title;      // one line, what people read: "New initiative: Warm Homes"
  std::string href;       // the page, a path ("/initiatives/warm-homes")
  bool is_public = true;  // false: only the recipients see it (a place offered to one person)
  std::string summary = "";
  // Filters of the public stream: "ambition:<id>", "area:<code>" (no spaces).
  std::vector<std::string> tags = {};
  // Further subjects whose followers are told too (the ambitions and areas it is tagged with).
  std::vector<Subject> also = {};
  std::int64_t actor_user_id = 0;  // not told of their own action
  // People told whether or not they follow (the person offered a place).
  std::vector<std::int64_t> recipients = {};
  bool tell_followers = true;  // false: only `recipients` (a private notice)
};

struct Stored {
  std::int64_t id = 0;
  std::string subject_type;
  std::int64_t subject_id = 0;
  std::string kind, title, href, summary;
  std::vector<std::string> tags;
  bool is_public = true;
  std::string created_at;  // ISO UTC
  std::string read_at;     // inbox only; "" = unread
};

// REQUIRES: c is inside the caller's transaction. Returns the notification's id. Throws
// std::invalid_argument for an empty kind, title or href, or a tag with a space.
std::int64_t publish(Connection& c, const Notice& n);

// Called by publish with the new notification and the ids of the people it reached, inside
// the same transaction. One per process (comms sets it at registration); none = in-site only.
using Listener = std::function<void(Connection&, const Stored&, const std::vector<std::int64_t>& recipients)>;
void set_listener(Listener l);

struct Filter {
  std::string tag;           // "" = any; "ambition:12", "area:E10000012"
  std::string kind;          // "" = any
  std::string subject_type;  // "" = any
  int page = 1;
  int per_page = 20;
};
struct Page {
  std::vector<Stored> items;  // newest first
  std::int64_t total = 0;
};
Page public_stream(Connection& c, const Filter& f);
// A person's notifications, newest first.
Page inbox(Connection& c, std::int64_t user_id, int page, int per_page);
std::int64_t unread_count(Connection& c, std::int64_t user_id);
// Returns how many were marked.
std::int64_t mark_all_read(Connection& c, std::int64_t user_id);

// Every inbox entry created in [from, to) (ISO UTC text), ordered by person then id, one call
// per entry: for digests, streamed so memory stays flat however many there are.
void for_each_in_window(Connection& c, const std::string& from, const std::string& to,
                        const std::function<void(std::int64_t user_id, const Stored&)>& fn);
// A deleted person's inbox goes with them.
void remove_person(Connection& c, std::int64_t user_id);

}  // namespace goldthread::core::notifications
