// The bundled example data answers a resident's questions (issue 9.5), against the real server
// seeded from data/places/essex.json, on SQLite and PostgreSQL: an area page and the area
// filters include county-wide work and organisations, marked as such; the vision projects'
// links to ambitions are marked as inferred; every Appendix 3 example has its own summary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "support/http_client.hpp"
#include "support/test_env.hpp"

namespace goldthread::work {
namespace {
using nlohmann::json;
using testing::http_get;

constexpr const char* kColchester = "E07000071";
constexpr const char* kSouthend = "E06000033";  // a unitary authority: no wider area

json get_json(std::uint16_t port, const std::string& path) {
  auto r = http_get(port, path, {{"Accept", "application/json"}});
  EXPECT_EQ(r.status, 200) << path;
  return json::parse(r.body, nullptr, false);
}

const json* find_by(const json& list, const char* key, const std::string& value) {
  for (const auto& item : list)
    if (item.value(key, "") == value) return &item;
  return nullptr;
}

class WorkExamplesHttp : public goldthread::testing::SharedServerTest<WorkExamplesHttp> {};

TEST_F(WorkExamplesHttp, AnAreaPageShowsCountyWideWorkAndTheCountyCouncilMarkedAsCountyWide) {
  auto r = http_get(port(), std::string("/areas/") + kColchester);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Colchester Borough Council"), std::string::npos);
  EXPECT_NE(r.body.find("Essex County Council"), std::string::npos) << "the county council serves Colchester too";
  EXPECT_NE(r.body.find("Essex Prevents"), std::string::npos) << "county-wide vision projects are active here";
  EXPECT_NE(r.body.find(">County-wide</strong>"), std::string::npos);

  // Southend-on-Sea is not in the county: none of the county's work or its council shows there.
  auto s = http_get(port(), std::string("/areas/") + kSouthend);
  ASSERT_EQ(s.status, 200);
  EXPECT_EQ(s.body.find("Essex Prevents"), std::string::npos);
  EXPECT_EQ(s.body.find("Essex County Council"), std::string::npos);
}

TEST_F(WorkExamplesHttp, TheAreaFiltersIncludeWhatCoversTheWiderAreaAndSaySo) {
  auto list = get_json(port(), std::string("/initiatives?area=") + kColchester);
  EXPECT_EQ(list["total"], 26) << "the 8 vision projects and 18 examples of joint working are county-wide";
  const auto* prevents = find_by(list["initiatives"], "slug", "essex-prevents");
  ASSERT_NE(prevents, nullptr);
  EXPECT_EQ((*prevents)["wider_area"], "County-wide");
  // Filtering by the county itself lists them as its own: nothing is marked there.
  auto essex = get_json(port(), "/initiatives?area=E10000012");
  EXPECT_EQ(essex["total"], 26);
  for (const auto& i : essex["initiatives"]) EXPECT_TRUE(i["wider_area"].is_null()) << i["slug"];
  EXPECT_EQ(get_json(port(), std::string("/initiatives?area=") + kSouthend)["total"], 0);

  auto orgs = get_json(port(), std::string("/organisations?area=") + kColchester);
  const auto* county = find_by(orgs["organisations"], "name", "Essex County Council");
  const auto* borough = find_by(orgs["organisations"], "name", "Colchester Borough Council");
  ASSERT_NE(county, nullptr);
  ASSERT_NE(borough, nullptr);
  EXPECT_EQ((*county)["wider_area"], "County-wide");
  EXPECT_TRUE((*borough)["wider_area"].is_null());
  EXPECT_NE(http_get(port(), std::string("/organisations?area=") + kColchester).body.find(">County-wide</strong>"),
            std::string::npos);
}

TEST_F(WorkExamplesHttp, TheMatrixAreaTableCountsTheSeededWork) {
  auto m = get_json(port(), "/alignment");
  const auto* essex = find_by(m["areas"], "code", "E10000012");
  ASSERT_NE(essex, nullptr) << m.dump().substr(0, 400);
  EXPECT_EQ((*essex)["initiatives"], 26);
  // Filtered to a district, the matrix counts the county-wide work that serves it.
  auto colchester = get_json(port(), std::string("/alignment?area=") + kColchester);
  ASSERT_EQ(colchester["ambitions"].size(), m["ambitions"].size());
  for (std::size_t k = 0; k < m["ambitions"].size(); ++k)
    EXPECT_EQ(colchester["ambitions"][k]["counts"]["initiatives"], m["ambitions"][k]["counts"]["initiatives"]) << k;
}

TEST_F(WorkExamplesHttp, VisionProjectLinksAreMarkedAsInferredOnEveryPageThatShowsThem) {
  auto j = get_json(port(), "/initiatives/essex-prevents");
  const auto& al = j["alignments"];
  ASSERT_FALSE(al.empty()) << "the homelessness project serves an ambition";
  for (const auto& a : al)
    EXPECT_NE(a.value("statement", "").find("Inferred from the project's description"), std::string::npos) << a;
  EXPECT_NE(find_by(al, "ambition_slug", "develop-our-county-sustainably"), nullptr);
  EXPECT_FALSE(j["partner_labels"].empty()) << "the homelessness project has its partners";

  auto page = http_get(port(), "/initiatives/essex-prevents").body;
  EXPECT_NE(page.find("Inferred</strong> Inferred from the project&apos;s description"), std::string::npos);
  auto projects = http_get(port(), "/vision-projects").body;
  EXPECT_NE(projects.find("Inferred from the project&apos;s description, not a decision of Essex Partners"),
            std::string::npos);
  auto ambition = http_get(port(), "/ambitions/develop-our-county-sustainably").body;
  EXPECT_NE(ambition.find("Essex Prevents"), std::string::npos);
  EXPECT_NE(ambition.find("Inferred</strong>"), std::string::npos);
  // Appendix 3's examples were chosen by the partners: they are not marked.
  auto joint = get_json(port(), "/initiatives/coordinated-approach-to-discharge-from-hospital");
  for (const auto& a : joint["alignments"]) EXPECT_EQ(a.value("statement", ""), "") << a;
}

TEST_F(WorkExamplesHttp, EveryExampleOfJointWorkingHasItsOwnSummaryAndTheCountyAsItsArea) {
  std::set<std::string> summaries;
  int examples = 0;
  for (int page = 1; page <= 2; ++page) {
    const auto list = get_json(port(), "/initiatives?page=" + std::to_string(page));
    for (const auto& i : list["initiatives"]) {
      if (i["is_vision_project"].get<bool>()) continue;
      ++examples;
      auto s = i["summary"].get<std::string>();
      EXPECT_EQ(s.find("An example of joint working"), std::string::npos) << i["slug"];
      EXPECT_TRUE(summaries.insert(s).second) << "shared summary: " << s;
    }
  }
  EXPECT_EQ(examples, 18);
}

TEST_F(WorkExamplesHttp, TheStatementOfIntentKeepsItsParagraphs) {
  // The resource keeps the text as written (paragraphs apart by a blank line); the page shows
  // each paragraph as its own <p>.
  auto j = get_json(port(), "/statement-of-intent");
  const auto text = j["statement_of_intent"].get<std::string>();
  const std::string last = "\n\nChange is unstoppable. And so are we.";
  ASSERT_GE(text.size(), last.size()) << text;
  EXPECT_EQ(text.substr(text.size() - last.size()), last) << text;
  EXPECT_EQ(text.find("\n\n"), text.size() - last.size()) << "two paragraphs: " << text;
  auto page = http_get(port(), "/statement-of-intent").body;
  EXPECT_NE(page.find(">Change is unstoppable. And so are we.</p>"), std::string::npos);
}

}  // namespace
}  // namespace goldthread::work
