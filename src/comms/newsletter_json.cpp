// The two representations of the newsletter pages, in one place: the resource (the JSON twin,
// docs/API.md "Communications") and the screen model the templates read. Handlers build the
// structs of comms/newsletter_views.hpp and never write JSON themselves.
#include <nlohmann/json.hpp>

#include "comms/comms_views.hpp"
#include "comms/newsletter_views.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::comms {
using nlohmann::json;

namespace {

json choices_of(const std::vector<Interest>& list, const char* key_name) {
  json out = json::array();
  for (const auto& x : list)
    out.push_back({{"value", x.value}, {"id", x.id}, {"text", x.text}, {key_name, x.key}, {"checked", x.checked}});
  return out;
}

json issue_list(const IssueListView& v, bool resource) {
  json items = json::array();
  for (const auto& i : v.issues) items.push_back(resource ? issue_resource(i) : issue_item(i));
  return items;
}

}  // namespace

bool InterestChoices::contains(const std::string& value) const {
  for (const auto* list : {&ambitions, &areas})
    for (const auto& x : *list)
      if (x.value == value) return true;
  return false;
}

void to_json(json& j, const InterestChoices& c) {
  j = {{"ambitions", choices_of(c.ambitions, "slug")},
       {"areas", choices_of(c.areas, "code")},
       {"has_areas", !c.areas.empty()}};
}

void to_json(json& j, const SubscribeForm& f) {
  j = {{"interests", f.interests},
       {"values", {{"email", f.email}}},
       {"csrf_token", f.csrf_token},
       {"error_for", json::object()}};
  if (f.error) core::attach_errors(j, *f.error);
}

void to_json(json& j, const TokenForm& f) {
  j = {{"token", f.token}, {"csrf_token", f.csrf_token}};
}

void to_json(json& j, const SubscriptionState& s) {
  j = {{"status", s.status}};
}

void to_json(json& j, const TestSent& t) {
  j = {{"sent_to", t.sent_to}};
}

void to_json(json& j, const IssueListView& v) {
  j = {{"issues", issue_list(v, true)},
       {"total", v.total},
       {"pagination", core::resource_pagination(v.base_href, v.page, v.per_page, v.total)}};
  if (v.subscribers) j["subscribers"] = {{"confirmed", v.subscribers->confirmed}, {"pending", v.subscribers->pending}};
}

void screen_json(json& j, const IssueListView& v) {
  auto items = issue_list(v, false);
  j = {{"issues", items},
       {"has_issues", !items.empty()},
       {"total_text", core::count_of(v.total, "issue")},
       {"pagination", core::pagination(v.base_href, v.page, v.per_page, v.total)}};
}

void admin_screen_json(json& j, const IssueListView& v, const std::string& csrf_token) {
  auto items = issue_list(v, false);
  const auto counts = v.subscribers.value_or(SubscriberCounts{});
  j = {{"issues", items},
       {"has_issues", !items.empty()},
       {"confirmed_text", core::count_of(counts.confirmed, "confirmed subscriber")},
       {"pending_text", core::count_of(counts.pending, "address", "addresses") + " waiting for confirmation"},
       {"values", {{"subject", ""}, {"body", ""}}},
       {"csrf_token", csrf_token},
       {"error_for", json::object()},
       {"pagination", core::pagination(v.base_href, v.page, v.per_page, v.total)}};
}

void to_json(json& j, const IssueView& v) {
  j = issue_resource(v.issue);
}

void screen_json(json& j, const IssueView& v) {
  j = {{"issue", issue_item(v.issue)}};
}

void to_json(json& j, const AdminIssueView& v) {
  j = issue_resource(v.issue);
  if (v.progress) {
    const auto& p = *v.progress;
    j["progress"] = {{"queued", p.waiting}, {"sent", p.sent}, {"failed", p.failed}, {"total", p.total}};
  }
}

void screen_json(json& j, const AdminIssueView& v, const AdminIssueScreen& s) {
  const auto& i = v.issue;
  json segments = json::array();
  for (const auto& seg : s.segments)
    segments.push_back({{"value", seg.value},
                        {"text", seg.name + " (" + core::count_of(seg.subscribers, "subscriber") + ")"},
                        {"selected", seg.value == i.segment}});
  j = {{"issue", issue_item(i)},      {"values", {{"subject", s.values.subject}, {"body", s.values.body_markdown}}},
       {"segments", segments},        {"csrf_token", s.csrf_token},
       {"error_for", json::object()}, {"saved", s.done == "saved"},
       {"tested", s.done == "test"},  {"just_sent", s.done == "sent"},
       {"your_email", s.your_email}};
  if (i.status == "sending") {
    // Queuing: "Queued 12,000 of 100,000", a <progress> bar, and the page refreshes itself
    // (the Refresh header, no JavaScript) until every batch is queued.
    j["queuing"] = {{"queued", i.queued},
                    {"recipients", i.recipients},
                    {"text", "Queued " + core::with_commas(static_cast<std::size_t>(i.queued)) + " of " +
                                 core::with_commas(static_cast<std::size_t>(i.recipients))}};
  }
  if (i.status == "sent" && v.progress) {
    const auto& p = *v.progress;
    j["progress"] = {{"sent", p.sent},
                     {"total", p.total},
                     {"waiting", p.waiting},
                     {"failed", p.failed},
                     {"has_failed", p.failed > 0},
                     {"text", core::with_commas(static_cast<std::size_t>(p.sent)) + " of " +
                                  core::count_of(p.total, "message") + " sent"},
                     {"complete", p.waiting == 0}};
  }
  if (s.error) core::attach_errors(j, *s.error);
}

}  // namespace goldthread::comms
