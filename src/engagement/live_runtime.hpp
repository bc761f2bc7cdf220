#pragma once
// The background parts of live conversations, one set per App (App::state), stopped and
// joined when the App goes:
//  - VoteWriter: group commit. Requests queue their votes and wait; one writer thread takes
//    everything queued, writes it in ONE transaction (with one audit record per conversation
//    in the batch), commits, then wakes each waiter with the outcome. A vote is acknowledged
//    only after the commit that holds it.
//  - MapWorker: per conversation an opinion::Engine fed the committed votes incrementally and
//    updated at most once per debounce interval (GOLDTHREAD_LIVE_MAP_DEBOUNCE_MS, default
//    2000), on its own thread, so a vote never waits for the map. A failed recompute is
//    logged, the engine dropped (the database is the truth) and retried at the next interval;
//    after a restart the first request rebuilds the state from the stored votes.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>

#include "engagement/live_store.hpp"

namespace goldthread::engagement {

struct MapSnapshot {
  nlohmann::json map;  // opinion_map's shape
  std::string computed_at;
  std::int64_t votes = 0;
  std::unordered_map<std::int64_t, int> pid_group;    // pid → group index (clustered only)
  std::unordered_map<std::int64_t, double> priority;  // tid → comment priority
};

class LiveRuntime {
 public:
  LiveRuntime() = default;
  ~LiveRuntime();
  LiveRuntime(const LiveRuntime&) = delete;
  LiveRuntime& operator=(const LiveRuntime&) = delete;

  // Starts the threads on first use (idempotent).
  void start(core::Database& db);
  // Queues the votes and waits until the batch holding them committed (or failed). With a
  // `browser`, the votes are that anonymous browser's: the writer finds or makes its
  // participant inside the same transaction (so a first vote costs no transaction of its
  // own) and sets it as the votes' pid. Returns the votes' pid.
  core::Result<std::int64_t> record(std::vector<StoredVote> votes, std::string browser = {});
  // The newest map of a conversation; computes the first one (waiting up to `wait`) when
  // there is none yet. nullptr if none could be made in time.
  std::shared_ptr<const MapSnapshot> map(std::int64_t conversation_id,
                                         std::chrono::milliseconds wait = std::chrono::seconds(10));
  // Moderation changed: rebuild the conversation's engine from the database.
  void invalidate(std::int64_t conversation_id);
  // Tests: make the next `n` recomputes throw.
  std::atomic<int> fail_next_recomputes{0};
  std::atomic<std::int64_t> recomputes{0}, batches{0};
  std::chrono::milliseconds debounce{2000};

 private:
  struct Waiter {
    std::vector<StoredVote> votes;
    std::string browser;
    bool done = false;
    std::optional<core::Error> error;
  };
  struct Entry {
    bool dirty = true, rebuild = true;
    std::chrono::steady_clock::time_point last_run{};
    std::vector<StoredVote> pending;
    std::shared_ptr<void> engine;  // opinion::Engine, touched by the map thread only
    std::shared_ptr<const MapSnapshot> snapshot;
  };
  void write_loop();
  void map_loop();
  void recompute(std::int64_t conversation_id, Entry& e, std::unique_lock<std::mutex>& lock);

  core::Database* db_ = nullptr;
  std::once_flag started_;
  std::mutex mu_;
  std::condition_variable write_cv_, done_cv_, map_cv_;
  bool stop_ = false;                                // GUARDED_BY(mu_)
  std::vector<std::shared_ptr<Waiter>> queue_;       // GUARDED_BY(mu_)
  std::unordered_map<std::int64_t, Entry> entries_;  // GUARDED_BY(mu_)
  std::thread writer_, mapper_;
};

struct LiveRuntimeKey {
  using type = LiveRuntime;
};
LiveRuntime& live_runtime(core::App& app);

}  // namespace goldthread::engagement
