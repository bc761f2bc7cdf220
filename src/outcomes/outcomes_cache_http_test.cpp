// Issue 12.10 on SQLite and PostgreSQL: the outcomes pages and exports are answered from memory
// per data version, and yet an import, a KPI write and an embargo's end each show at once; an
// embargoed figure never leaks through a kept answer; an import that finds a bad row after
// many good ones (already handed to the writer thread) still writes nothing.
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "accounts/accounts_test_support.hpp"
#include "core/audit.hpp"
#include "outcomes/outcomes.hpp"
#include "outcomes/outcomes_handlers.hpp"
#include "outcomes/outcomes_test_support.hpp"
#include "support/test_env.hpp"

namespace goldthread::outcomes {
namespace {
using namespace accounts::testing;
using nlohmann::json;

const char* kShortHeader = "area_code,area_name,indicator,period,value,unit,lci_95,uci_95,numerator,denominator\n";

class OutcomesCacheHttp : public goldthread::testing::SharedServerTest<OutcomesCacheHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    admin_ = make_user(server_->app().db(), "pam-cache@example.com", {core::Role::place_admin}, "Pam Admin");
  }
  static void TearDownTestSuite() {
    set_today_for_test("");
    SharedServerTest::TearDownTestSuite();
  }
  static std::string get(const std::string& path) {
    auto r = goldthread::testing::http_get(port(), path, {{"Accept", "application/json"}});
    EXPECT_EQ(r.status, 200) << path << " " << r.body.substr(0, 300);
    return r.body;
  }
  static std::int64_t count(const std::string& sql) { return testing::count_rows(server_->app().db(), sql); }
  static ImportReport import_text(const std::string& text, ImportOptions opts = {}) {
    return testing::import_csv_text(server_->app().db(), text, opts);
  }
  static std::int64_t admin_;
};
std::int64_t OutcomesCacheHttp::admin_ = 0;

TEST_F(OutcomesCacheHttp, AnImportShowsAtOnceInTheKeptPageAndExport) {
  ASSERT_TRUE(import_text(std::string(kShortHeader) + "E10000012,Essex,Cache test,2023,41.5,%,,,,\n").written);
  // Kept whole, not streamed (a small indicator); twice each: the second answer comes from memory.
  EXPECT_EQ(goldthread::testing::http_get(port(), "/indicators/cache-test/data.json").header("transfer-encoding"), "");
  for (int i = 0; i < 2; ++i) {
    EXPECT_NE(get("/indicators/cache-test/data.json").find("41.5"), std::string::npos);
    EXPECT_NE(get("/indicators/cache-test").find("41.5"), std::string::npos);
    EXPECT_NE(goldthread::testing::http_get(port(), "/indicators/cache-test/data.csv").body.find("41.5"),
              std::string::npos);
  }
  ASSERT_TRUE(import_text(std::string(kShortHeader) + "E10000012,Essex,Cache test,2023,42.25,%,,,,\n").written);
  auto data = get("/indicators/cache-test/data.json");
  EXPECT_NE(data.find("42.25"), std::string::npos) << data;
  EXPECT_EQ(data.find("41.5"), std::string::npos);
  EXPECT_NE(get("/indicators/cache-test").find("42.25"), std::string::npos);
  EXPECT_NE(goldthread::testing::http_get(port(), "/indicators/cache-test/data.csv").body.find("42.25"),
            std::string::npos);
}

TEST_F(OutcomesCacheHttp, AKpiWriteShowsAtOnceOnTheKeptAmbitionPageAndAreaProfile) {
  std::string csv = kShortHeader;
  for (int y = 2015; y <= 2023; ++y)
    csv += "E10000012,Essex,Kpi cache test," + std::to_string(y) + "," + std::to_string(60 + y - 2015) + ",%,,,,\n";
  ASSERT_TRUE(import_text(csv).written);
  const std::string ambition = "/ambitions/share-prosperity-with-everyone";
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(get(ambition).find("Kpi cache test"), std::string::npos);
    EXPECT_EQ(get("/indicators/areas/E10000012").find("Kpi cache test"), std::string::npos);
  }
  auto admin = session_client(port(), server_->app().db(), admin_);
  auto ok = admin.submit("/indicators/kpi-cache-test/kpi",
                         "ambition=share-prosperity-with-everyone&baseline_value=60&baseline_period=2015"
                         "&target_value=75&target_period=2030");
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 500);
  EXPECT_NE(get(ambition).find("Kpi cache test"), std::string::npos);
  EXPECT_NE(get("/indicators/areas/E10000012").find("Kpi cache test"), std::string::npos);
  EXPECT_NE(get("/indicators/kpi-cache-test").find("\"target\""), std::string::npos);
}

TEST_F(OutcomesCacheHttp, AnEmbargoedFigureNeverLeaksAndShowsOnItsDate) {
  ImportOptions embargoed;
  embargoed.embargo_until = "2190-06-01";
  ASSERT_TRUE(import_text(std::string(kShortHeader) + "E10000012,Essex,Embargo cache,2024,48,%,,,,\n").written);
  ASSERT_TRUE(
      import_text(std::string(kShortHeader) + "E10000012,Essex,Embargo cache,2025,77.125,%,,,,\n", embargoed).written);
  auto version = [] { return count("SELECT MAX(id) FROM audit_events"); };
  const auto before = version();
  for (int i = 0; i < 2; ++i) {  // the second answers come from memory: still hidden
    EXPECT_EQ(get("/indicators/embargo-cache/data.json").find("77.125"), std::string::npos);
    EXPECT_EQ(get("/indicators/embargo-cache").find("77.125"), std::string::npos);
    EXPECT_EQ(get("/indicators/areas/E10000012").find("77.125"), std::string::npos);
  }
  EXPECT_EQ(version(), before);  // nothing written while the embargo lasts
  set_today_for_test("2190-05-31");
  EXPECT_EQ(get("/indicators/embargo-cache/data.json").find("77.125"), std::string::npos);
  EXPECT_EQ(version(), before);
  // Its date comes: the first request records the end (audited), and every kept answer goes.
  set_today_for_test("2190-06-01");
  EXPECT_NE(get("/indicators/embargo-cache/data.json").find("77.125"), std::string::npos);
  EXPECT_NE(get("/indicators/embargo-cache").find("77.125"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE resource_type = 'indicator-embargo'"), 1);
  const auto after = version();
  EXPECT_GT(after, before);
  EXPECT_NE(get("/indicators/embargo-cache/data.json").find("77.125"), std::string::npos);
  EXPECT_EQ(version(), after);  // recorded once
  set_today_for_test("");
}

TEST_F(OutcomesCacheHttp, ABadRowAfterManyGoodOnesStillWritesNothing) {
  // 2,500 good rows (more than one batch handed to the writer thread), then a duplicate.
  auto month = [](int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", 1950 + n / 12, n % 12 + 1);
    return std::string(buf);
  };
  std::string csv = kShortHeader;
  for (int m = 0; m < 2500; ++m)
    csv += std::string(m % 2 ? "E10000012" : "E07000069") + ",,Late bad row," + month(m / 2) + ",50,%,,,,\n";
  csv += "E10000012,,Late bad row," + month(1) + ",51,%,,,,\n";
  auto rep = import_text(csv);
  EXPECT_FALSE(rep.written);
  ASSERT_EQ(rep.problems.size(), 1u);
  EXPECT_NE(rep.problems[0].problem.find("Duplicate: line 5"), std::string::npos) << rep.problems[0].problem;
  EXPECT_EQ(count("SELECT COUNT(*) FROM outcome_indicators WHERE slug = 'late-bad-row'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outcome_points p JOIN outcome_indicators i ON i.id = p.indicator_id "
                  "WHERE i.slug = 'late-bad-row'"),
            0);
  // Without the bad row, all of it is written.
  csv.erase(csv.rfind("E10000012,,Late bad row," + month(1)));
  auto good = import_text(csv);
  EXPECT_TRUE(good.written);
  EXPECT_EQ(good.created, 2500u);
}

}  // namespace
}  // namespace goldthread::outcomes
