// In-memory write guards (see abuse.hpp): sliding windows of timestamps per (action, key),
// one map per App, pruned as they are read.
#include "core/abuse.hpp"

#include <deque>
#include <functional>
#include <mutex>
#include <unordered_map>

#include "core/app.hpp"
#include "core/context.hpp"
#include "core/text.hpp"

namespace goldthread::core::abuse {
namespace {

using Clock = std::chrono::steady_clock;

// Bounded: at most this many keys are remembered; past it the oldest-touched windows are
// dropped wholesale (a flood of distinct addresses cannot grow memory without limit).
constexpr std::size_t kMaxKeys = 200000;

struct Windows {
  std::mutex mu;
  std::unordered_map<std::string, std::deque<Clock::time_point>> hits;  // GUARDED_BY(mu)
  std::unordered_map<std::string, Clock::time_point> recent_text;       // GUARDED_BY(mu)

  void prune_if_large() {
    if (hits.size() > kMaxKeys) hits.clear();
    if (recent_text.size() > kMaxKeys) recent_text.clear();
  }
};
struct WindowsKey {
  using type = Windows;
};

std::size_t live_count(std::deque<Clock::time_point>& q, Clock::time_point now, std::chrono::seconds window) {
  while (!q.empty() && now - q.front() >= window) q.pop_front();
  return q.size();
}

std::string wait_words(std::chrono::seconds window) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(window).count();
  if (minutes >= 60 && minutes % 60 == 0) return count_of(minutes / 60, "hour", "hours");
  if (minutes >= 1) return count_of(minutes, "minute", "minutes");
  return count_of(window.count(), "second", "seconds");
}

std::string normalised(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (unsigned char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return out;
}

}  // namespace

Status allow_write(Context& ctx, const Limit& limit, std::optional<std::int64_t> person) {
  auto& w = ctx.app().state<WindowsKey>();
  const auto now = Clock::now();
  const std::string addr_key = limit.action + "|a|" + ctx.request().remote_addr;
  const std::string person_key = person ? limit.action + "|p|" + std::to_string(*person) : std::string();
  std::lock_guard g(w.mu);
  w.prune_if_large();
  auto& by_addr = w.hits[addr_key];
  const bool addr_spent = live_count(by_addr, now, limit.window) >= static_cast<std::size_t>(limit.per_address);
  bool person_spent = false;
  std::deque<Clock::time_point>* by_person = nullptr;
  if (person) {
    by_person = &w.hits[person_key];
    person_spent = live_count(*by_person, now, limit.window) >= static_cast<std::size_t>(limit.per_person);
  }
  if (addr_spent || person_spent) {
    const std::string what = limit.what.empty() ? "do this" : limit.what;
    return Error{ErrorKind::too_many,
                 "You have tried to " + what + " too many times in a short while. Wait " + wait_words(limit.window) +
                     ", then try again.",
                 {}};
  }
  by_addr.push_back(now);
  if (by_person) by_person->push_back(now);
  return ok_status();
}

Status check_honeypot(Context& ctx) {
  const auto& fields = ctx.form();
  auto it = fields.find(kHoneypotField);
  if (it == fields.end() || it->second.empty()) return ok_status();
  return Error::invalid("Your form could not be sent. Leave the field named \"Leave this field empty\" empty.",
                        {{kHoneypotField, "Leave this field empty"}});
}

namespace {
std::string post_key(Context& ctx, std::string_view action, std::optional<std::int64_t> person, std::string_view text) {
  const std::string digest = std::to_string(std::hash<std::string>{}(normalised(text)));
  const std::string who = person ? "p" + std::to_string(*person) : "a" + ctx.request().remote_addr;
  return std::string(action) + "|" + who + "|" + digest;
}
}  // namespace

Status check_duplicate(Context& ctx, std::string_view action, std::optional<std::int64_t> person, std::string_view text,
                       std::string_view field, std::chrono::seconds window) {
  auto& w = ctx.app().state<WindowsKey>();
  const std::string key = post_key(ctx, action, person, text);
  std::lock_guard g(w.mu);
  auto it = w.recent_text.find(key);
  if (it != w.recent_text.end() && Clock::now() - it->second < window) {
    return Error::invalid("You have already posted this",
                          {{std::string(field), "You have already posted this. Change it or post something new"}});
  }
  return ok_status();
}

void remember_post(Context& ctx, std::string_view action, std::optional<std::int64_t> person, std::string_view text) {
  auto& w = ctx.app().state<WindowsKey>();
  const std::string key = post_key(ctx, action, person, text);
  std::lock_guard g(w.mu);
  w.prune_if_large();
  w.recent_text[key] = Clock::now();
}

}  // namespace goldthread::core::abuse
