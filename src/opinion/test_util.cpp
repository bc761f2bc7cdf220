#include "opinion/test_util.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <random>

namespace goldthread::opinion::testing {

std::string fixture_dir(const std::string& conversation) {
  return std::string(GOLDTHREAD_POLIS_FIXTURES) + "/" + conversation;
}

std::string shared_root() {
  return GOLDTHREAD_POLIS_SHARED;
}

std::optional<std::string> shared_dir(const std::string& conversation) {
  std::string dir = shared_root() + "/" + conversation;
  if (!std::filesystem::exists(dir + "/participants-votes.csv")) return std::nullopt;
  return dir;
}

Conversation load_conversation(const std::string& dir) {
  Conversation c;
  auto pv_text = read_text_file(dir + "/participants-votes.csv");
  EXPECT_TRUE(pv_text.ok()) << dir;
  if (!pv_text.ok()) return c;
  auto pv = parse_participants_votes_csv(pv_text.value());
  EXPECT_TRUE(pv.ok()) << (pv.ok() ? "" : pv.error().message);
  if (pv.ok()) c.participants = std::move(pv).value();
  if (std::filesystem::exists(dir + "/votes.csv")) {
    auto text = read_text_file(dir + "/votes.csv");
    auto votes = parse_votes_csv(text.ok() ? text.value() : "");
    EXPECT_TRUE(votes.ok()) << (votes.ok() ? "" : votes.error().message);
    if (votes.ok()) c.votes = std::move(votes).value();
  } else {
    c.votes = c.participants.votes;
  }
  if (std::filesystem::exists(dir + "/comments.csv")) {
    auto text = read_text_file(dir + "/comments.csv");
    auto comments = parse_comments_csv(text.ok() ? text.value() : "");
    EXPECT_TRUE(comments.ok()) << (comments.ok() ? "" : comments.error().message);
    if (comments.ok()) c.comments = std::move(comments).value();
  }
  return c;
}

Engine run_engine(const Conversation& c, Params params) {
  Engine e(params);
  e.add_votes(c.votes);
  e.set_moderation(moderation_of(c.comments));
  e.update();
  return e;
}

Eigen::MatrixXd dense_rating(const Engine& e) {
  const auto& m = e.matrix();
  const auto& a = e.analysis();
  Eigen::MatrixXd d = Eigen::MatrixXd::Constant(m.n_rows(), m.n_cols(),
                                                std::numeric_limits<double>::quiet_NaN());
  for (std::int32_t r = 0; r < m.n_rows(); ++r) {
    auto cols = m.row_cols(r);
    auto vals = m.row_vals(r);
    for (std::size_t k = 0; k < cols.size(); ++k) d(r, cols[k]) = vals[k];
  }
  for (std::int32_t c = 0; c < m.n_cols(); ++c)
    if (a.mod_out[c]) d.col(c).setZero();
  return d;
}

void dense_centred(const Eigen::MatrixXd& rating, Eigen::MatrixXd& x, Eigen::VectorXd& center) {
  x = rating;
  center.resize(rating.cols());
  for (Eigen::Index c = 0; c < rating.cols(); ++c) {
    double sum = 0;
    int n = 0;
    for (Eigen::Index r = 0; r < rating.rows(); ++r)
      if (!std::isnan(rating(r, c))) { sum += rating(r, c); ++n; }
    center(c) = n ? sum / n : 0.0;
    for (Eigen::Index r = 0; r < rating.rows(); ++r)
      x(r, c) = std::isnan(rating(r, c)) ? 0.0 : rating(r, c) - center(c);
  }
}

std::vector<Vote> random_votes(int participants, int comments, double density, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Vote> out;
  std::int64_t ts = 0;
  for (int p = 0; p < participants; ++p)
    for (int c = 0; c < comments; ++c)
      if (u(rng) < density) {
        // Two latent camps so the structure is not pure noise.
        double lean = (p % 2 == 0) == (c % 3 == 0) ? 0.7 : 0.3;
        double x = u(rng);
        std::int8_t v = x < lean ? kAgree : (x < lean + 0.2 ? kPass : kDisagree);
        out.push_back({100 + p * 7, 1000 + c * 3, v, ++ts});
      }
  return out;
}

}  // namespace goldthread::opinion::testing
