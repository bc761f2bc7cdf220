// Group commit of votes and the debounced background map (see live_runtime.hpp).
#include "engagement/live_runtime.hpp"

#include <cstdlib>
#include <set>

#include "core/app.hpp"
#include "core/log.hpp"
#include "engagement/conversation_store.hpp"
#include "engagement/opinion_map.hpp"
#include "opinion/engine.hpp"

namespace goldthread::engagement {
namespace {
constexpr std::size_t kMaxBatch = 20'000;

// The stored map of a conversation (saved after each recompute) as a snapshot, or nullptr.
std::shared_ptr<MapSnapshot> stored_snapshot(core::Database& db, std::int64_t conversation_id) {
  std::optional<StoredMap> m;
  {
    auto conn = db.acquire();
    m = try_conversation_map(*conn, conversation_id);
  }
  if (!m) return nullptr;
  auto snap = std::make_shared<MapSnapshot>();
  snap->map = nlohmann::json::parse(m->map);
  snap->computed_at = m->computed_at;
  snap->votes = m->votes;
  for (const auto& p : nlohmann::json::parse(m->pid_groups))
    snap->pid_group[p[0].get<std::int64_t>()] = p[1].get<int>();
  for (const auto& p : nlohmann::json::parse(m->priorities))
    snap->priority[p[0].get<std::int64_t>()] = p[1].get<double>();
  return snap;
}

void save_snapshot(core::Database& db, std::int64_t conversation_id, const MapSnapshot& s) {
  nlohmann::json groups = nlohmann::json::array(), priorities = nlohmann::json::array();
  for (const auto& [pid, g] : s.pid_group) groups.push_back({pid, g});
  for (const auto& [tid, p] : s.priority) priorities.push_back({tid, p});
  auto conn = db.acquire();
  save_conversation_map(*conn, conversation_id,
                        {s.votes, 0, 0, s.map.dump(), s.computed_at, groups.dump(), priorities.dump()});
}

opinion::Params live_params() {
  opinion::Params p;
  p.priorities_use_previous_tallies = false;  // priorities from the current tallies (issue 15.2)
  return p;
}
}  // namespace

LiveRuntime& live_runtime(core::App& app) {
  auto& rt = app.state<LiveRuntimeKey>();
  rt.start(app.db());
  return rt;
}

void LiveRuntime::start(core::Database& db) {
  std::call_once(started_, [&] {
    db_ = &db;
    if (const char* env = std::getenv("GOLDTHREAD_LIVE_MAP_DEBOUNCE_MS"); env && *env)
      debounce = std::chrono::milliseconds(std::max(0L, std::atol(env)));
    writer_ = std::thread([this] { write_loop(); });
    mapper_ = std::thread([this] { map_loop(); });
  });
}

LiveRuntime::~LiveRuntime() {
  {
    std::lock_guard g(mu_);
    stop_ = true;
  }
  write_cv_.notify_all();
  map_cv_.notify_all();
  done_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  if (mapper_.joinable()) mapper_.join();
}

core::Result<std::int64_t> LiveRuntime::record(std::vector<StoredVote> votes, std::string browser) {
  auto w = std::make_shared<Waiter>();
  w->votes = std::move(votes);
  w->browser = std::move(browser);
  std::unique_lock lock(mu_);
  if (stop_)
    return core::Error{core::ErrorKind::internal, "The server is stopping; your vote was not recorded. Try again.", {}};
  queue_.push_back(w);
  write_cv_.notify_one();
  done_cv_.wait(lock, [&] { return w->done; });
  if (w->error) return *w->error;
  return w->votes.empty() ? std::int64_t{-1} : w->votes.front().pid;
}

void LiveRuntime::write_loop() {
  for (;;) {
    std::vector<std::shared_ptr<Waiter>> batch;
    {
      std::unique_lock lock(mu_);
      write_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left to write
      std::size_t n = 0, take = 0;
      while (take < queue_.size() && (take == 0 || n + queue_[take]->votes.size() <= kMaxBatch))
        n += queue_[take++]->votes.size();
      batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
    }
    std::vector<StoredVote> all;
    std::map<std::int64_t, std::int64_t> per_conversation;
    std::optional<core::Error> failure;
    try {
      auto conn = db_->acquire();
      core::Transaction tx(*conn);
      // Anonymous browsers' participants, found or made here (one number per browser even
      // when its first votes arrive together in one batch).
      std::map<std::int64_t, std::set<std::string>> browsers;  // conversation → browsers
      for (const auto& w : batch)
        if (!w->browser.empty() && !w->votes.empty()) browsers[w->votes.front().conversation_id].insert(w->browser);
      std::map<std::int64_t, std::map<std::string, std::int64_t>> pids;
      for (const auto& [id, set] : browsers)
        pids[id] = participants_for_browsers(*conn, id, std::vector<std::string>(set.begin(), set.end()));
      for (const auto& w : batch) {
        if (w->browser.empty() || w->votes.empty()) continue;
        const auto pid = pids[w->votes.front().conversation_id].at(w->browser);
        for (auto& v : w->votes) v.pid = pid;
      }
      for (const auto& w : batch)
        for (const auto& v : w->votes) all.push_back(v), ++per_conversation[v.conversation_id];
      upsert_votes(*conn, all);
      // One audit record per conversation per batch (docs/DECISIONS.md): the votes table
      // itself holds who voted what and when.
      for (const auto& [id, n] : per_conversation)
        core::audit::record(*conn, {},
                            {"vote", "conversation", std::to_string(id), "", "{\"votes\":" + std::to_string(n) + "}"});
      tx.commit();
      ++batches;
    } catch (const std::exception& e) {
      core::log::error("live votes: batch failed", {{"votes", all.size()}, {"error", e.what()}});
      failure = core::Error{core::ErrorKind::internal, "Your vote could not be saved. Try again.", {}};
    }
    {
      std::lock_guard g(mu_);
      for (auto& w : batch) w->done = true, w->error = failure;
      if (!failure)
        for (const auto& v : all) {
          auto& e = entries_[v.conversation_id];
          e.pending.push_back(v);
          e.dirty = true;
        }
    }
    done_cv_.notify_all();
    if (!failure) map_cv_.notify_one();
  }
}

std::shared_ptr<const MapSnapshot> LiveRuntime::map(std::int64_t conversation_id, std::chrono::milliseconds wait) {
  std::unique_lock lock(mu_);
  auto& e = entries_[conversation_id];
  if (!e.snapshot) {
    map_cv_.notify_one();
    done_cv_.wait_for(lock, wait, [&] { return e.snapshot != nullptr || stop_; });
  }
  return e.snapshot;
}

void LiveRuntime::invalidate(std::int64_t conversation_id) {
  {
    std::lock_guard g(mu_);
    auto& e = entries_[conversation_id];
    e.rebuild = e.dirty = true;
  }
  map_cv_.notify_one();
}

void LiveRuntime::map_loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    auto now = std::chrono::steady_clock::now();
    auto next = now + std::chrono::seconds(1);
    for (auto& [id, e] : entries_) {
      if (!e.dirty) continue;
      // The first map of a conversation is made at once; later ones at most once per interval.
      auto due = e.snapshot ? e.last_run + debounce : now;
      if (due <= now) {
        recompute(id, e, lock);
        if (stop_) return;
        now = std::chrono::steady_clock::now();
        break;  // entries_ may have grown while unlocked: start the scan again
      }
      next = std::min(next, due);
    }
    bool any_due = false;
    for (auto& [id, e] : entries_)
      if (e.dirty && (!e.snapshot || e.last_run + debounce <= std::chrono::steady_clock::now())) any_due = true;
    if (!any_due) map_cv_.wait_until(lock, next);
  }
}

void LiveRuntime::recompute(std::int64_t conversation_id, Entry& e, std::unique_lock<std::mutex>& lock) {
  auto pending = std::move(e.pending);
  e.pending.clear();
  bool rebuild = e.rebuild || !e.engine;
  const bool first = !e.snapshot;
  auto engine = rebuild ? nullptr : std::static_pointer_cast<opinion::Engine>(e.engine);
  e.dirty = e.rebuild = false;
  e.last_run = std::chrono::steady_clock::now();
  lock.unlock();
  std::shared_ptr<MapSnapshot> snap;
  if (first) {
    // After a restart: the map saved after the last recompute is shown at once (issue 15.4)
    // while the engine is rebuilt from the stored votes below.
    try {
      if (auto stored = stored_snapshot(*db_, conversation_id)) {
        lock.lock();
        if (!e.snapshot) e.snapshot = std::move(stored);
        lock.unlock();
        done_cv_.notify_all();
      }
    } catch (const std::exception& ex) {
      core::log::warn("live map: the stored map could not be read; rebuilding",
                      {{"conversation_id", conversation_id}, {"error", ex.what()}});
    }
  }
  try {
    if (fail_next_recomputes.load() > 0) {
      --fail_next_recomputes;
      throw std::runtime_error("recompute failure injected by a test");
    }
    ConversationData data;
    {
      auto conn = db_->acquire();
      if (rebuild) {
        data = load_conversation_data(*conn, conversation_id);
      } else {
        for (const auto& st : list_live_statements(*conn, conversation_id)) data.statements[st.tid] = st.body;
      }
    }
    if (rebuild) {
      engine = std::make_shared<opinion::Engine>(live_params());
      engine->set_moderation(data.moderation);
      engine->add_votes(data.votes);
    } else {
      std::vector<opinion::Vote> vs;
      vs.reserve(pending.size());
      for (const auto& v : pending) vs.push_back({v.pid, v.tid, static_cast<std::int8_t>(v.value), v.voted_at});
      engine->add_votes(vs);
    }
    snap = std::make_shared<MapSnapshot>();
    const opinion::Analysis* a = nullptr;
    if (engine->matrix().nnz() > 0) a = &engine->update();
    snap->map = opinion_map_of(a, data.statements);
    snap->computed_at = core::now_utc();
    snap->votes = engine->matrix().nnz();
    if (a) {
      const auto& rows = engine->matrix().row_ids();
      for (std::size_t r = 0; r < rows.size() && r < a->row_group.size(); ++r)
        if (a->row_group[r] >= 0) snap->pid_group[rows[r]] = a->row_group[r];
      const auto& cols = engine->matrix().col_ids();
      for (std::size_t c = 0; c < cols.size() && c < a->comment_priorities.size(); ++c)
        snap->priority[cols[c]] = a->comment_priorities[c];
    }
    ++recomputes;
    try {
      save_snapshot(*db_, conversation_id, *snap);
    } catch (const std::exception& ex) {  // the map is still served; the next recompute saves again
      core::log::warn("live map: could not save the map", {{"conversation_id", conversation_id}, {"error", ex.what()}});
    }
  } catch (const std::exception& ex) {
    core::log::error("live map: recompute failed; will retry",
                     {{"conversation_id", conversation_id}, {"error", ex.what()}});
    snap.reset();
  }
  lock.lock();
  if (snap) {
    e.engine = engine;
    e.snapshot = std::move(snap);
  } else {
    e.engine.reset();
    e.rebuild = e.dirty = true;  // the votes are in the database: the retry rebuilds from there
  }
  lock.unlock();
  done_cv_.notify_all();
  lock.lock();
}

}  // namespace goldthread::engagement
