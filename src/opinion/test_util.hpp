#pragma once
// Test helpers: fixture loading and dense reference computations written independently of
// the engine's sparse code paths, straight from the spec's formulas.

#include <Eigen/Dense>
#include <optional>
#include <string>
#include <vector>

#include "opinion/engine.hpp"
#include "opinion/polis_csv.hpp"

namespace goldthread::opinion::testing {

std::string fixture_dir(const std::string& conversation);  // in-repo fixture folder
std::optional<std::string> shared_dir(const std::string& conversation);  // absent → nullopt
// Where shared conversations are looked for: <source root>/../shared/data/polis.
std::string shared_root();

struct Conversation {
  std::vector<Vote> votes;
  std::vector<PolisComment> comments;
  PolisParticipantsVotes participants;
};
// Loads votes.csv (or participants-votes.csv votes when votes.csv is absent), comments.csv
// and participants-votes.csv from dir. Fails the current test on error.
Conversation load_conversation(const std::string& dir);

// Runs a cold update on a conversation.
Engine run_engine(const Conversation& c, Params params = {});

// Dense rating-mat (§2): rows/cols in the engine's order, NaN = missing, moderated-out
// columns 0 in every row.
Eigen::MatrixXd dense_rating(const Engine& e);

// Column-mean-imputed, centred matrix and its center (§4.1–4.2).
void dense_centred(const Eigen::MatrixXd& rating, Eigen::MatrixXd& x, Eigen::VectorXd& center);

// Deterministic pseudo-random votes for property tests.
std::vector<Vote> random_votes(int participants, int comments, double density, unsigned seed);

}  // namespace goldthread::opinion::testing
