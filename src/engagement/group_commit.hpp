#pragma once
// Group commit, the pattern of live votes (live_runtime.hpp) as a small helper inside
// engagement: requests submit a job and wait; one writer thread takes every job queued (up to
// max_batch), applies them all in ONE transaction, commits, and only then wakes each waiter
// with its own outcome. A job is acknowledged only after the commit that holds it; when the
// batch fails (an exception from the database, the commit itself) every waiter in it gets an
// error and nothing of the batch is stored. A job that `apply` refuses (its own Result is an
// error) must write nothing, so the rest of the batch can commit.
//
// One per App (App::state); the destructor stops the thread after the jobs queued so far.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/log.hpp"
#include "core/result.hpp"
#include "core/storage.hpp"

namespace goldthread::engagement {

template <class Job, class Out>
class GroupCommit {
 public:
  // Applies a batch on `c`, inside the transaction; one Result per job, in order.
  using Apply = std::function<std::vector<core::Result<Out>>(core::Connection& c, const std::vector<Job>& jobs)>;

  GroupCommit() = default;
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;
  ~GroupCommit() {
    {
      std::lock_guard g(mu_);
      stop_ = true;
    }
    work_cv_.notify_all();
    if (writer_.joinable()) writer_.join();
  }

  // Starts the writer on first use (idempotent; later calls' arguments are ignored).
  void start(core::Database& db, Apply apply, std::string what, std::size_t max_batch = 5000) {
    std::call_once(started_, [&] {
      db_ = &db;
      apply_ = std::move(apply);
      what_ = std::move(what);
      max_batch_ = max_batch;
      writer_ = std::thread([this] { loop(); });
    });
  }

  // Queues the job and waits until the batch holding it committed (or failed).
  core::Result<Out> submit(Job job) {
    auto w = std::make_shared<Waiter>();
    w->job = std::move(job);
    std::unique_lock lock(mu_);
    if (stop_) return core::Error{core::ErrorKind::internal, "The server is stopping; try again.", {}};
    queue_.push_back(w);
    work_cv_.notify_one();
    done_cv_.wait(lock, [&] { return w->out.has_value(); });
    return std::move(*w->out);
  }

  std::size_t batches() const {
    std::lock_guard g(mu_);
    return batches_;
  }

 private:
  struct Waiter {
    Job job;
    std::optional<core::Result<Out>> out;
  };

  void loop() {
    for (;;) {
      std::vector<std::shared_ptr<Waiter>> batch;
      {
        std::unique_lock lock(mu_);
        work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, nothing left to write
        const auto take = std::min(queue_.size(), max_batch_);
        batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
        queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
      }
      std::vector<Job> jobs;
      jobs.reserve(batch.size());
      for (const auto& w : batch) jobs.push_back(w->job);
      std::vector<core::Result<Out>> outs;
      std::optional<core::Error> failure;
      try {
        auto conn = db_->acquire();
        core::Transaction tx(*conn);
        outs = apply_(*conn, jobs);
        if (outs.size() != jobs.size()) throw std::logic_error("group commit: one result per job");
        tx.commit();
      } catch (const std::exception& e) {
        core::log::error(what_ + ": batch failed", {{"jobs", jobs.size()}, {"error", e.what()}});
        failure = core::Error{core::ErrorKind::internal, "That could not be saved; try again.", {}};
      }
      {
        std::lock_guard g(mu_);
        ++batches_;
        for (std::size_t i = 0; i < batch.size(); ++i) {
          if (failure)
            batch[i]->out.emplace(*failure);
          else
            batch[i]->out.emplace(std::move(outs[i]));
        }
      }
      done_cv_.notify_all();
    }
  }

  core::Database* db_ = nullptr;
  Apply apply_;
  std::string what_;
  std::size_t max_batch_ = 5000;
  std::once_flag started_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  bool stop_ = false;                           // GUARDED_BY(mu_)
  std::vector<std::shared_ptr<Waiter>> queue_;  // GUARDED_BY(mu_)
  std::size_t batches_ = 0;                     // GUARDED_BY(mu_)
  std::thread writer_;
};

}  // namespace goldthread::engagement
