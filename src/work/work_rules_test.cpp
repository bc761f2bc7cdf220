#include <gtest/gtest.h>

#include "work/markdown.hpp"
#include "work/work.hpp"
#include "work/work_rules.hpp"

namespace goldthread::work {
namespace {

TEST(Markdown, DropsRawHtmlAndUnsafeLinks) {
  auto html = markdown_to_html("Hello <script>alert(1)</script> [x](javascript:alert(1)) [y](https://example.org)");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://example.org\""), std::string::npos);
  EXPECT_NE(markdown_to_html("- one\n- two").find("<li>one</li>"), std::string::npos);
}

TEST(ValidateInitiative, NamesEveryBadField) {
  Initiative i;
  i.status = "finished";
  i.start_date = "2026-13-01";
  i.links = {{"x", "javascript:alert(1)"}};
  i.areas = {"Rochford"};
  i.principles = {"magic"};
  auto e = validate_initiative(i);
  std::vector<std::string> fields;
  for (const auto& f : e) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "status", "start_date", "links", "areas", "principles"}));
}

TEST(ValidateInitiative, RejectsAnEndBeforeTheStart) {
  Initiative i;
  i.title = "T";
  i.start_date = "2026-05-01";
  i.end_date = "2026-04-01";
  auto e = validate_initiative(i);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].field, "end_date");
}

TEST(CanEdit, AdminsEditAllMembersTheirOwnOrganisationsWork) {
  core::Principal admin;
  admin.user_id = 1;
  admin.roles = {core::Role::resident, core::Role::place_admin};
  core::Principal member;
  member.user_id = 2;
  member.roles = {core::Role::resident, core::Role::partner_member};
  member.memberships = {{7, "Rochford District Council", false}};
  core::Principal resident;
  resident.user_id = 3;
  resident.roles = {core::Role::resident};
  resident.memberships = {{7, "Rochford District Council", false}};
  EXPECT_TRUE(can_edit(admin, 0));
  EXPECT_TRUE(can_edit(admin, 99));
  EXPECT_TRUE(can_edit(member, 7));
  EXPECT_FALSE(can_edit(member, 8));
  EXPECT_FALSE(can_edit(member, 0));
  EXPECT_FALSE(can_edit(resident, 7));
}

TEST(Slugify, MakesStableAddresses) {
  EXPECT_EQ(slugify("DFGs / Adaptations"), "dfgs-adaptations");
  EXPECT_EQ(slugify("  Essex Supports! "), "essex-supports");
}

}  // namespace
}  // namespace goldthread::work
