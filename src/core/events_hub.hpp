#pragma once
// The live board's hub (Server-Sent Events): a page that changes publishes a notice on a topic
// (the page's address), and every open event stream on that topic receives it. One hub per
// App (App::state), never a process-global; thread-safe: publish from any thread, after the
// transaction has committed. The server's streams subscribe with a plain callback (the server
// posts each event to the stream's own event loop), so this header knows nothing of Asio.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace goldthread::core {
class App;
}

namespace goldthread::core::events {

struct Event {
  std::int64_t id = 0;  // increasing per hub: the stream's `id:` line
  std::string name;     // the `event:` line, e.g. "advice"
  std::string data;     // the `data:` lines (may hold newlines)
};

// An event in the text/event-stream wire format: "id: 3\nevent: advice\ndata: ...\n\n".
std::string format(const Event& e);

class Hub {
 public:
  // Receives the event in the wire format (format()), one string shared by every subscriber.
  using Deliver = std::function<void(const std::shared_ptr<const std::string>& frame)>;
  // `deliver` is called under the hub's lock, on the publishing thread: it must be quick and
  // must not call back into the hub (the server's posts the frame to the stream's loop).
  std::int64_t subscribe(const std::string& topic, Deliver deliver);
  // After it returns, the subscription's callback is never called again.
  void unsubscribe(std::int64_t subscription);
  // Returns how many subscribers it reached.
  std::size_t publish(const std::string& topic, std::string_view name, std::string_view data);
  std::size_t subscribers(const std::string& topic) const;

 private:
  struct Subscriber {
    std::string topic;
    Deliver deliver;
  };
  mutable std::mutex mu_;
  std::int64_t next_subscription_ = 0;                 // GUARDED_BY(mu_)
  std::int64_t next_event_ = 0;                        // GUARDED_BY(mu_)
  std::multimap<std::string, std::int64_t> by_topic_;  // GUARDED_BY(mu_)
  std::map<std::int64_t, Subscriber> subscribers_;     // GUARDED_BY(mu_)
};

// The App's hub (made on first use).
Hub& hub(App& app);
// Publishes on the App's hub: call after the write's transaction has committed.
std::size_t publish(App& app, const std::string& topic, std::string_view name, std::string_view data = "changed");

}  // namespace goldthread::core::events
