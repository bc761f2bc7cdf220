// The bounds on what Markdown may produce (issue 10.1): each refused with a message that names
// the bound, before cmark-gfm builds a tree that large.
#include "core/markdown.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace goldthread::core {
namespace {

// The probe's description: 20,000 bytes that rendered a 45.1 MB page in 4.05 s.
std::string amplifying_table() {
  std::string md = "|";
  for (int i = 0; i < 500; ++i) md += "a|";
  md += "\n|";
  for (int i = 0; i < 500; ++i) md += "-|";
  md += "\n";
  while (md.size() < 19990) md += "x\n";
  return md;
}

TEST(MarkdownBounds, TheProbesWideTableIsRefusedQuicklyWithAMessage) {
  auto md = amplifying_table();
  auto t0 = std::chrono::steady_clock::now();
  auto problem = markdown_problem(md, "Description");
  auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(problem);
  EXPECT_EQ(*problem, "Description must not have a table of more than 20 columns");
  EXPECT_LT(took, std::chrono::milliseconds(50));
  EXPECT_FALSE(render_markdown(md));
}

TEST(MarkdownBounds, ManyRowsOfAWideTableAreRefusedByTheirCellCount) {
  std::string md = "|a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|\n|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|-|\n";
  for (int i = 0; i < 200; ++i) md += "x\n";  // each line is padded to 20 cells
  auto problem = markdown_problem(md, "Description");
  ASSERT_TRUE(problem);
  EXPECT_EQ(*problem, "Description must not have more than 2,000 table cells");
}

TEST(MarkdownBounds, ATableInsideAQuoteIsCountedToo) {
  std::string md = "> |a|b|\n> ";
  for (int i = 0; i < 30; ++i) md += "|-";
  md += "|\n";
  auto problem = markdown_problem(md, "Description");
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("20 columns"), std::string::npos);
}

TEST(MarkdownBounds, DeepNestingIsRefused) {
  auto problem = markdown_problem(std::string(40, '>') + " deep", "Description");
  ASSERT_TRUE(problem);
  EXPECT_EQ(*problem, "Description must not nest lists, quotes or emphasis more than 16 deep");
  EXPECT_FALSE(markdown_problem(std::string(3, '>') + " a quote in a quote in a quote", "Description"));
}

TEST(MarkdownBounds, AReusedLongLinkReferenceIsRefusedByTheSizeOfThePage) {
  std::string md = "[r]: https://example.org/" + std::string(1500, 'a') + "\n\n";
  while (md.size() < 19900) md += "[r] ";
  auto problem = markdown_problem(md, "Description");
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("too long once formatted"), std::string::npos);
}

TEST(MarkdownBounds, OrdinaryDescriptionsPass) {
  std::string md =
      "## Aims\n\nWe **open** warm rooms in [libraries](https://example.org).\n\n"
      "| Site | Opens |\n|---|---|\n| Clacton | Monday |\n| Harwich | Tuesday |\n\n- one\n  - two\n    - three\n";
  EXPECT_FALSE(markdown_problem(md, "Description"));
  auto html = render_markdown(md);
  ASSERT_TRUE(html);
  EXPECT_NE(html->find("<td>Clacton</td>"), std::string::npos);
  EXPECT_NE(html->find("<strong>open</strong>"), std::string::npos);
}

TEST(MarkdownBounds, ASourceOverABoundStoredEarlierBecomesEscapedText) {
  auto md = amplifying_table() + "<script>alert(1)</script>";
  auto html = markdown_to_html(md);
  EXPECT_LT(html.size(), 6 * md.size() + 64);
  EXPECT_EQ(html.find("<table"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace goldthread::core
