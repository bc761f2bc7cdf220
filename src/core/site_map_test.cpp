// The site map's rules on core::Registry: which section a path belongs to, built links
// replacing planned ones, and at most six sections.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/registry.hpp"

namespace goldthread::core {
namespace {

Registry two_sections() {
  Registry r;
  r.add_site_section({.key = "projects", .label = "Projects", .href = "/work"});
  r.add_site_section({.key = "areas", .label = "Areas", .href = "/areas", .core_landing = false});
  r.add_section_link({.section = "projects", .key = "initiatives", .label = "All projects", .href = "/initiatives"});
  r.add_section_link({.section = "projects", .key = "search", .label = "Search", .href = "/search",
                      .claims_path = false});
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
  r.add_site_section({.key = "take-part", .label = "Take part", .href = "/take-part"});
  r.add_section_link({.section = "take-part", .key = "events", .label = "Events", .planned = true});
  r.add_section_link({.section = "take-part", .key = "news", .label = "News", .planned = true});
  ASSERT_EQ(r.section_links("take-part").size(), 2u);
  r.add_section_link({.section = "take-part", .key = "events", .label = "Events", .href = "/events", .order = 20});
  auto links = r.section_links("take-part");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].key, "events");
  EXPECT_FALSE(links[0].planned);  // built links first
  EXPECT_EQ(links[1].key, "news");
  EXPECT_TRUE(links[1].planned);
}

TEST(SiteMap, RefusesASeventhSectionAndLinksToUnknownSections) {
  Registry r;
  for (int i = 0; i < 6; ++i)
    r.add_site_section({.key = "s" + std::to_string(i), .label = "S", .href = "/s" + std::to_string(i)});
  EXPECT_THROW(r.add_site_section({.key = "s6", .label = "S", .href = "/s6"}), std::logic_error);
  EXPECT_THROW(r.add_site_section({.key = "s0", .label = "S", .href = "/other"}), std::logic_error);
  r.add_section_link({.section = "nowhere", .key = "x", .label = "X", .href = "/x"});
  EXPECT_THROW(r.site_sections(), std::logic_error);
  EXPECT_THROW(r.add_section_link({.section = "s0", .key = "y", .label = "Y"}), std::logic_error);  // no href
}

}  // namespace
}  // namespace goldthread::core
