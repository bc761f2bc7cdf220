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

TEST(MarkdownAsText, SearchSnippetsShowNoMarkdown) {
  EXPECT_EQ(markdown_as_text("we **\x01signpost\x02** people"), "we \x01signpost\x02 people");
  EXPECT_EQ(markdown_as_text("## Aims\n> a _quote_ and __bold__ `code`"), "Aims\na quote and bold code");
  EXPECT_EQ(markdown_as_text("see [the \x01plan\x02](https://example.org/plan) now"), "see the \x01plan\x02 now");
  EXPECT_EQ(markdown_as_text("snake_case stays"), "snake_case stays");
}

}  // namespace
}  // namespace goldthread::core::search
