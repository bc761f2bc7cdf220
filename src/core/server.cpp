// The only translation unit that sees Boost.Beast/Asio (compile time: ~13 s, see STACK.md).
#include <utility>  // must precede Boost's coroutine support with GCC 12
#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <deque>
#include <list>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "core/log.hpp"
#include "core/server.hpp"

namespace goldthread::core {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

struct Worker;

// One open event stream's state, on its connection's event loop only.
struct LiveStream {
  explicit LiveStream(const asio::any_io_executor& ex) : wake(ex) {}
  asio::steady_timer wake;  // cancelled to wake the writer: an event came, the client went, stop
  std::deque<std::shared_ptr<const std::string>> queue;
  bool dropped = false;      // fell more than stream_queue events behind
  bool closed = false;       // the client went or the server is stopping
  bool reader_done = false;  // the watcher of the client's side has finished
};

struct Connection {
  beast::tcp_stream stream;
  bool busy = false;           // between reading a request and writing its response
  LiveStream* live = nullptr;  // while it serves an event stream
  explicit Connection(tcp::socket s) : stream(std::move(s)) {}
};

struct Worker {
  asio::io_context ioc{1};
  std::unique_ptr<tcp::acceptor> acceptor;
  std::list<Connection*> connections;  // touched only on this worker's thread
  std::thread thread;
};

Request to_request(http::request<http::string_body>& req, const std::string& remote, const ServerOptions& opts) {
  Request r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  auto q = r.target.find('?');
  r.path = url_decode(std::string_view(r.target).substr(0, q), false);
  if (q != std::string::npos) r.query = parse_query(std::string_view(r.target).substr(q + 1));
  for (const auto& f : req) r.headers.add(std::string(f.name_string()), std::string(f.value()));
  r.body = std::move(req.body());
  r.remote_addr = remote;
  if (opts.trust_proxy) {
    if (auto p = r.headers.get("x-forwarded-proto")) r.secure = (*p == "https");
    std::vector<std::string> forwarded;
    for (const auto& [k, v] : r.headers.all())
      if (k == "x-forwarded-for") forwarded.push_back(v);
    r.remote_addr = client_address(remote, forwarded, opts.trusted_proxy_hops);
  }
  return r;
}

http::response<http::string_body> to_beast(Response&& res, unsigned version, bool keep_alive, bool head) {
  http::response<http::string_body> out{static_cast<http::status>(res.status), version};
  for (auto& [k, v] : res.headers.all()) out.insert(k, v);
  out.keep_alive(keep_alive);
  if (head) {
    out.content_length(res.body.size());
  } else {
    out.body() = std::move(res.body);
    out.prepare_payload();
  }
  return out;
}

// The server's own answers (malformed request, limits, busy) carry the same headers as routed ones.
Response plain_error(int status, const char* msg) {
  auto r = Response::text(std::string(msg) + "\n", status);
  add_security_headers(r, false);
  r.headers.set("cache-control", "no-store");
  if (status == 503) r.headers.set("retry-after", "1");
  return r;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string client_address(const std::string& peer, const std::vector<std::string>& forwarded_for, int hops) {
  std::vector<std::string_view> entries;
  for (const auto& v : forwarded_for) {
    std::string_view rest = v;
    for (;;) {
      auto comma = rest.find(',');
      auto item = trim_spaces(rest.substr(0, comma));
      if (!item.empty()) entries.push_back(item);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (hops < 1 || entries.empty()) return peer;
  // Each trusted proxy appended the address it was connected from; the client wrote the rest.
  std::size_t n = static_cast<std::size_t>(hops);
  std::string_view chosen = entries.size() >= n ? entries[entries.size() - n] : entries.front();
  beast::error_code ec;
  auto address = asio::ip::make_address(std::string(chosen), ec);
  return ec ? peer : address.to_string();
}

struct Server::Impl {
  ServerOptions opts;
  RequestHandler handler;
  std::vector<std::unique_ptr<Worker>> workers;
  std::atomic<bool> stopping{false};
  std::atomic<bool> started{false};
  std::unique_ptr<asio::io_context> signal_ioc;
  std::unique_ptr<asio::signal_set> signals;
  std::thread signal_thread;
  std::mutex wait_mu;
  std::unique_ptr<asio::thread_pool> heavy_pool;  // after `workers`: destroyed before them
  std::atomic<std::size_t> heavy_in_flight{0};
  std::atomic<std::size_t> open_streams{0};

  bool is_heavy(const Request& req) const {
    return req.body.size() >= opts.heavy_body || (opts.is_heavy && opts.is_heavy(req));
  }

  // Runs the handler on the heavy pool and resumes on this connection's event loop, which
  // serves other connections meanwhile.
  asio::awaitable<Response> handle_heavy(Request& req) {
    if (heavy_in_flight.fetch_add(1) >= opts.heavy_queue) {
      heavy_in_flight.fetch_sub(1);
      co_return plain_error(503, "The service is busy. Try again in a moment.");
    }
    Response res = co_await asio::co_spawn(
        *heavy_pool, [this, &req]() -> asio::awaitable<Response> { co_return handler(req); }, asio::use_awaitable);
    heavy_in_flight.fetch_sub(1);
    co_return res;
  }

  asio::awaitable<void> write_error(Connection& c, int status, const char* msg, unsigned version) {
    auto res = to_beast(plain_error(status, msg), version, false, false);
    beast::error_code ec;
    co_await http::async_write(c.stream, res, asio::redirect_error(asio::use_awaitable, ec));
  }

  // A streamed answer (Response::stream, core/streaming.hpp): the headers, then each piece the
  // producer appends as one chunk (HTTP/1.1) or as raw bytes closed by the end of the
  // connection (HTTP/1.0), then the last chunk. Pieces are produced here, on the worker thread,
  // between writes that each resume through the event loop, so the loop's other connections
  // are served between pieces. Each write has the read_timeout deadline (as whole answers do):
  // a client that stops reading is dropped. A producer that throws ends the body without its
  // last chunk and closes the connection. Returns whether the connection may serve another
  // request.
  asio::awaitable<bool> write_streamed(Connection& c, Response res, unsigned version, bool keep_alive, bool head) {
    const bool chunked = version >= 11;
    if (!chunked) keep_alive = false;
    const std::string request_id(res.headers.get("x-request-id").value_or(""));
    http::response<http::empty_body> h{static_cast<http::status>(res.status), version};
    for (auto& [k, v] : res.headers.all()) h.insert(k, v);
    h.keep_alive(keep_alive);
    if (chunked) h.chunked(true);
    http::response_serializer<http::empty_body> sr{h};
    beast::error_code ec;
    c.stream.expires_after(opts.read_timeout);
    co_await http::async_write_header(c.stream, sr, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || head) co_return !ec && keep_alive;
    std::string piece;
    std::size_t bytes = 0;
    for (bool more = true; more;) {
      piece.clear();
      std::string failure;
      try {
        more = res.stream(piece);
      } catch (const std::exception& e) {
        failure = e.what();
      } catch (...) {
        failure = "unknown exception";
      }
      if (!failure.empty()) {
        log::error("streamed answer failed",
                   {{"request_id", request_id}, {"error", failure}, {"bytes_sent", bytes}, {"status", res.status}});
        co_return false;
      }
      if (piece.empty()) {
        if (more) co_await asio::post(c.stream.get_executor(), asio::use_awaitable);  // let the loop run
        continue;
      }
      c.stream.expires_after(opts.read_timeout);
      if (chunked)
        co_await asio::async_write(c.stream, http::make_chunk(asio::buffer(piece)),
                                   asio::redirect_error(asio::use_awaitable, ec));
      else
        co_await asio::async_write(c.stream, asio::buffer(piece), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        log::warn("streamed answer abandoned by the client",
                  {{"request_id", request_id}, {"error", ec.message()}, {"bytes_sent", bytes}});
        co_return false;
      }
      bytes += piece.size();
    }
    res.stream = nullptr;  // free what the producer holds before the last write
    if (chunked) {
      c.stream.expires_after(opts.read_timeout);
      co_await asio::async_write(c.stream, http::make_chunk_last(), asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return !ec && keep_alive;
  }

  // Watches the client's side of an event stream: a client sends nothing more, so the read
  // ends when it goes (or when serve_events cancels it).
  static asio::awaitable<void> watch_client(Connection& c, std::shared_ptr<LiveStream> st) {
    char buf[256];
    beast::error_code ec;
    while (!ec)
      co_await c.stream.socket().async_read_some(asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
    st->closed = true;
    st->reader_done = true;
    st->wake.cancel();
  }

  asio::awaitable<void> write_frame(Connection& c, const std::string& bytes, beast::error_code& ec) {
    c.stream.expires_after(opts.read_timeout);  // a client that stops reading is dropped
    co_await asio::async_write(c.stream, asio::buffer(bytes), asio::redirect_error(asio::use_awaitable, ec));
  }

  // Answers text/event-stream and writes each event published on res.event_topic until the
  // client goes, it falls too far behind, or the server stops.
  asio::awaitable<void> serve_events(Worker& w, Connection& c, Response res, unsigned version) {
    if (!opts.events || open_streams.fetch_add(1) >= opts.max_streams) {
      if (opts.events) open_streams.fetch_sub(1);
      co_await write_error(c, 503, "Too many live pages are open. Reload the page in a moment.", version);
      co_return;
    }
    struct Counted {
      std::atomic<std::size_t>& n;
      bool counted = true;
      void release() {
        if (std::exchange(counted, false)) n.fetch_sub(1);
      }
      ~Counted() { release(); }
    } counted{open_streams};
    http::response<http::empty_body> head{static_cast<http::status>(res.status), version};
    for (auto& [k, v] : res.headers.all())
      if (k != "content-type" && k != "content-length" && k != "cache-control") head.insert(k, v);
    head.set(http::field::content_type, "text/event-stream; charset=utf-8");
    head.set(http::field::cache_control, "no-store");
    head.set("x-accel-buffering", "no");  // a buffering reverse proxy would hold events back
    head.keep_alive(false);               // the body ends when the connection does

    // Subscribed before the header goes out: a client that has seen the 200 hears every event
    // published after it (a change made just after the page opened its stream is not lost).
    auto st = std::make_shared<LiveStream>(w.ioc.get_executor());
    std::weak_ptr<LiveStream> weak = st;
    asio::io_context& ioc = w.ioc;
    const std::size_t limit = opts.stream_queue;
    struct Subscribed {
      events::Hub& hub;
      std::int64_t id;
      ~Subscribed() { hub.unsubscribe(id); }  // also when the loop is destroyed mid-stream
    } sub{*opts.events, opts.events->subscribe(res.event_topic, [weak, &ioc, limit](const auto& frame) {
            asio::post(ioc, [weak, frame, limit] {
              auto s = weak.lock();
              if (!s) return;
              if (s->queue.size() >= limit)
                s->dropped = true;
              else
                s->queue.push_back(frame);
              s->wake.cancel();
            });
          })};
    beast::error_code ec;
    http::response_serializer<http::empty_body> sr{head};
    c.stream.expires_after(opts.read_timeout);
    co_await http::async_write_header(c.stream, sr, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    c.live = st.get();
    asio::co_spawn(ioc, watch_client(c, st), asio::detached);

    co_await write_frame(c, "retry: 3000\n\n", ec);
    while (!ec && !st->closed && !st->dropped && !stopping) {
      if (!st->queue.empty()) {
        std::string batch;
        for (const auto& f : st->queue) batch += *f;
        st->queue.clear();
        co_await write_frame(c, batch, ec);
        continue;
      }
      st->wake.expires_after(opts.heartbeat);
      beast::error_code wait_ec;
      co_await st->wake.async_wait(asio::redirect_error(asio::use_awaitable, wait_ec));
      if (!wait_ec) co_await write_frame(c, ": keep-alive\n\n", ec);
    }
    // The watcher holds a reference to the connection: let it finish first.
    c.stream.socket().cancel(ec);
    while (!st->reader_done) {
      st->wake.expires_after(std::chrono::seconds(1));
      co_await st->wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    counted.release();  // before unsubscribing: a stream gone from the hub has freed its place
    c.live = nullptr;
  }

  asio::awaitable<void> session(Worker& w, tcp::socket socket) {
    Connection conn(std::move(socket));
    w.connections.push_back(&conn);
    auto it = std::prev(w.connections.end());
    beast::error_code ec;
    std::string remote;
    {
      auto ep = conn.stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    beast::flat_buffer buffer;
    while (!stopping) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(opts.header_limit));
      parser.body_limit(opts.body_limit);
      conn.stream.expires_after(opts.read_timeout);
      co_await http::async_read(conn.stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted || ec == beast::error::timeout ||
          ec == asio::error::connection_reset || ec == asio::error::eof)
        break;
      if (ec == http::error::header_limit) {
        co_await write_error(conn, 431, "Request header fields too large", 11);
        break;
      }
      if (ec == http::error::body_limit) {
        co_await write_error(conn, 413, "Request body too large", 11);
        break;
      }
      if (ec) {
        if (ec.category() == http::make_error_code(http::error::bad_target).category())
          co_await write_error(conn, 400, "Malformed HTTP request", 11);
        break;
      }
      auto& breq = parser.get();
      if (breq.find(http::field::host) == breq.end()) {
        co_await write_error(conn, 400, "Bad request: the Host header is missing", 11);
        break;
      }
      conn.busy = true;
      bool keep_alive = breq.keep_alive() && !stopping;
      bool head = breq.method() == http::verb::head;
      unsigned version = breq.version();
      Request req = to_request(breq, remote, opts);
      Response res;
      if (heavy_pool && is_heavy(req))
        res = co_await handle_heavy(req);
      else
        res = handler(req);
      if (!res.event_topic.empty() && !head && res.status == 200) {
        co_await serve_events(w, conn, std::move(res), version);
        break;
      }
      if (res.stream) {
        bool again = co_await write_streamed(conn, std::move(res), version, keep_alive, head);
        conn.busy = false;
        if (!again) break;
        continue;
      }
      auto out = to_beast(std::move(res), version, keep_alive, head);
      conn.stream.expires_after(opts.read_timeout);
      co_await http::async_write(conn.stream, out, asio::redirect_error(asio::use_awaitable, ec));
      conn.busy = false;
      if (ec || !keep_alive) break;
    }
    conn.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    w.connections.erase(it);
  }

  asio::awaitable<void> accept_loop(Worker& w) {
    for (;;) {
      beast::error_code ec;
      tcp::socket s = co_await w.acceptor->async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (ec == asio::error::operation_aborted || stopping) co_return;
        continue;  // e.g. EMFILE: keep serving the connections we have
      }
      s.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(w.ioc, session(w, std::move(s)), asio::detached);
    }
  }

  // Waits for the worker's connections to finish (up to drain_timeout), then stops its loop.
  asio::awaitable<void> drain(Worker& w) {
    asio::steady_timer timer(w.ioc);
    beast::error_code ec;
    auto deadline = std::chrono::steady_clock::now() + opts.drain_timeout;
    while (!w.connections.empty() && std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(std::chrono::milliseconds(20));
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    w.ioc.stop();
  }

  void begin_stop() {
    if (stopping.exchange(true)) return;
    for (auto& w : workers) {
      asio::post(w->ioc, [this, wp = w.get()] {
        beast::error_code ec;
        if (wp->acceptor) wp->acceptor->close(ec);
        // Idle keep-alive connections are closed now; busy ones close after their response.
        for (Connection* c : wp->connections)
          if (!c->busy) c->stream.socket().cancel(ec);
        // Event streams end now (they never finish on their own).
        for (Connection* c : wp->connections)
          if (c->live) {
            c->live->closed = true;
            c->live->wake.cancel();
          }
        asio::co_spawn(wp->ioc, drain(*wp), asio::detached);
      });
    }
    if (signal_ioc) signal_ioc->stop();
  }
};

Server::Server(ServerOptions options, RequestHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->opts = std::move(options);
  impl_->handler = std::move(handler);
}

Server::~Server() {
  stop();
  wait();
}

std::uint16_t Server::start() {
  auto& im = *impl_;
  int n = im.opts.threads < 1 ? 1 : im.opts.threads;
  beast::error_code ec;
  auto address = asio::ip::make_address(im.opts.host, ec);
  if (ec) throw std::runtime_error("cannot listen on '" + im.opts.host + "': not an IP address");
  std::uint16_t port = im.opts.port;
  for (int i = 0; i < n; ++i) {
    auto w = std::make_unique<Worker>();
    w->acceptor = std::make_unique<tcp::acceptor>(w->ioc);
    tcp::endpoint ep(address, port);
    w->acceptor->open(ep.protocol(), ec);
    if (!ec) w->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) {
      int one = 1;
      ::setsockopt(w->acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
      w->acceptor->bind(ep, ec);
    }
    if (!ec) w->acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
      throw std::runtime_error("cannot listen on " + im.opts.host + ":" + std::to_string(port) + ": " + ec.message());
    port = w->acceptor->local_endpoint().port();
    im.workers.push_back(std::move(w));
  }
  if (im.opts.heavy_threads > 0)
    im.heavy_pool = std::make_unique<asio::thread_pool>(static_cast<std::size_t>(im.opts.heavy_threads));
  for (auto& w : im.workers) {
    asio::co_spawn(w->ioc, im.accept_loop(*w), asio::detached);
    w->thread = std::thread([wp = w.get()] { wp->ioc.run(); });
  }
  if (im.opts.handle_signals) {
    im.signal_ioc = std::make_unique<asio::io_context>(1);
    im.signals = std::make_unique<asio::signal_set>(*im.signal_ioc, SIGINT, SIGTERM);
    im.signals->async_wait([this](beast::error_code e, int) {
      if (!e) impl_->begin_stop();
    });
    im.signal_thread = std::thread([this] { impl_->signal_ioc->run(); });
  }
  im.started = true;
  return port;
}

void Server::wait() {
  std::lock_guard g(impl_->wait_mu);
  for (auto& w : impl_->workers)
    if (w->thread.joinable()) w->thread.join();
  // A heavy request still running after the drain timeout must finish before its
  // connection's frame goes away with the workers.
  if (impl_->heavy_pool) impl_->heavy_pool->join();
  if (impl_->signal_thread.joinable()) {
    impl_->signal_ioc->stop();
    impl_->signal_thread.join();
  }
}

void Server::stop() {
  if (impl_->started) impl_->begin_stop();
}

}  // namespace goldthread::core
