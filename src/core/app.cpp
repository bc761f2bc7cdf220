#include "core/app.hpp"

#include <sodium.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "core/audit.hpp"
#include "core/context.hpp"
#include "core/log.hpp"
#include "core/page.hpp"

namespace goldthread::core {
namespace {

std::string new_request_id() {
  unsigned char b[8];
  randombytes_buf(b, sizeof b);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, b, sizeof b);
  return hex;
}

bool accepts_json(const Request& req) {
  auto accept = req.header("accept").value_or("");
  if (accept.find("application/json") == std::string_view::npos) return false;
  auto html = accept.find("text/html");
  return html == std::string_view::npos || html > accept.find("application/json");
}

}  // namespace

App::App(Config cfg, std::unique_ptr<Database> db, Registry registry)
    : cfg_(std::move(cfg)),
      db_(std::move(db)),
      registry_(std::move(registry)),
      router_(registry_.routes()),
      static_(std::make_unique<StaticFiles>(find_assets_root(cfg_.assets_dir))),
      sections_(registry_.site_sections()) {
  service_name = cfg_.service_name;
}

App::~App() = default;

Response App::serve_static(const Request& req, const StaticFile& f) {
  Response res;
  res.headers.set("etag", f.etag);
  res.headers.set("cache-control", "public, max-age=31536000, immutable");
  if (auto inm = req.header("if-none-match"); inm && *inm == f.etag) {
    res.status = 304;
    return res;
  }
  res.headers.set("content-type", f.content_type);
  res.body = f.body;
  return res;
}

Response App::handle(Request& req) {
  auto start = std::chrono::steady_clock::now();
  req.request_id = new_request_id();
  Context ctx(*this, req);
  ctx.json_ = accepts_json(req);
  Response res;
  std::string route = "unmatched";
  if (const StaticFile* f = (req.method == "GET" || req.method == "HEAD") ? static_->find(req.path) : nullptr) {
    route = "static";
    res = serve_static(req, *f);
  } else {
    try {
      res = dispatch(ctx);
      if (!ctx.route_pattern.empty()) route = ctx.route_pattern;
    } catch (const std::exception& e) {
      // The route was matched before the handler threw: label the 500 with it, not "unmatched".
      if (!ctx.route_pattern.empty()) route = ctx.route_pattern;
      log::error("unhandled exception",
                 {{"request_id", req.request_id}, {"route", route}, {"error", e.what()}, {"path", req.path}});
      try {
        res = error_page(ctx, 500, "Sorry, there is a problem with the service",
                         "Try again later. If the problem continues, quote reference " + req.request_id + ".");
      } catch (...) {
        res = Response::text("Sorry, there is a problem with the service.\n", 500);
      }
    }
  }
  add_security_headers(res, req.secure);
  res.headers.set("x-request-id", req.request_id);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.observe_request(req.method, route, res.status, secs);
  if (route != "static")
    log::info("request", {{"method", req.method},
                          {"route", route},
                          {"path", req.path},
                          {"status", res.status},
                          {"duration_ms", secs * 1000.0},
                          {"request_id", req.request_id},
                          {"remote", req.remote_addr}});
  return res;
}

namespace {
// The /api/v1 alias answers JSON from the same handler as the page.
bool strip_api_prefix(std::string& path) {
  static const std::string kApi = "/api/v1";
  if (path.rfind(kApi, 0) != 0 || (path.size() != kApi.size() && path[kApi.size()] != '/')) return false;
  path = path.size() == kApi.size() ? "/" : path.substr(kApi.size());
  return true;
}
}  // namespace

bool App::is_heavy(const Request& req) const {
  std::string path = req.path;
  strip_api_prefix(path);
  auto m = router_.match(req.method, path);
  return m.route && m.route->heavy;
}

Response App::dispatch(Context& ctx) {
  Request& req = ctx.request();
  if (strip_api_prefix(req.path)) ctx.json_ = true;
  auto m = router_.match(req.method, req.path);
  if (!m.route) {
    if (m.method_not_allowed) {
      auto r = error_page(ctx, 405, "Method not allowed", "This address does not accept that kind of request.");
      return r;
    }
    return error_page(ctx, 404, "Page not found",
                      "If you typed the web address, check it is correct. If you pasted the web address, check you "
                      "copied the entire address.");
  }
  ctx.params = std::move(m.params);
  ctx.route_pattern = m.route->pattern;
  const auto& mws = registry_.middleware();
  std::size_t ran = 0;
  std::optional<Response> early;
  for (; ran < mws.size() && !early; ++ran) early = mws[ran]->before(ctx, *m.route);
  Response res;
  if (early) {
    res = std::move(*early);
  } else if (!m.route->access.allows(ctx.principal)) {
    if (!ctx.principal.signed_in() && req.method == "GET" && !ctx.wants_json())
      res = Response::redirect("/sign-in?next=" + url_encode(req.target));
    else if (!ctx.principal.signed_in())
      res = error_page(ctx, 401, "You need to sign in", "Sign in to use this page.");
    else
      res = error_page(ctx, 403, "You do not have permission to see this page",
                       "Ask an administrator if you think you should have access.");
  } else {
    res = run_handler(ctx, *m.route);
  }
  for (std::size_t i = ran; i-- > 0;) mws[i]->after(ctx, res);
  return res;
}

// Cached pages (core::data_version): anonymous visitors get the whole response from memory;
// signed-in visitors the cached body inside their own layout (core::cached_body).
Response App::run_handler(Context& ctx, const Route& route) {
  const Request& req = ctx.request();
  if (!route.cache_anonymous || req.method != "GET") return route.handler(ctx);
  if (ctx.principal.signed_in()) return cached_body(ctx, [&] { return route.handler(ctx); });
  std::int64_t version = data_version(ctx);
  std::string key = (ctx.wants_json() ? "J " : "H ") + req.target;
  {
    std::lock_guard g(cache_mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.version == version) return it->second.response;
  }
  Response res = route.handler(ctx);
  if (res.status == 200 && !res.stream) {  // a streamed body is produced once: never kept
    constexpr std::size_t kMaxPages = 1024;
    std::lock_guard g(cache_mu_);
    if (cache_.size() >= kMaxPages) cache_.clear();
    cache_[key] = {version, res};
  }
  return res;
}

}  // namespace goldthread::core
