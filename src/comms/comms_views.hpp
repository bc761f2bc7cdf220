#pragma once
// What comms pages and their JSON twins show. *_resource: the JSON twin (fields, links, ISO
// dates, Markdown and HTML as separate fields, no screen state); *_item: a page's model.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "comms/comms_store.hpp"
#include "core/notifications.hpp"

namespace goldthread::comms {

nlohmann::json issue_resource(const Issue& i);
nlohmann::json issue_item(const Issue& i);
nlohmann::json news_resource(const NewsItem& n);
nlohmann::json news_item(const NewsItem& n);
nlohmann::json notification_resource(const core::notifications::Stored& n);
nlohmann::json notification_item(const core::notifications::Stored& n);

// Atom (RFC 4287): one feed of notifications. `self` is the feed's path, `alternate` the page
// it follows; entry ids are stable ("tag:<host>,2026:notification/<id>").
struct FeedEntry {
  std::string id, title, href, summary, updated;  // updated: ISO UTC
};
std::string atom_feed(const std::string& base_url, const std::string& self, const std::string& alternate,
                      const std::string& title, const std::vector<FeedEntry>& entries);
std::string host_of(const std::string& base_url);

}  // namespace goldthread::comms
