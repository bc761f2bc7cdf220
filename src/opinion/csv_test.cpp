#include <gtest/gtest.h>

#include "opinion/csv_reader.hpp"
#include "opinion/polis_csv.hpp"
#include "opinion/test_util.hpp"

namespace goldthread::opinion {
namespace {

std::vector<std::vector<std::string>> read_all(std::string_view text, std::string* error = nullptr) {
  CsvReader r(text);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> f;
  while (r.next(f)) rows.push_back(f);
  if (error) *error = r.error();
  return rows;
}

TEST(CsvReader, HandlesQuotesEscapesNewlinesAndCrlf) {
  auto rows = read_all("\xEF\xBB\xBF" "a,b,c\r\n1,\"x, \"\"y\"\"\nz\",\r\n\n3,,4");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x, \"y\"\nz", ""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"3", "", "4"}));
}

TEST(CsvReader, ReportsUnterminatedQuote) {
  std::string error;
  auto rows = read_all("a,b\n1,\"open\n", &error);
  EXPECT_EQ(rows.size(), 1u);
  EXPECT_NE(error.find("unterminated"), std::string::npos);
}

TEST(PolisCsv, ParsesVotesWithAnyColumnOrder) {
  auto v = parse_votes_csv("vote,voter-id,comment-id,timestamp\n1,5,7,100\n-1,5,8,101\n0,6,7,102\n");
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v.value().size(), 3u);
  EXPECT_EQ(v.value()[1].pid, 5);
  EXPECT_EQ(v.value()[1].tid, 8);
  EXPECT_EQ(v.value()[1].value, kDisagree);
  EXPECT_EQ(v.value()[2].timestamp, 102);
}

TEST(PolisCsv, RejectsBadVotesAsErrors) {
  EXPECT_FALSE(parse_votes_csv("").ok());
  EXPECT_FALSE(parse_votes_csv("comment-id,voter-id\n1,2\n").ok());
  EXPECT_FALSE(parse_votes_csv("comment-id,voter-id,vote\n1,2,3\n").ok());
  EXPECT_FALSE(parse_votes_csv("comment-id,voter-id,vote\nx,2,1\n").ok());
  auto e = parse_votes_csv("comment-id,voter-id,vote\n1,2,1\n1,2,\n");
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("line 3"), std::string::npos);
}

TEST(PolisCsv, ParsesBothCommentFormats) {
  auto old_fmt = parse_comments_csv(
      "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
      "1,Mon,4,9,3,2,-1,\"Hello, \"\"world\"\"\"\n");
  ASSERT_TRUE(old_fmt.ok());
  EXPECT_EQ(old_fmt.value()[0].mod, -1);
  EXPECT_EQ(old_fmt.value()[0].body, "Hello, \"world\"");
  auto new_fmt = parse_comments_csv(
      "timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,is-seed,"
      "group-informed-consensus,comment-body\n1,2,0,57,0,1,true,true,0.68,text\n");
  ASSERT_TRUE(new_fmt.ok());
  EXPECT_TRUE(new_fmt.value()[0].is_meta);
  ASSERT_TRUE(new_fmt.value()[0].group_informed_consensus.has_value());
  EXPECT_DOUBLE_EQ(*new_fmt.value()[0].group_informed_consensus, 0.68);
  EXPECT_FALSE(parse_comments_csv("comment-id,moderated\n1,5\n").ok());
}

TEST(PolisCsv, ParsesParticipantsVotesSubsetOfBowlingGreen) {
  auto text = read_text_file(testing::fixture_dir("bowling-green-subset") + "/participants-votes.csv");
  ASSERT_TRUE(text.ok());
  auto pv = parse_participants_votes_csv(text.value());
  ASSERT_TRUE(pv.ok()) << pv.error().message;
  EXPECT_EQ(pv.value().participants.size(), 60u);
  EXPECT_EQ(pv.value().tids.size(), 896u);
  EXPECT_EQ(pv.value().participants[0].group_id, 0);
  // Participant 0: n-votes 610 in the file.
  std::size_t first = 0;
  for (const auto& v : pv.value().votes) first += v.pid == 0;
  EXPECT_EQ(first, 610u);
}

TEST(PolisCsv, ParticipantsVotesWithXidAndEmptyGroup) {
  auto pv = parse_participants_votes_csv(
      "participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n"
      "3,abc,,0,2,1,1,1,,-1\n");
  ASSERT_TRUE(pv.ok()) << pv.error().message;
  EXPECT_FALSE(pv.value().participants[0].group_id.has_value());
  EXPECT_EQ(pv.value().participants[0].xid, "abc");
  ASSERT_EQ(pv.value().votes.size(), 2u);
  EXPECT_EQ(pv.value().votes[1].tid, 2);
  EXPECT_FALSE(parse_participants_votes_csv("participant,n-disagree,x\n1,0,1\n").ok());
}

TEST(PolisCsv, MissingFileIsAnError) {
  auto r = read_text_file("/nonexistent/votes.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("cannot open"), std::string::npos);
}

TEST(PolisCsv, CommentsWithoutModeratedColumnAreAcceptedWithAWarning) {
  auto f = parse_comments_file("comment-id,moderation,comment-body,colour\n1,-1,a,red\n2,1,b,blue\n");
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_FALSE(f.value().has_moderation);
  ASSERT_EQ(f.value().warnings.size(), 2u);
  const auto& w = f.value().warnings[0];
  EXPECT_NE(w.find("no 'moderated' column"), std::string::npos) << w;
  EXPECT_NE(w.find("all 2 statements"), std::string::npos) << w;
  EXPECT_NE(w.find("'moderation' meant to be 'moderated'"), std::string::npos) << w;
  EXPECT_NE(f.value().warnings[1].find("'moderation', 'colour'"), std::string::npos) << f.value().warnings[1];
  for (const auto& c : f.value().comments) EXPECT_EQ(c.mod, 0);
  // A complete file of either format warns about nothing.
  auto full = parse_comments_file(
      "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,Mon,4,9,3,2,-1,x\n");
  ASSERT_TRUE(full.ok());
  EXPECT_TRUE(full.value().has_moderation);
  EXPECT_TRUE(full.value().warnings.empty());
}

TEST(PolisCsv, HeaderNamesIgnoreCaseSpacesAndUnderscores) {
  auto f = parse_comments_file("Comment_ID, Moderated ,IS-META\n3,-1,TRUE\n");
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_TRUE(f.value().warnings.empty());
  ASSERT_EQ(f.value().comments.size(), 1u);
  EXPECT_EQ(f.value().comments[0].tid, 3);
  EXPECT_EQ(f.value().comments[0].mod, -1);
  EXPECT_TRUE(f.value().comments[0].is_meta);
  auto v = parse_votes_csv("Voter_ID,Comment-Id,VOTE\n5,7,1\n");
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v.value()[0].pid, 5);
}

TEST(PolisCsv, DecimalTimestampsAreAccepted) {
  auto v = parse_votes_csv(
      "timestamp,comment-id,voter-id,vote\n1594984322740.0,1,2,1\n1594984322741,1,2,-1\n1.5949843227425e12,1,3,0\n");
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v.value()[0].timestamp, 1594984322740);
  EXPECT_EQ(v.value()[1].timestamp, 1594984322741);
  EXPECT_EQ(v.value()[2].timestamp, 1594984322743);  // rounded to the nearest ms
  auto c = parse_comments_csv("timestamp,comment-id,moderated\n1594984322740.0,1,1\n");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value()[0].timestamp, 1594984322740);
  EXPECT_FALSE(parse_votes_csv("timestamp,comment-id,voter-id,vote\n12.3.4,1,2,1\n").ok());
  EXPECT_FALSE(parse_votes_csv("timestamp,comment-id,voter-id,vote\nnan,1,2,1\n").ok());
  EXPECT_FALSE(parse_timestamp("1e300").has_value());
}

}  // namespace
}  // namespace goldthread::opinion
