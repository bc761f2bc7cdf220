// The outcomes capability over HTTP, on SQLite and PostgreSQL: the bundled Essex indicators
// with their attribution, comparisons and trends on real data, the upload page's per-row
// report, all-or-nothing and idempotent imports, suppression, embargo and provisional figures,
// the exports and the ambition section.
#include <gtest/gtest.h>

#include <sstream>

#include "accounts/accounts_test_support.hpp"
#include "core/audit.hpp"
#include "outcomes/outcomes.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::outcomes {
namespace {
using namespace accounts::testing;
using nlohmann::json;

const goldthread::testing::RouteSamples kOutcomeRoutes({
    {"GET", "/indicators", "anyone", "/indicators"},
    {"GET", "/indicators/import", "partner-member|place-admin", "/indicators/import"},
    {"POST", "/indicators/import", "partner-member|place-admin", "/indicators/import", "csv="},
    {"GET", "/indicators/{slug}", "anyone", "/indicators/employment-rate"},
    {"GET", "/indicators/{slug}/data.csv", "anyone", "/indicators/employment-rate/data.csv"},
    {"GET", "/indicators/{slug}/data.json", "anyone", "/indicators/employment-rate/data.json"},
});

const char* kHeader =
    "area_code,area_name,indicator,period,value,unit,lci_95,uci_95,numerator,denominator,status,notes\n";

class OutcomesHttp : public goldthread::testing::SharedServerTest<OutcomesHttp> {
 protected:
  static void SetUpTestSuite() {
    accounts::use_fast_password_hashing_for_test();
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    auto org = make_organisation(db, "Outcomes Data Trust");
    member_ = make_user(db, "olive@example.com", {}, "Olive Analyst");
    make_member(db, member_, org);
    make_user(db, "resident-o@example.com", {}, "Rita Resident");
  }
  static json get_json(const std::string& path) {
    auto r = goldthread::testing::http_get(port(), path, {{"Accept", "application/json"}});
    EXPECT_EQ(r.status, 200) << path << " " << r.body.substr(0, 300);
    return json::parse(r.body, nullptr, false);
  }
  static std::string get_html(const std::string& path) {
    auto r = goldthread::testing::http_get(port(), path);
    EXPECT_EQ(r.status, 200) << path;
    return r.body;
  }
  static std::int64_t count(const std::string& sql) {
    auto conn = server_->app().db().acquire();
    return conn->query(sql).rows.at(0).integer(0);
  }
  static ImportReport import_text(const std::string& text, ImportOptions opts = {}) {
    std::istringstream in(text);
    return import_indicators_csv(server_->app().db(), core::audit::Actor{}, in, opts);
  }
  static json area_row(const json& page, const std::string& code) {
    for (const auto& a : page["areas"])
      if (a["area_code"] == code) return a;
    return nullptr;
  }
  static std::int64_t member_;
};
std::int64_t OutcomesHttp::member_ = 0;

TEST_F(OutcomesHttp, TheBundledEssexIndicatorsCarryTheirAttributionAndAmbitions) {
  auto list = get_json("/indicators");
  EXPECT_GE(list["indicators"].size(), 20u);
  auto html = get_html("/indicators");
  EXPECT_NE(html.find("Open Government Licence v3.0"), std::string::npos);
  auto page = get_json("/indicators/employment-rate");
  EXPECT_EQ(page["indicator"]["polarity"], "higher");
  EXPECT_EQ(page["indicator"]["licence"], "Open Government Licence v3.0");
  EXPECT_NE(page["indicator"]["attribution"].get<std::string>().find("Explore Local Statistics"), std::string::npos);
  EXPECT_EQ(page["indicator"]["ambitions"][0]["slug"], "share-prosperity-with-everyone");
  EXPECT_EQ(page["latest_period"], "2023");
  // ONS figures for 2023: Castle Point 85.2% (76.4 to 94.0) against England's 76.0%: better;
  // Essex 76.8% (74.1 to 79.5) contains England's value: similar.
  auto castle = area_row(page, "E07000069");
  EXPECT_EQ(castle["value_text"], "85.2%");
  EXPECT_EQ(castle["vs_england"]["key"], "better");
  EXPECT_EQ(area_row(page, "E10000012")["vs_england"]["key"], "similar");
  EXPECT_EQ(area_row(page, "E92000001")["vs_england"]["key"], "not-compared");
  EXPECT_NE(page["methods"]["comparison"].get<std::string>().find("Fingertips"), std::string::npos);
  // The page names the methods, shows both charts and the attribution.
  auto body = get_html("/indicators/employment-rate");
  EXPECT_NE(body.find("<svg class=\"outcomes-chart\""), std::string::npos);
  EXPECT_NE(body.find("chi-square test for trend"), std::string::npos);
  EXPECT_NE(body.find("Open Government Licence v3.0"), std::string::npos);
  // 99.8% intervals are wider: Castle Point is no longer significantly better.
  auto strict = get_json("/indicators/employment-rate?level=99.8");
  EXPECT_EQ(strict["level"], "99.8%");
  EXPECT_EQ(area_row(strict, "E07000069")["vs_england"]["key"], "similar");
}

TEST_F(OutcomesHttp, ElsPeriodsAreLabelledInPlainEnglishAndOrdered) {
  auto hle = get_json("/indicators/female-healthy-life-expectancy?area=E10000012");
  EXPECT_EQ(hle["latest_period"], "2022 to 2024 (3 years pooled)");
  const auto& rows = hle["trend_rows"];
  ASSERT_GE(rows.size(), 5u);
  EXPECT_EQ(rows[0]["period_label"], "2011 to 2013 (3 years pooled)");
  for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_LT(rows[i - 1]["period"], rows[i]["period"]);
  auto gcse = get_json("/indicators/gcses-in-english-and-maths");
  EXPECT_NE(gcse["latest_period"].get<std::string>().find("academic year"), std::string::npos);
}

TEST_F(OutcomesHttp, TheAmbitionPageShowsHowProgressIsMeasured) {
  auto page = get_html("/ambitions/share-prosperity-with-everyone");
  EXPECT_NE(page.find("How we measure progress"), std::string::npos);
  EXPECT_NE(page.find("Employment rate"), std::string::npos);
  EXPECT_NE(page.find("Open Government Licence v3.0"), std::string::npos);
}

TEST_F(OutcomesHttp, ExportsCarryEveryPointAndTheAttribution) {
  auto r = goldthread::testing::http_get(port(), "/indicators/employment-rate/data.csv");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.body.rfind("indicator,area_code,period,period_label,value", 0), 0u);
  EXPECT_NE(r.body.find("Open Government Licence v3.0"), std::string::npos);
  auto j = get_json("/indicators/employment-rate/data.json");
  EXPECT_EQ(j["data"].size(), 340u);  // 17 areas x 20 years, as published
  EXPECT_NE(j["attribution"].get<std::string>().find("Open Government Licence"), std::string::npos);
  EXPECT_EQ(goldthread::testing::http_get(port(), "/indicators/no-such-thing").status, 404);
}

TEST_F(OutcomesHttp, TheImportReportsEveryBadRowAndWritesNothing) {
  std::string csv = std::string(kHeader) +
                    "E10000012,Essex,Test rows,2023/24,12.5,%,,,,,,\n"     // line 2: fine
                    "E99999999,Nowhere,Test rows,2023/24,1,%,,,,,,\n"      // unknown area
                    "E07000066,Basildon,Test rows,2023/24,abc,%,,,,,,\n"   // bad number
                    "E07000067,Braintree,Test rows,sometime,1,%,,,,,,\n"   // bad period
                    "E07000068,Brentwood,Test rows,2023/24,5,%,6,7,,,,\n"  // limits not around
                    "E10000012,Essex,Test rows,FY2023/24,13,%,,,,,,\n";    // duplicate of line 2
  auto rep = import_text(csv);
  EXPECT_FALSE(rep.written);
  ASSERT_EQ(rep.problems.size(), 5u);
  EXPECT_EQ(rep.problems[0].row, 3u);
  EXPECT_EQ(rep.problems[0].column, "area_code");
  EXPECT_NE(rep.problems[0].problem.find("Unknown area E99999999"), std::string::npos);
  EXPECT_EQ(rep.problems[1].column, "value");
  EXPECT_EQ(rep.problems[2].column, "period");
  EXPECT_EQ(rep.problems[3].column, "lci_95");
  EXPECT_NE(rep.problems[4].problem.find("Duplicate: line 2"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM outcome_indicators WHERE slug = 'test-rows'"), 0);
  // --skip-invalid writes the good row only.
  ImportOptions skip;
  skip.skip_invalid = true;
  auto partial = import_text(csv, skip);
  EXPECT_TRUE(partial.written);
  EXPECT_EQ(partial.created, 1u);
  EXPECT_EQ(partial.skipped, 5u);
}

TEST_F(OutcomesHttp, APartnerMemberUploadsFixesAndReimportsWithoutChange) {
  auto c = session_client(port(), server_->app().db(), member_);
  std::string bad = std::string(kHeader) +
                    "E10000012,Essex,Partner survey,2024-Q1,40,%,38,42,,,,\n"
                    "E07000066,Basildon,Partner survey,2024-Q1,forty,%,,,,,,\n";
  auto r = c.submit("/indicators/import", "file_name=survey.csv&csv=" + core::url_encode(bad));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(r.body.find("Line 3, value: Value &apos;forty&apos; is not a number"), std::string::npos) << r.body;
  EXPECT_EQ(count("SELECT count(*) FROM outcome_indicators WHERE slug = 'partner-survey'"), 0);
  std::string good = std::string(kHeader) +
                     "E10000012,Essex,Partner survey,2024-Q1,40,%,38,42,,,,\n"
                     "E07000066,Basildon,Partner survey,2024-Q1,41,%,,,,,,\n";
  auto ok = c.submit("/indicators/import", "file_name=survey.csv&provisional=yes&csv=" + core::url_encode(good));
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("Data imported"), std::string::npos);
  auto page = get_json("/indicators/partner-survey");
  EXPECT_EQ(page["latest_period"], "January to March 2024 (quarter 1)");
  EXPECT_TRUE(area_row(page, "E10000012")["provisional"].get<bool>());
  auto again =
      c.submit("/indicators/import", "file_name=survey.csv&provisional=yes&csv=" + core::url_encode(good), true);
  EXPECT_EQ(again.status, 200);
  auto rep = json::parse(again.body)["report"];
  EXPECT_EQ(rep["unchanged"], 2);
  EXPECT_EQ(rep["created"], 0);
  EXPECT_EQ(count("SELECT count(*) FROM outcome_points p JOIN outcome_indicators i ON i.id = p.indicator_id "
                  "WHERE i.slug = 'partner-survey'"),
            2);
  // Each import is audited with who made it.
  auto conn = server_->app().db().acquire();
  core::audit::Filter f;
  f.resource_type = "indicator-import";
  f.actor_user_id = member_;
  EXPECT_EQ(core::audit::list(*conn, f).total, 2);
}

TEST_F(OutcomesHttp, ResidentsCannotImport) {
  auto c = signed_in_client(port(), "resident-o@example.com");
  EXPECT_EQ(c.get("/indicators/import").status, 403);
}

TEST_F(OutcomesHttp, SmallNumbersAreSuppressedInEveryViewAndExport) {
  ASSERT_TRUE(apply_indicator_metadata(server_->app().db(), R"({"indicators": [{"slug": "small-counts",
      "name": "Small counts", "unit": "%", "value_type": "percentage", "polarity": "lower", "suppress_below": 5}]})"));
  auto rep = import_text(std::string(kHeader) +
                         "E10000012,Essex,Small counts,2023,30,%,,,300,1000,,\n"
                         "E07000066,Basildon,Small counts,2023,0.3,%,,,3,1000,,\n"
                         "E92000001,England,Small counts,2023,25,%,,,25000,100000,,\n");
  ASSERT_TRUE(rep.written) << (rep.problems.empty() ? rep.error : rep.problems[0].problem);
  auto page = get_json("/indicators/small-counts");
  auto basildon = area_row(page, "E07000066");
  EXPECT_TRUE(basildon["suppressed"].get<bool>());
  EXPECT_EQ(basildon["value_text"], "suppressed");
  EXPECT_TRUE(basildon["value"].is_null());
  // Essex: the interval is computed by Wilson's method from 300 of 1,000: 27.2% to 32.9%,
  // wholly above England's 25%: worse (lower is better).
  auto essex = area_row(page, "E10000012");
  EXPECT_EQ(essex["ci_text"], "27.2% to 32.9%");
  EXPECT_EQ(essex["vs_england"]["key"], "worse");
  auto data = get_json("/indicators/small-counts/data.json")["data"];
  for (const auto& p : data)
    if (p["area_code"] == "E07000066") {
      EXPECT_TRUE(p["suppressed"].get<bool>());
      EXPECT_TRUE(p["numerator"].is_null());
    }
  auto csv = goldthread::testing::http_get(port(), "/indicators/small-counts/data.csv").body;
  EXPECT_NE(csv.find("E07000066,2023-01-01/P1Y,2023,suppressed"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(",3,1000,"), std::string::npos);
  EXPECT_NE(get_html("/indicators/small-counts").find("suppressed"), std::string::npos);
}

TEST_F(OutcomesHttp, EmbargoedFiguresStayHiddenUntilTheirDate) {
  ImportOptions future;
  future.embargo_until = "2199-12-31";
  ASSERT_TRUE(import_text(std::string(kHeader) + "E10000012,Essex,Embargo test,2025,50,%,,,,,,\n", future).written);
  ImportOptions past;
  past.embargo_until = "2020-01-01";
  ASSERT_TRUE(import_text(std::string(kHeader) + "E10000012,Essex,Embargo test,2024,48,%,,,,,,\n", past).written);
  auto data = get_json("/indicators/embargo-test/data.json")["data"];
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0]["period"], "2024-01-01/P1Y");
  EXPECT_EQ(get_json("/indicators/embargo-test")["latest_period"], "2024");
  EXPECT_EQ(goldthread::testing::http_get(port(), "/indicators/embargo-test/data.csv").body.find("2025-01-01"),
            std::string::npos);
}

TEST_F(OutcomesHttp, TrendUsesTheChiSquareTestWhereCountsExist) {
  std::string csv = kHeader;
  for (int y = 0; y < 6; ++y)
    csv += "E10000012,Essex,Counted trend," + std::to_string(2018 + y) + "," + std::to_string(10 + 2 * y) + ",%,,," +
           std::to_string(100 + 20 * y) + ",1000,,\n";
  ASSERT_TRUE(import_text(csv).written);
  auto essex = area_row(get_json("/indicators/counted-trend"), "E10000012");
  EXPECT_EQ(essex["trend"]["key"], "increasing");
  EXPECT_EQ(essex["trend"]["method"], "chi-square test for trend");
}

}  // namespace
}  // namespace goldthread::outcomes
