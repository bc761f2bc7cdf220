#include "outcomes/import_writer.hpp"

#include <algorithm>

namespace goldthread::outcomes {

PointWriter::PointWriter(core::Connection& c, std::int64_t import_id) : c_(c), import_id_(import_id) {
  thread_ = std::thread([this] { run(); });
}

PointWriter::~PointWriter() {
  {
    std::lock_guard g(mu_);
    stop_ = true;
    queue_.clear();
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

PointWriter::Batch PointWriter::fresh() {
  std::lock_guard g(mu_);
  if (spare_.empty()) return {};
  Batch b = std::move(spare_.back());
  spare_.pop_back();
  return b;
}

void PointWriter::rethrow() {
  if (error_) std::rethrow_exception(error_);
}

void PointWriter::send(Batch b) {
  std::unique_lock l(mu_);
  cv_.wait(l, [&] { return error_ || queue_.size() < kDepth; });
  rethrow();
  queue_.push_back(std::move(b));
  l.unlock();
  cv_.notify_all();
}

void PointWriter::with_connection(const std::function<void(core::Connection&)>& f) {
  std::unique_lock l(mu_);
  want_ = true;
  cv_.wait(l, [&] { return !writing_; });
  struct Done {  // lets the writer go on, also when f throws
    PointWriter& w;
    ~Done() {
      w.want_ = false;
      w.cv_.notify_all();
    }
  } done{*this};
  f(c_);
}

void PointWriter::finish() {
  {
    std::unique_lock l(mu_);
    cv_.wait(l, [&] { return error_ || (queue_.empty() && !busy_); });
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard g(mu_);
  rethrow();
}

void PointWriter::run() {
  // One statement at a time, the importer's with_connection may run between two.
  auto statement = [&](const std::function<void()>& write) {
    {
      std::unique_lock l(mu_);
      cv_.wait(l, [&] { return !want_; });
      writing_ = true;
    }
    struct Done {
      PointWriter& w;
      ~Done() {
        {
          std::lock_guard g(w.mu_);
          w.writing_ = false;
        }
        w.cv_.notify_all();
      }
    } done{*this};
    write();
  };
  for (;;) {
    Batch b;
    {
      std::unique_lock l(mu_);
      cv_.wait(l, [&] { return stop_ || (!queue_.empty() && !want_); });
      if (queue_.empty()) return;
      b = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
    }
    cv_.notify_all();  // room in the queue
    try {
      for (const auto& cmp : b.comparators)
        statement([&] { store::save_comparator(c_, cmp.code, cmp.name, cmp.kind); });
      for (const auto& in : b.creates)
        statement([&] { created_.push_back(store::save_indicator(c_, in, true).first); });
      for (auto* points : {&b.inserts, &b.updates})
        for (auto& p : *points)
          if (p.indicator_id < 0) p.indicator_id = created_.at(static_cast<std::size_t>(-1 - p.indicator_id));
      for (std::size_t i = 0; i < b.inserts.size(); i += store::kInsertRows) {
        const std::size_t n = std::min(store::kInsertRows, b.inserts.size() - i);
        statement([&] { store::insert_points(c_, b.inserts.data() + i, n, import_id_); });
      }
      for (const auto& p : b.updates) statement([&] { store::update_point(c_, p, import_id_); });
    } catch (...) {
      {
        std::lock_guard g(mu_);
        error_ = std::current_exception();
        busy_ = false;
        queue_.clear();
      }
      cv_.notify_all();
      return;
    }
    b.comparators.clear();
    b.creates.clear();
    b.inserts.clear();
    b.updates.clear();
    {
      std::lock_guard g(mu_);
      spare_.push_back(std::move(b));
      busy_ = false;
    }
    cv_.notify_all();
  }
}

}  // namespace goldthread::outcomes
