// The site map's rules on core::Registry: which section a path belongs to, built links
// replacing planned ones, and at most six sections.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/registry.hpp"

namespace goldthread::core {
namespace {

// Only the fields a test cares about (the rest keep their defaults).
SiteSection section(std::string key, std::string href, bool core_landing = true) {
  SiteSection s;
  s.key = std::move(key);
  s.label = s.key;
  s.href = std::move(href);
  s.core_landing = core_landing;
  return s;
}
SectionLink link(std::string section, std::string key, std::string href, bool planned = false, bool claims = true) {
  SectionLink l;
  l.section = std::move(section);
  l.key = std::move(key);
  l.label = l.key;
  l.href = std::move(href);
  l.planned = planned;
  l.claims_path = claims;
  return l;
}

Registry two_sections() {
  Registry r;
  r.add_site_section(section("projects", "/work"));
  r.add_site_section(section("areas", "/areas", false));
  r.add_section_link(link("projects", "initiatives", "/initiatives"));
  r.add_section_link(link("projects", "search", "/search", false, false));
  return r;
}

TEST(SiteMap, APathBelongsToTheSectionOfItsLandingOrOfALinkAboveIt) {
  auto r = two_sections();
  EXPECT_EQ(r.section_for_path("/work")->key, "projects");
  EXPECT_EQ(r.section_for_path("/work/requests")->key, "projects");
  EXPECT_EQ(r.section_for_path("/initiatives/warm-spaces")->key, "projects");
  EXPECT_EQ(r.section_for_path("/areas/E07000075")->key, "areas");
  EXPECT_EQ(r.section_for_path("/areas-old"), nullptr);  // whole segments only
  EXPECT_EQ(r.section_for_path("/search"), nullptr);     // linked, not claimed
  EXPECT_EQ(r.section_for_path("/"), nullptr);
}

TEST(SiteMap, CoreServesALandingPageOnlyWhereAskedTo) {
  auto r = two_sections();
  int work = 0, areas = 0;
  for (const auto& route : r.routes()) work += route.pattern == "/work", areas += route.pattern == "/areas";
  EXPECT_EQ(work, 1);
  EXPECT_EQ(areas, 0);
}

TEST(SiteMap, ABuiltLinkReplacesThePlannedOneWithItsKey) {
  Registry r;
  r.add_site_section(section("take-part", "/take-part"));
  r.add_section_link(link("take-part", "events", "", true));
  r.add_section_link(link("take-part", "news", "", true));
  ASSERT_EQ(r.section_links("take-part").size(), 2u);
  r.add_section_link(link("take-part", "events", "/events"));
  auto links = r.section_links("take-part");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].key, "events");
  EXPECT_FALSE(links[0].planned);  // built links first
  EXPECT_EQ(links[1].key, "news");
  EXPECT_TRUE(links[1].planned);
}

TEST(SiteMap, RefusesASeventhSectionAndLinksToUnknownSections) {
  Registry r;
  for (int i = 0; i < 6; ++i) r.add_site_section(section("s" + std::to_string(i), "/s" + std::to_string(i)));
  EXPECT_THROW(r.add_site_section(section("s6", "/s6")), std::logic_error);
  EXPECT_THROW(r.add_site_section(section("s0", "/other")), std::logic_error);
  EXPECT_THROW(r.add_section_link(link("s0", "y", "")), std::logic_error);  // built, with no href
  r.add_section_link(link("nowhere", "x", "/x"));
  EXPECT_THROW(r.site_sections(), std::logic_error);
}

}  // namespace
}  // namespace goldthread::core
