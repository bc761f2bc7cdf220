// Properties: results independent of input order; degenerate conversations give defined,
// finite output; the CLI reports bad input as errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <unistd.h>

#include "opinion/analysis_json.hpp"
#include "opinion/opinion_cli.hpp"
#include "opinion/test_util.hpp"

namespace goldthread::opinion {
namespace {

void expect_finite(const Analysis& a) {
  auto all = [](const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
  };
  EXPECT_TRUE(all(a.pca.center));
  for (const auto& c : a.pca.comps) EXPECT_TRUE(all(c));
  EXPECT_TRUE(all(a.proj));
  EXPECT_TRUE(all(a.comment_projection.extremity));
  EXPECT_TRUE(all(a.group_aware_consensus));
  EXPECT_TRUE(all(a.comment_priorities));
  for (const auto& c : a.base_clusters) EXPECT_TRUE(std::isfinite(c.x) && std::isfinite(c.y));
  for (const auto& list : a.repness)
    for (const auto& r : list)
      EXPECT_TRUE(std::isfinite(r.repness) && std::isfinite(r.repness_test) && std::isfinite(r.p_test));
  std::size_t members = 0;
  for (const auto& g : a.groups) members += g.rows.size();
  EXPECT_EQ(members, a.in_conv.size());
}

Engine run(const std::vector<Vote>& votes, const std::vector<Moderation>& mod = {}) {
  Engine e;
  e.add_votes(votes);
  e.set_moderation(mod);
  e.update();
  expect_finite(e.analysis());
  // JSON must serialise (nlohmann rejects nothing here, but NaN would become null).
  auto j = nlohmann::json::parse(analysis_to_json(e.analysis(), e.matrix()));
  EXPECT_EQ(j["n"], e.analysis().n);
  return e;
}

TEST(Properties, ResultDoesNotDependOnVoteOrder) {
  auto conv = testing::load_conversation(testing::fixture_dir("15-per-hour-seattle"));
  auto shuffled = conv.votes;
  std::mt19937 rng(1);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  auto mod = moderation_of(conv.comments);
  Engine a = run(conv.votes, mod), b = run(shuffled, mod);
  EXPECT_EQ(analysis_to_json(a.analysis(), a.matrix()), analysis_to_json(b.analysis(), b.matrix()));
}

TEST(Properties, AllPassParticipantIsProjectedAndClustered) {
  auto votes = testing::random_votes(40, 10, 0.9, 5);
  for (int c = 0; c < 10; ++c) votes.push_back({999, 1000 + c * 3, kPass, 0});
  Engine e = run(votes);
  auto r = *e.matrix().try_row(999);
  EXPECT_TRUE(std::binary_search(e.analysis().in_conv.begin(), e.analysis().in_conv.end(), r));
  EXPECT_GE(e.analysis().row_group[r], 0);
}

TEST(Properties, FewerThan15VotersAllInConv) {
  Engine e = run(testing::random_votes(6, 5, 0.5, 2));
  EXPECT_EQ(e.analysis().in_conv.size(), static_cast<std::size_t>(e.analysis().n));
}

TEST(Properties, SingleStatement) {
  Engine e = run({{1, 7, kAgree, 0}, {2, 7, kDisagree, 0}, {3, 7, kPass, 0}});
  EXPECT_EQ(e.analysis().n_cmts, 1);
  EXPECT_EQ(e.analysis().in_conv.size(), 3u);
}

TEST(Properties, SingleVoteAndNoVotes) {
  run({{1, 7, kAgree, 0}});
  Engine empty;
  const auto& a = empty.update();
  EXPECT_EQ(a.n, 0);
  EXPECT_TRUE(a.groups.empty());
  expect_finite(a);
}

TEST(Properties, AllIdenticalVotes) {
  std::vector<Vote> votes;
  for (int p = 0; p < 30; ++p)
    for (int c = 0; c < 8; ++c) votes.push_back({p, c, kAgree, 0});
  Engine e = run(votes);
  EXPECT_EQ(e.analysis().base_clusters.size(), 1u);
  EXPECT_EQ(e.analysis().groups.size(), 1u);
  EXPECT_FALSE(e.analysis().consensus.agree.empty());
}

TEST(Properties, ModeratedOutStatementsAreZeroedAndSkipped) {
  auto votes = testing::random_votes(50, 12, 0.7, 9);
  std::vector<Moderation> mod = {{1000, -1, false}, {1003, 1, true}, {1006, 1, false}};
  Engine e = run(votes, mod);
  const auto& a = e.analysis();
  auto c0 = *e.matrix().try_col(1000), c1 = *e.matrix().try_col(1003);
  EXPECT_TRUE(a.mod_out[c0] && a.mod_out[c1]);
  EXPECT_EQ(a.pca.center[c0], 0.0);
  EXPECT_EQ(a.pca.comps[0][c0], 0.0);
  EXPECT_EQ(a.comment_priorities[c1], 49.0);
  for (const auto& list : a.repness)
    for (const auto& r : list) EXPECT_TRUE(r.tid != 1000 && r.tid != 1003);
  for (const auto& r : a.consensus.agree) EXPECT_TRUE(r.tid != 1000 && r.tid != 1003);
}

TEST(Properties, EverythingModeratedOut) {
  auto votes = testing::random_votes(20, 4, 0.8, 4);
  std::vector<Moderation> mod;
  for (int c = 0; c < 4; ++c) mod.push_back({1000 + 3 * c, -1, false});
  Engine e = run(votes, mod);
  EXPECT_TRUE(e.analysis().consensus.agree.empty());
}

class Cli : public ::testing::Test {
 protected:
  std::string tmp(const std::string& name, const std::string& content) {
    auto dir = std::filesystem::temp_directory_path() / ("opinion_cli_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto p = dir / name;
    std::ofstream(p) << content;
    return p.string();
  }
};

TEST_F(Cli, AnalysesFixtureAndWritesJson) {
  std::string dir = testing::fixture_dir("brexit-consensus");
  AnalyseOptions o{dir + "/votes.csv", dir + "/comments.csv", "", tmp("out.json", "")};
  std::ostringstream out, err;
  ASSERT_EQ(run_analyse(o, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("group"), std::string::npos);
  std::ifstream f(o.out_json);
  auto j = nlohmann::json::parse(f);
  for (const char* key : {"n", "n_cmts", "in_conv", "pca", "proj", "base_clusters", "groups", "repness",
                          "consensus", "group_aware_consensus", "comment_priorities"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["n"], 204);
  EXPECT_TRUE(j["pca"].contains("center") && j["pca"].contains("comps"));
}

TEST_F(Cli, AcceptsParticipantsVotesWhenNoVotesCsv) {
  AnalyseOptions o{"", "", testing::fixture_dir("bowling-green-subset") + "/participants-votes.csv", ""};
  std::ostringstream out, err;
  EXPECT_EQ(run_analyse(o, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("participants: 60"), std::string::npos);
}

TEST_F(Cli, BadInputIsAnErrorNotACrash) {
  std::ostringstream out, err;
  EXPECT_NE(run_analyse({}, out, err), 0);
  EXPECT_NE(run_analyse({"/nonexistent.csv", "", "", ""}, out, err), 0);
  EXPECT_NE(run_analyse({tmp("bad.csv", "comment-id,voter-id,vote\n1,2,7\n"), "", "", ""}, out, err), 0);
  EXPECT_NE(run_analyse({tmp("ok.csv", "comment-id,voter-id,vote\n1,2,1\n"), tmp("c.csv", "x\n\"open"), "", ""},
                        out, err), 0);
  EXPECT_NE(err.str().find("votes.csv"), std::string::npos);
  AnalyseOptions o;
  EXPECT_FALSE(parse_analyse_args({"--votes"}, o, err));
  EXPECT_FALSE(parse_analyse_args({"--bogus", "x"}, o, err));
  EXPECT_TRUE(parse_analyse_args({"--votes", "v", "--out", "o"}, o, err));
  EXPECT_EQ(o.out_json, "o");
}

TEST_F(Cli, WarnsAboutMissingModerationAndReplaysInTimeOrder) {
  std::string dir = testing::fixture_dir("brexit-consensus");
  std::ostringstream out, err;
  AnalyseOptions o{dir + "/votes.csv", tmp("nomod.csv", "comment-id,comment-body\n0,a\n1,b\n"), "", ""};
  o.replay = true;
  o.replay_window_ms = 86'400'000;  // one update per day of the conversation: a fast test
  ASSERT_EQ(run_analyse(o, out, err), 0) << err.str();
  EXPECT_NE(err.str().find("warning: comments.csv has no 'moderated' column"), std::string::npos) << err.str();
  EXPECT_NE(out.str().find("replayed 5312 votes in time order"), std::string::npos) << out.str();
  AnalyseOptions pv{"", "", testing::fixture_dir("bowling-green-subset") + "/participants-votes.csv", ""};
  pv.replay = true;
  EXPECT_NE(run_analyse(pv, out, err), 0);
  EXPECT_NE(err.str().find("--replay needs --votes"), std::string::npos);
  AnalyseOptions parsed;
  EXPECT_TRUE(
      parse_analyse_args({"--votes", "v", "--replay", "--replay-window-ms", "5000", "--starts", "3"}, parsed, err));
  EXPECT_TRUE(parsed.replay);
  EXPECT_EQ(parsed.replay_window_ms, 5000);
  EXPECT_EQ(parsed.starts, 3);
  EXPECT_FALSE(parse_analyse_args({"--starts", "0"}, parsed, err));
  EXPECT_FALSE(parse_analyse_args({"--replay-window-ms", "x"}, parsed, err));
}

}  // namespace
}  // namespace goldthread::opinion
