// The request pipeline without sockets: 500 page, access rules, middleware order.
#include "core/app.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/context.hpp"

namespace goldthread::core {
namespace {

std::unique_ptr<App> make(Registry reg) {
  auto db = Database::open("sqlite::memory:", 1);
  EXPECT_TRUE(db.ok());
  Config cfg;
  cfg.assets_dir = "/nonexistent";
  return std::make_unique<App>(cfg, std::move(db.value()), std::move(reg));
}

Request get(std::string path, std::string accept = "text/html") {
  Request r;
  r.method = "GET";
  r.path = r.target = std::move(path);
  r.headers.add("Accept", std::move(accept));
  return r;
}

TEST(App, AnUnexpectedExceptionBecomesThe500PageWithTheRequestId) {
  Registry reg;
  reg.add_route("GET", "/boom", Access::anyone(), [](Context&) -> Response { throw std::runtime_error("bug"); });
  auto app = make(std::move(reg));
  auto req = get("/boom");
  auto res = app->handle(req);
  EXPECT_EQ(res.status, 500);
  EXPECT_NE(res.body.find("Sorry, there is a problem with the service"), std::string::npos);
  EXPECT_NE(res.body.find(req.request_id), std::string::npos);
  EXPECT_EQ(res.body.find("bug"), std::string::npos);  // internals are logged, not shown
  auto jreq = get("/boom", "application/json");
  auto jres = app->handle(jreq);
  EXPECT_EQ(jres.status, 500);
  EXPECT_EQ(nlohmann::json::parse(jres.body)["error"]["status"], 500);
}

TEST(App, AccessRulesRedirectAnonymousPagesAndRefuseJson) {
  Registry reg;
  reg.add_route("GET", "/admin", Access::any_of({Role::site_admin}), [](Context&) { return Response::text("secret"); });
  auto app = make(std::move(reg));
  auto page = get("/admin");
  page.target = "/admin?x=1";
  auto res = app->handle(page);
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(res.headers.get("location").value_or(""), "/sign-in?next=%2Fadmin%3Fx%3D1");
  auto json = get("/admin", "application/json");
  EXPECT_EQ(app->handle(json).status, 401);
}

struct Recorder : Middleware {
  std::vector<std::string>* log;
  std::string name;
  bool stop = false;
  std::optional<Response> before(Context&, const Route&) override {
    log->push_back(name + ".before");
    if (stop) return Response::text("stopped", 403);
    return std::nullopt;
  }
  void after(Context&, Response&) override { log->push_back(name + ".after"); }
};

TEST(App, MiddlewareRunsInOrderAndCanAnswerEarly) {
  std::vector<std::string> log;
  Registry reg;
  auto a = std::make_shared<Recorder>();
  a->log = &log, a->name = "a";
  auto b = std::make_shared<Recorder>();
  b->log = &log, b->name = "b", b->stop = true;
  reg.add_middleware(a);
  reg.add_middleware(b);
  reg.add_route("GET", "/x", Access::anyone(), [&](Context&) {
    log.push_back("handler");
    return Response::text("x");
  });
  auto app = make(std::move(reg));
  auto req = get("/x");
  auto res = app->handle(req);
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(log, (std::vector<std::string>{"a.before", "b.before", "b.after", "a.after"}));
}

}  // namespace
}  // namespace goldthread::core
