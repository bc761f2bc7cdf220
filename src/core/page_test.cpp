// Per-request memo, typed section slots and the data-versioned body cache, through the real
// request pipeline (core::App) on an in-memory SQLite database, without any capability.
#include "core/page.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/audit.hpp"
#include "core/context.hpp"
#include "core/migrations.hpp"

namespace goldthread::core {
namespace {

std::unique_ptr<App> make(Registry reg) {
  reg.add_migrations("core");  // audit_events: the data version
  auto db = Database::open("sqlite::memory:", 2);
  EXPECT_TRUE(db.ok());
  migrate(**db, reg.migrations());
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

struct Counter {
  using type = int;
};

TEST(ContextMemo, LoadsOncePerRequestAndNeverAcrossRequests) {
  int loads = 0;
  Registry reg;
  reg.add_route("GET", "/m", Access::anyone(), [&](Context& ctx) {
    auto load = [&] { return ++loads * 10; };
    int first = ctx.memo<Counter>(load);
    int second = ctx.memo<Counter>(load);
    return Response::text(std::to_string(first) + "," + std::to_string(second));
  });
  auto app = make(std::move(reg));
  auto a = get("/m");
  EXPECT_EQ(app->handle(a).body, "10,10");
  auto b = get("/m");
  EXPECT_EQ(app->handle(b).body, "20,20");  // a new request loads again
  EXPECT_EQ(loads, 2);
}

struct Thing {
  std::int64_t id = 0;
  std::string name;
};

TEST(Sections, ProvidersGetTheLoadedSubjectAndHtmlIsRenderedOnlyForHtml) {
  int provided = 0;
  Registry reg;
  reg.add_section<Thing>("thing", [&](Context&, const Thing& t) -> std::optional<Section> {
    ++provided;
    return make_section("extra", "Extra", "core/error",
                        {{"title", "About " + t.name}, {"message", "m"}, {"status", t.id}});
  });
  reg.add_route("GET", "/thing", Access::anyone(), [](Context& ctx) {
    Thing t{7, "Seven"};
    auto sections = ctx.app().registry().sections_for("thing", ctx, t);
    return Response::json(sections_model(ctx, sections).dump());
  });
  auto app = make(std::move(reg));
  auto html = get("/thing");
  auto as_html = nlohmann::json::parse(app->handle(html).body);
  ASSERT_EQ(as_html.size(), 1u);
  EXPECT_EQ(as_html[0]["key"], "extra");
  EXPECT_EQ(as_html[0]["model"]["title"], "About Seven");
  EXPECT_NE(as_html[0]["html"].get<std::string>().find("About Seven"), std::string::npos);
  auto json = get("/thing", "application/json");
  auto as_json = nlohmann::json::parse(app->handle(json).body);
  EXPECT_EQ(as_json[0]["model"]["status"], 7);
  EXPECT_FALSE(as_json[0].contains("html"));
  EXPECT_EQ(provided, 2);
}

TEST(Sections, AskingASlotWithAnotherSubjectTypeIsAnError) {
  Registry reg;
  reg.add_section<Thing>("thing", [](Context&, const Thing&) -> std::optional<Section> { return std::nullopt; });
  reg.add_route("GET", "/wrong", Access::anyone(), [](Context& ctx) {
    ctx.app().registry().sections_for("thing", ctx, std::string("not a thing"));
    return Response::text("unreachable");
  });
  auto app = make(std::move(reg));
  auto req = get("/wrong");
  EXPECT_EQ(app->handle(req).status, 500);
}

// Signs the request in as the user named in the X-Test-User header, with the roles it lists.
struct TestSignIn : Middleware {
  std::optional<Response> before(Context& ctx, const Route&) override {
    auto who = ctx.request().header("x-test-user");
    if (!who) return std::nullopt;
    ctx.principal.user_id = 1;
    ctx.principal.name = std::string(*who);
    ctx.principal.roles = {Role::resident};
    if (ctx.request().header("x-test-admin")) ctx.principal.roles.push_back(Role::place_admin);
    return std::nullopt;
  }
};

TEST(CachedBody, ABodyIsBuiltOncePerDataVersionAndEveryVisitorGetsTheirOwnLayout) {
  int built = 0;
  Registry reg;
  reg.add_middleware(std::make_shared<TestSignIn>());
  reg.add_route("GET", "/page", Access::anyone(), [&](Context& ctx) {
    return cached_body(ctx, [&] {
      ++built;
      bool admin = ctx.principal.has(Role::place_admin);
      return render_page(ctx, "core/error", "Page",
                         {{"title", "Build " + std::to_string(built) + (admin ? " for admins" : "")},
                          {"message", "m"},
                          {"status", 200}});
    });
  });
  auto app = make(std::move(reg));
  auto as = [&](const std::string& user, bool admin = false, std::string accept = "text/html") {
    auto req = get("/page", std::move(accept));
    if (!user.empty()) req.headers.add("X-Test-User", user);
    if (admin) req.headers.add("X-Test-Admin", "1");
    return app->handle(req);
  };
  auto ann = as("Ann");
  ASSERT_EQ(ann.status, 200);
  EXPECT_NE(ann.body.find("Build 1"), std::string::npos);
  EXPECT_NE(ann.body.find("Your account"), std::string::npos);  // signed in: her layout
  EXPECT_NE(as("Cat").body.find("Build 1"), std::string::npos) << "the same privileges: the same body";
  EXPECT_EQ(built, 1);
  auto anonymous = as("");
  EXPECT_NE(anonymous.body.find("Build 2"), std::string::npos);
  EXPECT_EQ(anonymous.body.find("Your account"), std::string::npos) << "the anonymous layout";
  auto admin = as("Bob", true);
  EXPECT_NE(admin.body.find("Build 3 for admins"), std::string::npos) << "other privileges: another body";
  EXPECT_NE(as("Ann").body.find("Build 1"), std::string::npos);
  EXPECT_EQ(built, 3);
  auto twin = as("Ann", false, "application/json");
  EXPECT_EQ(nlohmann::json::parse(twin.body)["title"], "Build 4");
  EXPECT_EQ(nlohmann::json::parse(as("Cat", false, "application/json").body)["title"], "Build 4");
  EXPECT_EQ(built, 4);

  // An audited write (any capability's) is a new data version: the next request builds again.
  {
    auto conn = app->db().acquire();
    audit::record(*conn, audit::Actor{}, {"update", "thing", "1", "{}", "{}"});
  }
  EXPECT_NE(as("Ann").body.find("Build 5"), std::string::npos);
  EXPECT_NE(as("Cat").body.find("Build 5"), std::string::npos);
  EXPECT_EQ(built, 5);
}

TEST(CachedBody, OnlySuccessfulPagesAreKept) {
  int built = 0;
  Registry reg;
  reg.add_route("GET", "/missing", Access::anyone(), [&](Context& ctx) {
    return cached_body(ctx, [&] {
      ++built;
      return error_page(ctx, 404, "Page not found", "Nothing here");
    });
  });
  auto app = make(std::move(reg));
  for (int i = 0; i < 2; ++i) {
    auto req = get("/missing");
    EXPECT_EQ(app->handle(req).status, 404);
  }
  EXPECT_EQ(built, 2);
}

TEST(PageModel, TheJsonTwinIsTheResourceAndTheScreenIsBuiltOnlyForHtml) {
  int screens = 0;
  Registry reg;
  reg.add_route("GET", "/thing", Access::anyone(), [&](Context& ctx) {
    Thing t{7, "Seven"};
    return render_page(ctx, Page{.template_name = "core/error",
                                 .title = "Seven",
                                 .resource =
                                     [&](nlohmann::json& j) {
                                       j = {{"id", t.id}, {"name", t.name}};
                                     },
                                 .screen =
                                     [&](nlohmann::json& j) {
                                       ++screens;
                                       j = {{"title", "About " + t.name}, {"message", "m"}, {"can_edit", true}};
                                     }});
  });
  auto app = make(std::move(reg));
  auto json = get("/thing", "application/json");
  auto res = app->handle(json);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(nlohmann::json::parse(res.body), (nlohmann::json{{"id", 7}, {"name", "Seven"}}));
  EXPECT_EQ(screens, 0);  // no screen model for a JSON answer
  auto html = get("/thing");
  auto page = app->handle(html);
  EXPECT_NE(page.body.find("About Seven"), std::string::npos);
  EXPECT_EQ(screens, 1);
}

TEST(PageModel, AListsResourcePaginationLinksItsPages) {
  auto p = resource_pagination("/things?q=a", 2, 10, 25);
  EXPECT_EQ(p["pages"], 3);
  EXPECT_EQ(p["total"], 25);
  EXPECT_EQ(p["links"]["self"], "/things?q=a&page=2");
  EXPECT_EQ(p["links"]["previous"], "/things?q=a");
  EXPECT_EQ(p["links"]["next"], "/things?q=a&page=3");
  auto one = resource_pagination("/things", 1, 10, 0);
  EXPECT_EQ(one["pages"], 1);
  EXPECT_FALSE(one["links"].contains("next"));
  EXPECT_FALSE(one["links"].contains("previous"));
}

}  // namespace
}  // namespace goldthread::core
