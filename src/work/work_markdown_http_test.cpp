// Initiative descriptions over HTTP (issue 10.1), on SQLite and PostgreSQL: Markdown over a
// bound is refused with a message, the HTML is rendered once when saved, and rows saved before
// HTML was stored are rendered (within the bounds) at first read.
#include <gtest/gtest.h>

#include <chrono>

#include "accounts/accounts_test_support.hpp"
#include "support/test_env.hpp"

namespace goldthread::work {
namespace {
using namespace accounts::testing;
using nlohmann::json;

class WorkMarkdownHttp : public goldthread::testing::SharedServerTest<WorkMarkdownHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    org_ = make_organisation(db, "Markdown Community Trust");
    auto member = make_user(db, "writer@example.com", {}, "Wren Writer");
    make_member(db, member, org_);
  }
  static std::string form(const std::string& title, const std::string& description) {
    return "title=" + core::url_encode(title) + "&owner_organisation_id=" + std::to_string(org_) +
           "&status=planned&description=" + core::url_encode(description);
  }
  static std::optional<std::string> stored_html(const std::string& slug) {
    auto conn = server_->app().db().acquire();
    return conn->query("SELECT description_html FROM initiatives WHERE slug = ?", {slug}).rows.at(0).opt_text(0);
  }
  static void run_sql(const std::string& sql, const std::vector<core::Value>& params) {
    auto conn = server_->app().db().acquire();
    conn->query(sql, params);
  }
  static std::string amplifying_table() {
    std::string md = "|";
    for (int i = 0; i < 500; ++i) md += "a|";
    md += "\n|";
    for (int i = 0; i < 500; ++i) md += "-|";
    md += "\n";
    while (md.size() < 19990) md += "x\n";
    return md;
  }
  static inline std::int64_t org_ = 0;
};

TEST_F(WorkMarkdownHttp, TheProbesWideTableIsRefusedWithAMessageOnTheForm) {
  auto c = signed_in_client(port(), "writer@example.com");
  auto r = c.submit("/initiatives", form("Wide Table Initiative", amplifying_table()));
  ASSERT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("href=\"#description\""), std::string::npos);
  EXPECT_NE(r.body.find("Description must not have a table of more than 20 columns"), std::string::npos);
  EXPECT_LT(r.body.size(), 200000u);
  auto api = c.submit("/initiatives", form("Wide Table Initiative", amplifying_table()), true);
  ASSERT_EQ(api.status, 400);
  auto fields = json::parse(api.body)["error"]["fields"];
  ASSERT_FALSE(fields.empty());
  EXPECT_EQ(fields[0]["field"], "description");
  auto conn = server_->app().db().acquire();
  EXPECT_TRUE(conn->query("SELECT id FROM initiatives WHERE slug = 'wide-table-initiative'").rows.empty());
}

TEST_F(WorkMarkdownHttp, TheDescriptionIsRenderedOnceWhenSavedNotOnEveryView) {
  auto c = signed_in_client(port(), "writer@example.com");
  ASSERT_EQ(c.submit("/initiatives", form("Rendered Once", "Warm **rooms** for all")).status, 303);
  auto html = stored_html("rendered-once");
  ASSERT_TRUE(html);
  EXPECT_NE(html->find("<strong>rooms</strong>"), std::string::npos);
  EXPECT_NE(c.get("/initiatives/rendered-once").body.find("<strong>rooms</strong>"), std::string::npos);
  // The page shows what was stored: a view does not render the Markdown again.
  run_sql("UPDATE initiatives SET description_html = ? WHERE slug = ?",
          {std::string("<p>the stored rendering</p>"), std::string("rendered-once")});
  EXPECT_NE(c.get("/initiatives/rendered-once").body.find("the stored rendering"), std::string::npos);
  // Editing renders the new text.
  ASSERT_EQ(c.submit("/initiatives/rendered-once", form("Rendered Once", "Now *quieter*")).status, 303);
  EXPECT_NE(stored_html("rendered-once")->find("<em>quieter</em>"), std::string::npos);
}

TEST_F(WorkMarkdownHttp, ARowSavedBeforeTheBoundsIsRenderedBoundedAtFirstReadAndStored) {
  auto c = signed_in_client(port(), "writer@example.com");
  ASSERT_EQ(c.submit("/initiatives", form("Saved Before Bounds", "short")).status, 303);
  // As a row written before this version: the probe's description and no stored HTML.
  run_sql("UPDATE initiatives SET description = ?, description_html = NULL WHERE slug = ?",
          {amplifying_table(), std::string("saved-before-bounds")});
  auto t0 = std::chrono::steady_clock::now();
  auto page = c.get("/initiatives/saved-before-bounds");
  auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_EQ(page.status, 200);
  EXPECT_LT(page.body.size(), 200000u);  // was 45.1 MB
  EXPECT_EQ(page.body.find("<table"), std::string::npos);
  EXPECT_LT(took, std::chrono::seconds(1));  // was 4.05 s
  auto html = stored_html("saved-before-bounds");
  ASSERT_TRUE(html);
  EXPECT_NE(html->find("|a|a|"), std::string::npos);  // shown as the text it is
}

}  // namespace
}  // namespace goldthread::work
