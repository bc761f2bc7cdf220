// Plural counts and GOV.UK dates: the words every page uses for numbers and dates.
#include <gtest/gtest.h>

#include "core/text.hpp"

namespace goldthread::core {
namespace {

// Lines of a form's textarea and values of a CSV cell are written back with join.
TEST(Join, PutsTheSeparatorBetweenPartsOnly) {
  EXPECT_EQ(join({}, "\n"), "");
  EXPECT_EQ(join({"E07000066 78"}, "\n"), "E07000066 78");
  EXPECT_EQ(join({"a", "", "b"}, "; "), "a; ; b");
}

// The migrations' placeholders are replaced everywhere, and a replacement is not read again.
TEST(ReplaceAll, ReplacesEveryOccurrenceOnce) {
  EXPECT_EQ(replace_all("{{id}}, x {{id}}", "{{id}}", "INTEGER"), "INTEGER, x INTEGER");
  EXPECT_EQ(replace_all("aa", "a", "aa"), "aaaa");
  EXPECT_EQ(replace_all("abc", "", "x"), "abc");
}

TEST(CountOf, UsesTheSingularForOneAndThePluralOtherwise) {
  EXPECT_EQ(count_of(1, "result"), "1 result");
  EXPECT_EQ(count_of(0, "result"), "0 results");
  EXPECT_EQ(count_of(2, "organisation"), "2 organisations");
  EXPECT_EQ(count_of(1024, "person", "people"), "1,024 people");
  EXPECT_EQ(count_of(1, "person", "people"), "1 person");
}

TEST(HtmlEscape, MakesMarkupAndQuotesInertAndLeavesTextAlone) {
  EXPECT_EQ(html_escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(html_escape("Café, Colchester"), "Café, Colchester");
  EXPECT_EQ(html_escape(""), "");
}

TEST(DisplayDate, WritesDatesTheGovUkWay) {
  EXPECT_EQ(display_date("2026-10-01"), "1 October 2026");
  EXPECT_EQ(display_date("2017-10-17T13:05:00Z"), "17 October 2017");
  EXPECT_EQ(display_date("2024-06-12 09:00:00"), "12 June 2024");
  EXPECT_EQ(display_date("2026-12-31"), "31 December 2026");
}

TEST(DisplayDate, LeavesWhatIsNotADateAlone) {
  EXPECT_EQ(display_date(""), "");
  EXPECT_EQ(display_date("date not recorded"), "date not recorded");
  EXPECT_EQ(display_date("2026-13-01"), "2026-13-01");
  EXPECT_EQ(display_date("2026-1-01"), "2026-1-01");
  EXPECT_EQ(display_date("2026-10-01x"), "2026-10-01x");
}

TEST(DisplayDateTime, AddsTheTimeInTwelveHourForm) {
  EXPECT_EQ(display_date_time("2026-10-01T13:05:00Z"), "1 October 2026 at 1:05pm");
  EXPECT_EQ(display_date_time("2026-10-01T09:30:00Z"), "1 October 2026 at 9:30am");
  EXPECT_EQ(display_date_time("2026-10-01T00:00:00Z"), "1 October 2026 at midnight");
  EXPECT_EQ(display_date_time("2026-10-01T12:00:00Z"), "1 October 2026 at midday");
  EXPECT_EQ(display_date_time("2026-10-01T12:45:00Z"), "1 October 2026 at 12:45pm");
  EXPECT_EQ(display_date_time("2026-10-01"), "1 October 2026");
}

}  // namespace
}  // namespace goldthread::core
