// The outcomes capability over HTTP, on SQLite and PostgreSQL: the bundled Essex indicators
// with their attribution, comparisons and trends on real data, the upload page's per-row
// report, all-or-nothing and idempotent imports, suppression, embargo and provisional figures,
// the exports and the ambition section.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "accounts/accounts_test_support.hpp"
#include "core/audit.hpp"
#include "outcomes/outcomes.hpp"
#include "outcomes/outcomes_test_support.hpp"
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
    {"GET", "/indicators/{slug}/map", "anyone", "/indicators/employment-rate/map"},
    {"GET", "/indicators/freshness", "anyone", "/indicators/freshness"},
    {"GET", "/indicators/areas/{code}", "anyone", "/indicators/areas/E07000069"},
    {"GET", "/indicators/areas/{code}/profile.csv", "anyone", "/indicators/areas/E07000069/profile.csv"},
    {"GET", "/indicators/{slug}/kpi", "place-admin", "/indicators/employment-rate/kpi"},
    {"POST", "/indicators/{slug}/kpi", "place-admin", "/indicators/employment-rate/kpi", "ambition="},
    {"GET", "/indicators/{slug}/sign-up", "partner-member", "/indicators/employment-rate/sign-up"},
    {"POST", "/indicators/{slug}/sign-up", "partner-member", "/indicators/employment-rate/sign-up", "kpi="},
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
    admin_ = make_user(db, "pam-o@example.com", {core::Role::place_admin}, "Pam Admin");
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
  static std::int64_t count(const std::string& sql) { return testing::count_rows(server_->app().db(), sql); }
  static ImportReport import_text(const std::string& text, ImportOptions opts = {}) {
    return testing::import_csv_text(server_->app().db(), text, opts);
  }
  static json area_row(const json& page, const std::string& code) {
    for (const auto& a : page["areas"])
      if (a["area_code"] == code) return a;
    return nullptr;
  }
  static std::int64_t member_, admin_;
};
std::int64_t OutcomesHttp::member_ = 0;
std::int64_t OutcomesHttp::admin_ = 0;

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
  EXPECT_EQ(page["latest_period"], "2023-01-01/P1Y");
  EXPECT_EQ(page["latest_period_label"], "2023");
  // ONS figures for 2023: Castle Point 85.2% (76.4 to 94.0) against England's 76.0%: better;
  // Essex 76.8% (74.1 to 79.5) contains England's value: similar.
  auto castle = area_row(page, "E07000069");
  EXPECT_EQ(castle["value_text"], "85.2%");
  EXPECT_EQ(castle["vs_england"]["key"], "better");
  EXPECT_EQ(area_row(page, "E10000012")["vs_england"]["key"], "similar");
  EXPECT_EQ(area_row(page, "E92000001")["vs_england"]["key"], "not-compared");
  EXPECT_NE(page["methods"]["comparison"].get<std::string>().find("Fingertips"), std::string::npos);
  // The JSON twin is the resource: numbers as numbers, links, and none of the screen's state.
  EXPECT_TRUE(page["trend"]["points"].at(0)["value"].is_number());
  EXPECT_EQ(page["links"]["map"], "/indicators/employment-rate/map");
  for (const char* screen :
       {"bar_svg", "trend_svg", "area_options", "has_areas", "can_mark_kpi", "banner", "trend_rows"})
    EXPECT_FALSE(page.contains(screen)) << screen;
  EXPECT_FALSE(list.contains("can_import"));
  // The page names the methods, shows both charts and the attribution.
  auto body = get_html("/indicators/employment-rate");
  EXPECT_NE(body.find("<svg class=\"outcomes-chart\""), std::string::npos);
  EXPECT_NE(body.find("chi-square test for trend"), std::string::npos);
  EXPECT_NE(body.find("Open Government Licence v3.0"), std::string::npos);
  // 99.8% intervals are wider: Castle Point is no longer significantly better.
  auto strict = get_json("/indicators/employment-rate?level=99.8");
  EXPECT_EQ(strict["level"], 0.998);
  EXPECT_EQ(area_row(strict, "E07000069")["vs_england"]["key"], "similar");
}

TEST_F(OutcomesHttp, ElsPeriodsAreLabelledInPlainEnglishAndOrdered) {
  auto hle = get_json("/indicators/female-healthy-life-expectancy?area=E10000012");
  EXPECT_EQ(hle["latest_period_label"], "2022 to 2024 (3 years pooled)");
  EXPECT_EQ(hle["trend"]["area"]["code"], "E10000012");
  const auto& rows = hle["trend"]["points"];
  ASSERT_GE(rows.size(), 5u);
  EXPECT_EQ(rows[0]["period_label"], "2011 to 2013 (3 years pooled)");
  for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_LT(rows[i - 1]["period"], rows[i]["period"]);
  auto gcse = get_json("/indicators/gcses-in-english-and-maths");
  EXPECT_NE(gcse["latest_period_label"].get<std::string>().find("academic year"), std::string::npos);
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
  EXPECT_EQ(page["latest_period_label"], "January to March 2024 (quarter 1)");
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

// Issue 12.3: an upload of many rows runs in the background; its page shows "Checked N of M
// rows" with a <progress> element and refreshes itself (a Refresh header: no JavaScript)
// until it shows the per-row report (nothing written) or the confirmation.
TEST_F(OutcomesHttp, ALargeUploadShowsItsProgressThenTheReportOrTheConfirmation) {
  setenv("GOLDTHREAD_OUTCOMES_BACKGROUND_ROWS", "20", 1);
  setenv("GOLDTHREAD_OUTCOMES_IMPORT_STEP_MS", "600", 1);  // the job waits after each step
  auto c = session_client(port(), server_->app().db(), member_);
  std::string good = kHeader;
  const char* codes[] = {"E10000012", "E07000066", "E07000067", "E07000068", "E07000069"};
  for (int q = 0; q < 6; ++q)
    for (const char* code : codes)
      good += std::string(code) + ",," + "Background survey," + std::to_string(2020 + q) + ",4" + std::to_string(q) +
              ",%,,,,,,\n";
  auto finished = [&](const std::string& href) {
    goldthread::testing::HttpReply r;
    for (int i = 0; i < 100; ++i) {
      r = c.get(href);
      if (r.body.find("<progress") == std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return r;
  };
  std::string bad = good;
  bad.replace(bad.find(",41,"), 4, ",4x,");
  auto r = c.submit("/indicators/import", "csv=" + core::url_encode(bad));
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 400);
  const std::string href = r.header("location");
  ASSERT_EQ(href.rfind("/indicators/import?job=", 0), 0u) << href;
  auto progress = c.get(href);
  EXPECT_EQ(progress.status, 200);
  // "Checked 0 of 30 rows" until the job has read the file, then "Checked 30 of 30 rows".
  EXPECT_NE(progress.body.find("role=\"status\">Checked "), std::string::npos) << progress.body;
  EXPECT_NE(progress.body.find(" of 30 rows</p>"), std::string::npos) << progress.body;
  EXPECT_NE(progress.body.find("<progress"), std::string::npos);
  EXPECT_EQ(progress.header("refresh"), "1; url=" + href);
  EXPECT_EQ(json::parse(c.get(href, true).body)["status"], "running");
  auto report = finished(href);
  EXPECT_EQ(report.status, 400);
  EXPECT_NE(report.body.find("Line 7, value: Value &apos;4x&apos; is not a number"), std::string::npos)
      << report.body.substr(0, 2000);
  EXPECT_NE(report.body.find("Nothing was imported"), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM outcome_indicators WHERE slug = 'background-survey'"), 0);
  // Someone else cannot see the job.
  EXPECT_EQ(session_client(port(), server_->app().db(), admin_).get(href).status, 404);

  r = c.submit("/indicators/import", "csv=" + core::url_encode(good));
  ASSERT_EQ(r.status, 303);
  auto done = finished(r.header("location"));
  EXPECT_EQ(done.status, 200);
  EXPECT_NE(done.body.find("Data imported"), std::string::npos);
  EXPECT_NE(done.body.find("30 rows: 30 new"), std::string::npos);
  EXPECT_EQ(json::parse(c.get(r.header("location"), true).body)["created"], 30);
  EXPECT_EQ(count("SELECT count(*) FROM outcome_points p JOIN outcome_indicators i ON i.id = p.indicator_id "
                  "WHERE i.slug = 'background-survey'"),
            30);
  unsetenv("GOLDTHREAD_OUTCOMES_BACKGROUND_ROWS");
  unsetenv("GOLDTHREAD_OUTCOMES_IMPORT_STEP_MS");
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
  EXPECT_EQ(get_json("/indicators/embargo-test")["latest_period_label"], "2024");
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

// Issue 12.6 and 12.8: the partnership marks a KPI with a baseline and targets, an
// organisation signs up, and the indicator, ambition, organisation and freshness pages show it.
TEST_F(OutcomesHttp, AKpiWithTargetsAndASignUpShowEverywhere) {
  auto admin = session_client(port(), server_->app().db(), admin_);
  // Every problem at once, each naming its field; nothing is written.
  auto bad = admin.submit("/indicators/employment-rate/kpi",
                          "ambition=share-prosperity-with-everyone&baseline_value=lots&baseline_period=2015"
                          "&target_value=80&target_period=2010&area_targets=" +
                              core::url_encode("E99999999 5"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(bad.body.find("href=\"#baseline_value\""), std::string::npos);
  EXPECT_NE(bad.body.find("The target period must be after the baseline period"), std::string::npos);
  EXPECT_NE(bad.body.find("href=\"#area_targets\""), std::string::npos);
  EXPECT_EQ(count("SELECT count(*) FROM outcome_kpis"), 0);
  // Essex's baseline 74% in 2015, 80% by 2030; Castle Point 85% by 2030.
  auto ok = admin.submit("/indicators/employment-rate/kpi",
                         "ambition=share-prosperity-with-everyone&baseline_value=74&baseline_period=2015"
                         "&target_value=80&target_period=2030&area_targets=" +
                             core::url_encode("E07000069 85"));
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 500);
  EXPECT_EQ(ok.header("location"), "/indicators/employment-rate?saved=kpi#kpis");
  EXPECT_NE(admin.get("/indicators/employment-rate?saved=kpi").body.find("Shared KPI saved"), std::string::npos);
  auto kpi = get_json("/indicators/employment-rate")["kpis"].at(0);
  EXPECT_EQ(kpi["target"]["period"], "2030-01-01/P1Y");
  // Essex at 76.8% in 2023, 8 of the 15 years on: the line from 74 to 80 expects 77.2; 0.4
  // behind is more than 5% of the 6-point distance: off track. Castle Point's 85.2% has met 85.
  EXPECT_EQ(kpi["place"]["status"], "off-track");
  EXPECT_EQ(kpi["area_targets"].at(0)["area_code"], "E07000069");
  EXPECT_EQ(kpi["area_targets"].at(0)["status"], "on-track");

  // A partner member signs up for their organisation: first with problems, then properly.
  auto member = session_client(port(), server_->app().db(), member_);
  auto kpi_id = std::to_string(kpi["id"].get<std::int64_t>());
  auto form = member.get("/indicators/employment-rate/sign-up");
  EXPECT_EQ(form.status, 200);
  // Each form's twin describes the form: its action, the KPIs and choices it offers.
  auto form_twin = json::parse(member.get("/indicators/employment-rate/sign-up", true).body);
  EXPECT_EQ(form_twin["action"], "/indicators/employment-rate/sign-up");
  EXPECT_EQ(form_twin["kpis"].at(0)["id"], kpi["id"]);
  EXPECT_EQ(form_twin["frequencies"].size(), 3u);
  EXPECT_FALSE(form_twin.contains("kpi_options"));
  auto kpi_twin = json::parse(admin.get("/indicators/employment-rate/kpi", true).body);
  EXPECT_EQ(kpi_twin["values"]["ambition"], "share-prosperity-with-everyone");
  EXPECT_EQ(kpi_twin["values"]["target_value"], "80");
  auto org_id = std::to_string(count("SELECT id FROM organisations WHERE name = 'Outcomes Data Trust'"));
  auto missing = member.submit("/indicators/employment-rate/sign-up", "kpi=" + kpi_id + "&acting_for=" + org_id);
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("href=\"#areas\""), std::string::npos);
  EXPECT_NE(missing.body.find("href=\"#contribution\""), std::string::npos);
  EXPECT_NE(missing.body.find("href=\"#frequency\""), std::string::npos);
  auto signed_up = member.submit(
      "/indicators/employment-rate/sign-up",
      "kpi=" + kpi_id + "&acting_for=" + org_id + "&areas=E07000066&areas=E07000069&contribution=" +
          core::url_encode("Employment support for 400 people a year") + "&reporter=Data+team&frequency=quarterly");
  ASSERT_EQ(signed_up.status, 303) << signed_up.body.substr(0, 500);
  EXPECT_NE(member.get("/indicators/employment-rate?saved=signup").body.find("Your organisation is signed up"),
            std::string::npos);
  auto s = get_json("/indicators/employment-rate")["kpis"].at(0)["signups"].at(0);
  EXPECT_EQ(s["organisation"]["name"], "Outcomes Data Trust");
  EXPECT_EQ(s["areas"].size(), 2u);
  EXPECT_EQ(s["frequency"], "quarterly");
  // The latest employment figures are for 2023: the 2024 figure was due by the start of 2026.
  EXPECT_TRUE(s["freshness"]["due"].get<bool>());
  EXPECT_EQ(s["freshness"]["expected_period"], "2024-01-01/P1Y");
  // Both writes are audited, under the organisation for the sign-up.
  {
    auto conn = server_->app().db().acquire();
    core::audit::Filter f;
    f.resource_type = "kpi";
    EXPECT_EQ(core::audit::list(*conn, f).total, 1);
    f.resource_type = "kpi-signup";
    f.organisation_id = std::stoll(org_id);
    EXPECT_EQ(core::audit::list(*conn, f).total, 1);
  }
  // The ambition dashboard, the organisation's page and the freshness view.
  auto ambition = get_html("/ambitions/share-prosperity-with-everyone");
  EXPECT_NE(ambition.find("Shared KPIs for this ambition"), std::string::npos);
  EXPECT_NE(ambition.find("Off track"), std::string::npos);
  EXPECT_NE(ambition.find("Outcomes Data Trust"), std::string::npos);
  auto org_page = get_html("/organisations/outcomes-data-trust");
  EXPECT_NE(org_page.find("Shared KPIs"), std::string::npos);
  EXPECT_NE(org_page.find("Employment support for 400 people a year"), std::string::npos);
  auto fresh = get_json("/indicators/freshness");
  ASSERT_EQ(fresh["organisations"].size(), 1u);
  EXPECT_EQ(fresh["organisations"][0]["due"], 1);
  EXPECT_EQ(fresh["organisations"][0]["kpis"][0]["kpi"]["indicator"]["slug"], "employment-rate");
  // A resident may not mark KPIs or sign up.
  auto resident = signed_in_client(port(), "resident-o@example.com");
  EXPECT_EQ(resident.get("/indicators/employment-rate/kpi").status, 403);
  EXPECT_EQ(resident.get("/indicators/employment-rate/sign-up").status, 403);
}

// Issue 12.7 and 12.9: the area profile with worst and best across the place, as CSV too, and
// the map shaded by value beside its table.
TEST_F(OutcomesHttp, TheAreaProfileAndTheMap) {
  auto profile = get_json("/indicators/areas/E07000069");
  EXPECT_EQ(profile["area"]["name"], "Castle Point");
  const json* row = nullptr;
  for (const auto& r : profile["indicators"])
    if (r["indicator"]["slug"] == "employment-rate") row = &r;
  ASSERT_TRUE(row);
  EXPECT_EQ((*row)["period"], "2023-01-01/P1Y");
  EXPECT_EQ((*row)["value"], 85.2);
  EXPECT_EQ((*row)["vs_england"], "better");
  EXPECT_EQ((*row)["england"], 76.0);
  // Castle Point has the highest employment rate of the 14 districts and unitaries in 2023.
  EXPECT_EQ((*row)["best_area"], "Castle Point");
  EXPECT_LE((*row)["worst"].get<double>(), 85.2);
  auto csv = goldthread::testing::http_get(port(), "/indicators/areas/E07000069/profile.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("area_code,area_name,indicator,", 0), 0u);
  EXPECT_NE(csv.body.find("E07000069,Castle Point,employment-rate,Employment rate"), std::string::npos);
  EXPECT_NE(csv.body.find("Open Government Licence v3.0"), std::string::npos);
  EXPECT_EQ(goldthread::testing::http_get(port(), "/indicators/areas/E92000001").status, 404);
  auto map = get_html("/indicators/employment-rate/map");
  EXPECT_NE(map.find("<svg class=\"outcomes-map\""), std::string::npos);
  EXPECT_NE(map.find("<title>Castle Point: 85.2%</title>"), std::string::npos);
  EXPECT_NE(map.find("Contains OS data"), std::string::npos);
  auto mj = get_json("/indicators/employment-rate/map");
  EXPECT_EQ(mj["period"], "2023-01-01/P1Y");
  EXPECT_EQ(mj["areas"].size(), 17u);
  EXPECT_FALSE(mj.contains("map_svg"));
}

// More points than one streamed page (1,000) and than an export kept whole (2,000): the pages
// join in order, each point once, in both exports (last in the file: the other tests do not
// see this indicator).
TEST_F(OutcomesHttp, ExportsStreamPastOnePageInOrderWithEachPointOnce) {
  const char* areas[] = {"E10000012", "E07000066", "E07000067", "E07000068", "E07000069", "E07000070",
                         "E07000071", "E07000072", "E07000073", "E07000074", "E07000075", "E07000076",
                         "E07000077", "E06000033", "E06000034", "E12000006", "E92000001"};
  std::string csv = kHeader;
  for (int y = 1885; y < 2015; ++y)  // 130 years x 17 areas = 2,210 points
    for (const char* a : areas)
      csv += std::string(a) + ",,Long series," + std::to_string(y) + "," + std::to_string(y - 1900) + ",%,,,,,,\n";
  auto rep = import_text(csv);
  ASSERT_TRUE(rep.written) << (rep.problems.empty() ? rep.error : rep.problems[0].problem);
  auto r = goldthread::testing::http_get(port(), "/indicators/long-series/data.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("transfer-encoding"), "chunked");
  auto data = json::parse(r.body)["data"];
  ASSERT_EQ(data.size(), 2210u);
  std::string prev;
  for (const auto& p : data) {
    auto key = p["period"].get<std::string>() + "|" + p["area_code"].get<std::string>();
    EXPECT_LT(prev, key);  // strictly increasing: ordered, and no point twice
    prev = key;
  }
  EXPECT_EQ(data[0]["period"], "1885-01-01/P1Y");
  EXPECT_EQ(data[2209]["period"], "2014-01-01/P1Y");
  EXPECT_EQ(data[2209]["value"], 114);
  auto c = goldthread::testing::http_get(port(), "/indicators/long-series/data.csv");
  EXPECT_EQ(c.header("transfer-encoding"), "chunked");
  EXPECT_EQ(std::count(c.body.begin(), c.body.end(), '\n'), 2211);  // the header and every point
  EXPECT_NE(c.body.find("long-series,E92000001,2014-01-01/P1Y,2014,114,"), std::string::npos);
}

}  // namespace
}  // namespace goldthread::outcomes
