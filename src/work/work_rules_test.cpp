#include "work/work_rules.hpp"

#include <gtest/gtest.h>

#include "work/markdown.hpp"
#include "work/work.hpp"

namespace goldthread::work {
namespace {

TEST(HighlightHtml, EscapesTheTextBeforeAddingMarks) {
  EXPECT_EQ(highlight_html("a <b>\x01health\x02</b> & \"c\""),
            "a &lt;b&gt;<mark>health</mark>&lt;/b&gt; &amp; &quot;c&quot;");
  EXPECT_EQ(highlight_html("\x02stray\x01open"), "stray<mark>open</mark>");
}

TEST(MarkdownAsText, SearchSnippetsShowNoMarkdown) {
  EXPECT_EQ(markdown_as_text("we **\x01signpost\x02** people"), "we \x01signpost\x02 people");
  EXPECT_EQ(markdown_as_text("## Aims\n> a _quote_ and __bold__ `code`"), "Aims\na quote and bold code");
  EXPECT_EQ(markdown_as_text("see [the \x01plan\x02](https://example.org/plan) now"), "see the \x01plan\x02 now");
  EXPECT_EQ(markdown_as_text("snake_case stays"), "snake_case stays");
  EXPECT_EQ(strip_markers("a\x01"
                          "b\x02"),
            "ab");
}

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
