#pragma once
// Streamed answers (docs/ARCHITECTURE.md "Streamed answers"): an export that may be as large
// as its table is written in pieces with chunked transfer encoding, so the server's memory is
// one page of rows whatever the export's size. A capability describes how to read one keyset
// page and how to write it; stream_rows does the paging:
//
//   core::RowPages<store::Point> pages;
//   pages.head = csv_header;
//   pages.read = [=](core::Connection& c, const store::Point* after, std::size_t limit) {
//     return store::points_page(c, id, today, after, limit);      // ORDER BY key, key > after
//   };
//   pages.write = [=](std::string& out, const std::vector<store::Point>& page, bool first) { ... };
//   return core::stream_rows("text/csv; charset=utf-8", ctx.db(), std::move(pages));
//
// Each piece is produced on the server's worker thread between two writes: one page is read
// on a connection borrowed for that read only (no transaction, and no pooled connection, held
// across the export), written, and the connection goes back to the pool before the piece is
// sent. Anything the pages need from the request (the Context is gone by then) is captured by
// value. A read or write that throws ends the body abnormally: the server logs it with the
// request id and closes the connection, so the client sees an incomplete body, never a
// complete-looking short one.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/http.hpp"
#include "core/storage.hpp"

namespace goldthread::core {

inline constexpr std::size_t kStreamPage = 1000;  // rows read per piece unless a page says otherwise

template <class Row>
struct RowPages {
  // The next page in the export's order: at most `limit` rows after `after` (nullptr for the
  // first page). A page shorter than `limit` is the last.
  std::function<std::vector<Row>(Connection& c, const Row* after, std::size_t limit)> read;
  // Appends one page's text; `first` is true for the first rows of the export (JSON commas).
  std::function<void(std::string& out, const std::vector<Row>& page, bool first)> write;
  std::string head;                                              // before the first row
  std::function<void(std::string& out, std::size_t rows)> tail;  // after the last (may be empty)
  std::size_t page_size = kStreamPage;
};

// A Response::stream producer over keyset pages. `db` must outlive the answer (it is the App's).
template <class Row>
std::function<bool(std::string& out)> row_producer(Database& db, RowPages<Row> pages) {
  struct State {
    Database* db = nullptr;
    RowPages<Row> p;
    std::optional<Row> last;
    std::size_t rows = 0;
    bool started = false, done = false;
  };
  auto st = std::make_shared<State>();
  st->db = &db;
  st->p = std::move(pages);
  return [st](std::string& out) {
    if (st->done) return false;
    if (!st->started) {
      st->started = true;
      out += st->p.head;
    }
    std::vector<Row> page;
    {
      auto conn = st->db->acquire();  // one short read; back to the pool before the piece is sent
      page = st->p.read(*conn, st->last ? &*st->last : nullptr, st->p.page_size);
    }
    if (!page.empty()) {
      st->p.write(out, page, st->rows == 0);
      st->rows += page.size();
      st->last = std::move(page.back());
    }
    if (page.size() < st->p.page_size) {
      if (st->p.tail) st->p.tail(out, st->rows);
      st->done = true;
      return false;
    }
    return true;
  };
}

// An answer whose body is `producer`'s pieces (Response::stream), with the given content type.
inline Response streamed(std::string type, std::function<bool(std::string& out)> producer, int status = 200) {
  Response r;
  r.status = status;
  r.headers.set("content-type", std::move(type));
  r.stream = std::move(producer);
  return r;
}

// The answer whose body is those pages, with the given content type.
template <class Row>
Response stream_rows(std::string type, Database& db, RowPages<Row> pages) {
  return streamed(std::move(type), row_producer(db, std::move(pages)));
}

}  // namespace goldthread::core
