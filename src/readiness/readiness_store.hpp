#pragma once
// The readiness tables (readiness_store.cpp, the only file with SQL): framework versions,
// rounds, responses with their answers, and the links from a block to its actions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/storage.hpp"
#include "readiness/readiness_model.hpp"

namespace goldthread::readiness {

struct Round {
  std::int64_t id = 0;
  std::string slug, name;
  int framework_version = 1;
  std::string mode = "facilitated";       // facilitated | individual
  std::string invite_scope = "everyone";  // everyone | organisations | sectors | areas
  std::vector<std::string> invited;
  std::string opens_on, closes_on;
  int threshold = kDefaultThreshold;
  bool is_example = false;
  std::string created_at;
};

struct ActionLink {
  std::int64_t commitment_id = 0;
  std::string block_slug;
};

namespace store {

std::optional<Framework> latest_framework(core::Connection& c);
std::optional<Framework> framework_of_version(core::Connection& c, int version);
void insert_framework(core::Connection& c, const Framework& f);
std::vector<std::pair<int, std::string>> framework_versions(core::Connection& c);  // version, created_at

std::int64_t insert_round(core::Connection& c, const Round& r);
std::optional<Round> find_round(core::Connection& c, const std::string& slug);
std::optional<Round> find_round_by_id(core::Connection& c, std::int64_t id);
std::vector<Round> list_rounds(core::Connection& c);

// A respondent's response with its answers (nullopt when they have not started).
std::optional<Submission> find_response(core::Connection& c, std::int64_t round_id, const std::string& key);
// Inserts or updates the response row; returns its id.
std::int64_t save_response(core::Connection& c, std::int64_t round_id, const Submission& r);
void replace_answers(core::Connection& c, std::int64_t response_id, const std::vector<Answer>& answers);
// Every response of a round with its answers (two queries); submitted ones only when asked.
std::vector<Submission> responses_of(core::Connection& c, std::int64_t round_id, bool submitted_only);
int count_paper_responses(core::Connection& c, std::int64_t round_id);

void insert_action(core::Connection& c, std::int64_t commitment_id, std::int64_t round_id, const std::string& block);
std::vector<ActionLink> actions_of(core::Connection& c, std::int64_t round_id);
// The round and block of an action (nullopt: not a readiness action).
std::optional<std::pair<std::int64_t, std::string>> action_of(core::Connection& c, std::int64_t commitment_id);

}  // namespace store
}  // namespace goldthread::readiness
