#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace goldthread::core::csv {
namespace {

TEST(CsvParse, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  auto r = parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(r.records[1].line, 2u);
}

TEST(CsvParse, CountsLinesAcrossEmbeddedNewlinesAndSkipsBlankLines) {
  auto r = parse("h\n\"a\nb\"\n\nc\n");
  ASSERT_TRUE(r.error.empty());
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[2].line, 5u);
}

TEST(CsvParse, KeepsEmptyFieldsAndStripsTheByteOrderMark) {
  auto r = parse("\xEF\xBB\xBF" "a,,c\n,,\n");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].fields, (std::vector<std::string>{"a", "", "c"}));
  EXPECT_EQ(r.records[1].fields.size(), 3u);
}

TEST(CsvParse, ReportsAnUnclosedQuoteWithItsLine) {
  auto r = parse("a\n\"open\n");
  EXPECT_FALSE(r.error.empty());
  EXPECT_EQ(r.error_line, 2u);
}

TEST(CsvParse, RejectsAQuoteInsideAnUnquotedField) {
  EXPECT_FALSE(parse("ab\"c\n").error.empty());
  EXPECT_FALSE(parse("\"ab\"c\n").error.empty());
}

TEST(CsvWrite, QuotesOnlyWhenNeededAndDefusesFormulas) {
  EXPECT_EQ(field("plain"), "plain");
  EXPECT_EQ(field("a,b"), "\"a,b\"");
  EXPECT_EQ(field("say \"x\""), "\"say \"\"x\"\"\"");
  EXPECT_EQ(field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(field("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(row({"a", "b,c"}), "a,\"b,c\"\r\n");
}

TEST(CsvRoundTrip, WhatIsWrittenReadsBackTheSame) {
  std::vector<std::string> in{"x, y", "q\"uote", "multi\r\nline", "", "plain"};
  auto r = parse(row(in) + row(in));
  ASSERT_TRUE(r.error.empty());
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].fields, in);
}

}  // namespace
}  // namespace goldthread::core::csv
