// Store and service tests for the work capability, run on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "core/audit.hpp"
#include "core/follows.hpp"
#include "core/search.hpp"
#include "partners/partners.hpp"
#include "work/matrix.hpp"
#include "work/work_test_support.hpp"

namespace goldthread::work {
namespace {

struct Fixture : ::testing::Test {
  void SetUp() override {
    db = test::essex_db();
    auto conn = db->acquire();
    place = places::try_current_place(*conn).value();
    ambitions = places::list_ambitions(*conn, place.id);
  }
  Initiative draft(const std::string& title) {
    Initiative i;
    i.place_id = place.id;
    i.title = title;
    i.status = "active";
    return i;
  }
  std::unique_ptr<core::Database> db;
  places::Place place;
  std::vector<places::Ambition> ambitions;
  core::audit::Actor actor;
};

TEST_F(Fixture, AnInitiativeLinkedToTwoPrioritiesIsCountedInTheMatrix) {
  auto conn = db->acquire();
  auto org = partners::create_organisation_in(
      *conn, actor, {"Essex Partners Trust", "voluntary-community", "", "", "", {"E07000075"}});
  ASSERT_TRUE(org.ok());
  auto i = draft("Warm homes for older people");
  const auto& a = ambitions[1];
  i.owner_organisation_id = org->id;
  i.alignments = {{a.id, a.priorities[0].id, ""}, {a.id, a.priorities[2].id, ""}};
  i.areas = {"E07000075"};
  auto made = create_initiative(*conn, actor, i);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->slug, "warm-homes-for-older-people");

  auto m = load_matrix(*conn, {place.id, "", ""});
  EXPECT_EQ((m.cells[{a.id, a.priorities[0].id}].initiatives), 1);
  EXPECT_EQ((m.cells[{a.id, a.priorities[2].id}].initiatives), 1);
  EXPECT_EQ((m.cells[{a.id, 0}].initiatives), 1) << "distinct per ambition";
  EXPECT_EQ((m.cells[{a.id, a.priorities[0].id}].organisations), 1);
  EXPECT_EQ(m.initiatives_by_area["E07000075"], 1);
  EXPECT_EQ((m.area_ambition[{"E07000075", a.id}]), 1);

  auto elsewhere = load_matrix(*conn, {place.id, "E07000066", ""});
  EXPECT_EQ((elsewhere.cells[{a.id, 0}].initiatives), 0);
  auto nhs_only = load_matrix(*conn, {place.id, "", "nhs"});
  EXPECT_EQ((nhs_only.cells[{a.id, 0}].initiatives), 0);
  auto voluntary = load_matrix(*conn, {place.id, "E07000075", "voluntary-community"});
  EXPECT_EQ((voluntary.cells[{a.id, 0}].initiatives), 1);
}

TEST_F(Fixture, TheCachedMatrixSeesEveryWrite) {
  auto conn = db->acquire();
  const auto& a = ambitions[3];
  MatrixCache cache;
  auto before = cached_matrix(cache, *conn, {place.id, "", ""});
  EXPECT_EQ((before.cells[{a.id, 0}].initiatives), 0);
  auto i = draft("Cache buster");
  i.alignments = {{a.id, a.priorities[0].id, ""}};
  ASSERT_TRUE(create_initiative(*conn, actor, i).ok());
  auto after = cached_matrix(cache, *conn, {place.id, "", ""});
  EXPECT_EQ((after.cells[{a.id, 0}].initiatives), 1);
  auto org = partners::create_organisation_in(*conn, actor, {"Owner", "nhs", "", "", "", {}});
  ASSERT_TRUE(org.ok());
  EXPECT_EQ((cached_matrix(cache, *conn, {place.id, "", "nhs"}).cells[{a.id, 0}].initiatives), 0);
  auto owned = draft("Owned by the NHS trust");
  owned.alignments = {{a.id, 0, ""}};
  owned.owner_organisation_id = org->id;
  ASSERT_TRUE(create_initiative(*conn, actor, owned).ok());
  EXPECT_EQ((cached_matrix(cache, *conn, {place.id, "", "nhs"}).cells[{a.id, 0}].initiatives), 1);
  EXPECT_EQ((cached_matrix(cache, *conn, {place.id, "", "police"}).cells[{a.id, 0}].initiatives), 0);
  // Only partners' data changes: the owner moves sector. The cache must see it.
  ASSERT_TRUE(partners::update_organisation_in(*conn, actor, org->id, {"Owner", "police", "", "", "", {}}).ok());
  EXPECT_EQ((cached_matrix(cache, *conn, {place.id, "", "nhs"}).cells[{a.id, 0}].initiatives), 0);
  EXPECT_EQ((cached_matrix(cache, *conn, {place.id, "", "police"}).cells[{a.id, 0}].initiatives), 1);
}

TEST_F(Fixture, CreatingIsAuditedWithTheNewValues) {
  auto conn = db->acquire();
  auto made = create_initiative(*conn, actor, draft("Audited work"));
  ASSERT_TRUE(made.ok());
  core::audit::Filter f;
  f.resource_type = "initiative";
  auto events = core::audit::list(*conn, f);
  ASSERT_EQ(events.total, 1);
  EXPECT_EQ(events.events[0].action, "create");
  EXPECT_NE(events.events[0].after_json.find("Audited work"), std::string::npos);
  auto changed = *made;
  changed.summary = "Now with a summary";
  ASSERT_TRUE(update_initiative(*conn, actor, changed).ok());
  EXPECT_EQ(core::audit::list(*conn, f).total, 2);
}

TEST_F(Fixture, ReferencesToAnotherPlacesVisionOrUnknownThingsAreRejected) {
  auto conn = db->acquire();
  auto i = draft("Bad links");
  i.alignments = {{ambitions[0].id, ambitions[1].priorities[0].id, ""}};  // priority of another ambition
  i.areas = {"E09000001"};
  i.partner_ids = {424242};
  auto r = create_initiative(*conn, actor, i);
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"alignments", "areas", "partner_ids"}));
  EXPECT_EQ(conn->query("SELECT count(*) FROM initiatives").rows[0].integer(0), 0);
}

TEST_F(Fixture, ADuplicateTitleIsAFieldError) {
  auto conn = db->acquire();
  ASSERT_TRUE(create_initiative(*conn, actor, draft("Same")).ok());
  auto again = create_initiative(*conn, actor, draft("Same"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().fields.at(0).field, "title");
}

TEST_F(Fixture, UpsertChangesNothingTheSecondTime) {
  auto conn = db->acquire();
  auto i = draft("Idempotent");
  i.alignments = {{ambitions[2].id, 0, ""}};
  i.sponsors = {"A Sponsor"};
  bool changed = false;
  ASSERT_TRUE(upsert_initiative(*conn, actor, i, &changed).ok());
  EXPECT_TRUE(changed);
  ASSERT_TRUE(upsert_initiative(*conn, actor, i, &changed).ok());
  EXPECT_FALSE(changed);
  i.summary = "changed";
  ASSERT_TRUE(upsert_initiative(*conn, actor, i, &changed).ok());
  EXPECT_TRUE(changed);
}

TEST_F(Fixture, SeedingFromThePlaceFileIsIdempotent) {
  auto cfg_file = testing::source_dir() + "/data/places/essex.json";
  auto councils = partners::seed_from_place(*db);  // the seed before work's: endorsements name councils
  ASSERT_TRUE(councils.ok()) << councils.error().message;
  auto first = seed_from_place_file(*db, cfg_file);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->warnings.empty()) << first->warnings.front();
  auto conn = db->acquire();
  InitiativeFilter vp;
  vp.place_id = place.id;
  vp.vision_projects_only = true;
  EXPECT_EQ(find_initiatives(*conn, vp).total, 8);
  auto discharge = try_find_initiative(*conn, place.id, "coordinated-approach-to-discharge-from-hospital");
  ASSERT_TRUE(discharge);
  EXPECT_FALSE(discharge->alignments.empty());
  EXPECT_NE(std::find(discharge->partner_labels.begin(), discharge->partner_labels.end(), "Voluntary Sector"),
            discharge->partner_labels.end());
  auto endorsements = partners::list_endorsements(*conn, place.id);
  ASSERT_EQ(endorsements.size(), 1u);
  EXPECT_EQ(endorsements[0].organisation_name, "Rochford District Council");
  EXPECT_EQ(endorsements[0].endorsed_on, "") << "the seed gives no date";
  EXPECT_EQ(list_strategies(*conn, place.id).size(), 3u);
  auto audit_before = conn->query("SELECT count(*) FROM audit_events").rows[0].integer(0);
  auto second = seed_from_place_file(*db, cfg_file);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->created, 0);
  EXPECT_EQ(second->updated, 0);
  EXPECT_EQ(conn->query("SELECT count(*) FROM audit_events").rows[0].integer(0), audit_before);
}

TEST_F(Fixture, SearchRanksTitleMatchesFirstAndHighlightsSafely) {
  auto conn = db->acquire();
  auto a = draft("Loneliness <b>network</b>");
  a.summary = "Befriending for people who feel lonely";
  ASSERT_TRUE(create_initiative(*conn, actor, a).ok());
  auto b = draft("Community transport");
  b.summary = "Helps with loneliness in rural villages";
  ASSERT_TRUE(create_initiative(*conn, actor, b).ok());
  auto r = core::search::query(*conn, "loneliness");
  ASSERT_EQ(r.total, 2);
  EXPECT_EQ(r.hits[0].title, "Loneliness <b>network</b>");
  EXPECT_EQ(r.hits[0].title_html, "<mark>Loneliness</mark> &lt;b&gt;network&lt;/b&gt;");
  EXPECT_NE(r.hits[1].snippet_html.find("<mark>loneliness</mark>"), std::string::npos) << r.hits[1].snippet_html;
  EXPECT_EQ(core::search::query(*conn, "\"unbalanced OR NEAR(").total, 0);
  EXPECT_EQ(core::search::query(*conn, "   ").total, 0);
  EXPECT_EQ(core::search::query(*conn, "loneliness", 2, 1).hits.size(), 1u);
}

TEST_F(Fixture, FollowAndConnectAreStoredAuditedAndShownToTheLead) {
  auto conn = db->acquire();
  auto org = partners::create_organisation_in(*conn, actor, {"Lead Org", "other", "", "", "", {}});
  ASSERT_TRUE(org.ok());
  auto i = draft("Connectable");
  i.owner_organisation_id = org->id;
  i.lead_user_id = 50;
  auto made = create_initiative(*conn, actor, i);
  ASSERT_TRUE(made.ok());
  auto resident = test::person(7);
  ASSERT_TRUE(follow_initiative(*conn, resident, made->id).ok());
  ASSERT_TRUE(follow_initiative(*conn, resident, made->id).ok()) << "following twice is fine";
  EXPECT_EQ(core::follows::follower_count(*conn, "initiative", made->id), 1);
  EXPECT_FALSE(follow_initiative(*conn, resident, 999999).ok());
  EXPECT_FALSE(follow_initiative(*conn, core::Principal{}, made->id).ok());

  EXPECT_EQ(request_connection(*conn, resident, made->id, "").error().kind, core::ErrorKind::invalid);
  auto req = request_connection(*conn, resident, made->id, "I run a befriending group");
  ASSERT_TRUE(req.ok());
  EXPECT_EQ(request_connection(*conn, resident, made->id, "again").error().kind, core::ErrorKind::conflict);
  EXPECT_EQ(request_connection(*conn, resident, 999999, "x").error().kind, core::ErrorKind::not_found);

  auto lead = test::person(50);
  ASSERT_EQ(connect_requests_for(*conn, lead).size(), 1u);
  EXPECT_EQ(connect_requests_for(*conn, lead)[0].message, "I run a befriending group");
  auto member = test::person(51, {core::Role::partner_member}, {{org->id, "Lead Org", false}});
  EXPECT_EQ(connect_requests_for(*conn, member).size(), 1u);
  EXPECT_TRUE(connect_requests_for(*conn, test::person(52)).empty());
  core::audit::Filter f;
  f.resource_type = "connect_request";
  EXPECT_EQ(core::audit::list(*conn, f).total, 1);

  ASSERT_TRUE(unfollow_initiative(*conn, resident, made->id).ok());
  EXPECT_EQ(core::follows::follower_count(*conn, "initiative", made->id), 0);
}

TEST_F(Fixture, StrategiesCarryAnAlignmentStatementPerPriority) {
  auto conn = db->acquire();
  Strategy s;
  s.place_id = place.id;
  s.title = "A District Plan";
  s.owner_label = "A district";
  s.period_start = "2026";
  s.period_end = "2030";
  s.alignments = {{ambitions[4].id, ambitions[4].priorities[1].id, "Homes, not houses, in every new estate"}};
  auto r = upsert_strategy(*conn, actor, s);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto found = try_find_strategy(*conn, place.id, "a-district-plan");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->alignments.at(0).statement, "Homes, not houses, in every new estate");
  auto m = load_matrix(*conn, {place.id, "", ""});
  EXPECT_EQ((m.cells[{ambitions[4].id, ambitions[4].priorities[1].id}].strategies), 1);
  s.url = "javascript:alert(1)";
  EXPECT_FALSE(upsert_strategy(*conn, actor, s).ok());
}

}  // namespace
}  // namespace goldthread::work
