#pragma once
// Typed view models of the newsletter pages (newsletter_handlers.cpp). Their two
// representations are written in one place, comms/newsletter_json.cpp: the resource (the JSON
// twin, docs/API.md "Communications") and the screen (the mustache template's model).
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "comms/comms_service.hpp"
#include "comms/comms_store.hpp"
#include "core/result.hpp"

namespace goldthread::comms {

// One of the place's ambitions or areas as a checkbox ("ambition:<id>", "area:<code>").
struct Interest {
  std::string value, id, text, key;  // key: the ambition's slug or the area's code
  bool checked = false;
};
struct InterestChoices {
  std::vector<Interest> ambitions, areas;
  bool contains(const std::string& value) const;
};
void to_json(nlohmann::json& j, const InterestChoices& c);  // {ambitions, areas, has_areas}

// The subscribe form (a form page: its twin describes the form).
struct SubscribeForm {
  InterestChoices interests;
  std::string email, csrf_token;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const SubscribeForm& f);

// A form page that posts a token back (confirm, unsubscribe).
struct TokenForm {
  std::string token, csrf_token;
};
void to_json(nlohmann::json& j, const TokenForm& f);

// The answer to subscribe, confirm and unsubscribe: {"status": "pending" | "confirmed" | ...}.
struct SubscriptionState {
  std::string status;
};
void to_json(nlohmann::json& j, const SubscriptionState& s);
// The answer to sending a test: {"sent_to": address}.
struct TestSent {
  std::string sent_to;
};
void to_json(nlohmann::json& j, const TestSent& t);

struct SubscriberCounts {
  std::int64_t confirmed = 0, pending = 0;
};
// The archive (/newsletter/issues, sent only) and the admin's list (/admin/newsletter, with
// the subscriber counts).
struct IssueListView {
  std::vector<Issue> issues;
  std::int64_t total = 0;
  int page = 1, per_page = 20;
  std::string base_href;
  std::optional<SubscriberCounts> subscribers;  // the admin's list only
};
void to_json(nlohmann::json& j, const IssueListView& v);
void screen_json(nlohmann::json& j, const IssueListView& v);  // the archive
void admin_screen_json(nlohmann::json& j, const IssueListView& v, const std::string& csrf_token);

// One issue: the public page, and the admin's with the outbox's delivery of it.
struct IssueView {
  Issue issue;
};
void to_json(nlohmann::json& j, const IssueView& v);
void screen_json(nlohmann::json& j, const IssueView& v);

struct DeliveryProgress {
  std::int64_t waiting = 0, sent = 0, failed = 0, total = 0;
};
struct AdminIssueView {
  Issue issue;
  std::optional<DeliveryProgress> progress;
};
struct Segment {  // who to send to: everyone ("") or one interest, with how many subscribe
  std::string value, name;
  std::int64_t subscribers = 0;
};
struct AdminIssueScreen {
  IssueInput values;
  std::vector<Segment> segments;
  std::string done, your_email, csrf_token;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const AdminIssueView& v);  // the issue + progress
void screen_json(nlohmann::json& j, const AdminIssueView& v, const AdminIssueScreen& s);

}  // namespace goldthread::comms
