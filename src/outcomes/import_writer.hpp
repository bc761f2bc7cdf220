#pragma once
// The import's second thread (issue 12.10): the importer reads and checks rows on its own thread
// and hands batches of good points to this writer, which inserts them on the import's
// connection inside the import's transaction, so reading and writing overlap on two cores.
// At most kDepth batches wait (constant memory). New indicators and comparators travel in the
// batches, so the reading thread does not wait for the connection; its rare reads (the place's
// areas, an existing indicator's points for a re-import) run through with_connection, between
// two of the writer's statements. A writer error is rethrown in the importer's thread
// by the next send or by finish(); the caller's transaction then rolls everything back.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "outcomes/outcomes_store.hpp"

namespace goldthread::outcomes {

class PointWriter {
 public:
  // What to write, in this order: the comparators and indicators first seen in this batch's
  // rows, then its points. A point of an indicator created by this import carries
  // pending_id(n) (n: the nth indicator created) until the writer knows the real id.
  struct Comparator {
    std::string code, name, kind;
  };
  struct Batch {
    std::vector<Comparator> comparators;
    std::vector<store::Indicator> creates;
    std::vector<store::Point> inserts, updates;
  };
  static std::int64_t pending_id(std::size_t n) { return -1 - static_cast<std::int64_t>(n); }
  PointWriter(core::Connection& c, std::int64_t import_id);
  ~PointWriter();  // stops the thread; what is still queued is dropped (the caller rolls back)
  PointWriter(const PointWriter&) = delete;
  PointWriter& operator=(const PointWriter&) = delete;

  // An empty batch to fill (reused storage from batches already written).
  Batch fresh();
  // Queues the batch; waits while kDepth batches are queued.
  void send(Batch b);
  // Runs f on the connection while the writer waits between statements.
  void with_connection(const std::function<void(core::Connection&)>& f);
  // Waits until every queued batch is written, then stops the thread.
  void finish();

 private:
  static constexpr std::size_t kDepth = 4;
  void run();
  void rethrow();  // REQUIRES: mu_ held

  core::Connection& c_;
  std::int64_t import_id_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Batch> queue_;                                            // GUARDED_BY(mu_)
  std::vector<Batch> spare_;                                           // GUARDED_BY(mu_)
  bool stop_ = false, want_ = false, writing_ = false, busy_ = false;  // GUARDED_BY(mu_)
  std::vector<std::int64_t> created_;  // writer thread only: the ids of creates, in order
  std::exception_ptr error_;           // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace goldthread::outcomes
