#include "core/search.hpp"

#include <gtest/gtest.h>

namespace goldthread::core::search {
namespace {

TEST(HighlightHtml, EscapesTheTextBeforeAddingMarks) {
  EXPECT_EQ(highlight_html("a <b>\x01health\x02</b> & \"c\""),
            "a &lt;b&gt;<mark>health</mark>&lt;/b&gt; &amp; &quot;c&quot;");
  EXPECT_EQ(highlight_html("\x02stray\x01open"), "stray<mark>open</mark>");
  EXPECT_EQ(strip_markers("a\x01"
                          "b\x02"),
            "ab");
}

}  // namespace
}  // namespace goldthread::core::search
