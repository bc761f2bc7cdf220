#include "core/events_hub.hpp"

#include <vector>

#include "core/app.hpp"

namespace goldthread::core::events {

std::string format(const Event& e) {
  std::string out = "id: " + std::to_string(e.id) + "\n";
  if (!e.name.empty()) out += "event: " + e.name + "\n";
  std::string_view rest = e.data;
  for (;;) {
    auto nl = rest.find('\n');
    out += "data: ";
    out += rest.substr(0, nl);
    out += "\n";
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  out += "\n";
  return out;
}

std::int64_t Hub::subscribe(const std::string& topic, Deliver deliver) {
  std::lock_guard g(mu_);
  auto id = ++next_subscription_;
  subscribers_.emplace(id, Subscriber{topic, std::move(deliver)});
  by_topic_.emplace(topic, id);
  return id;
}

void Hub::unsubscribe(std::int64_t subscription) {
  std::lock_guard g(mu_);
  auto it = subscribers_.find(subscription);
  if (it == subscribers_.end()) return;
  auto [b, e] = by_topic_.equal_range(it->second.topic);
  for (auto t = b; t != e; ++t)
    if (t->second == subscription) {
      by_topic_.erase(t);
      break;
    }
  subscribers_.erase(it);
}

std::size_t Hub::publish(const std::string& topic, std::string_view name, std::string_view data) {
  std::lock_guard g(mu_);
  Event ev{++next_event_, std::string(name), std::string(data)};
  // A name or data with a line break of its own would start a new field: names are ours, so
  // only data may span lines (format() writes one data: line each).
  for (char& ch : ev.name)
    if (ch == '\n' || ch == '\r') ch = ' ';
  for (char& ch : ev.data)
    if (ch == '\r') ch = '\n';
  auto frame = std::make_shared<const std::string>(format(ev));
  std::size_t n = 0;
  auto [b, e] = by_topic_.equal_range(topic);
  for (auto t = b; t != e; ++t) {
    auto s = subscribers_.find(t->second);
    if (s == subscribers_.end()) continue;
    s->second.deliver(frame);
    ++n;
  }
  return n;
}

std::size_t Hub::subscribers(const std::string& topic) const {
  std::lock_guard g(mu_);
  return by_topic_.count(topic);
}

namespace {
struct HubKey {
  using type = Hub;
};
}  // namespace

Hub& hub(App& app) {
  return app.state<HubKey>();
}

std::size_t publish(App& app, const std::string& topic, std::string_view name, std::string_view data) {
  return hub(app).publish(topic, name, data);
}

}  // namespace goldthread::core::events
