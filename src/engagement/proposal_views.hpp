#pragma once
// Proposals' view models: what a page shows, loaded by a fixed number of queries, and its two
// JSON representations (proposal_json.cpp): the resource (the JSON twin) and the template's
// model (which adds what the visitor may do and display text).
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "engagement/proposal_model.hpp"

namespace goldthread::core {
class Context;
}

namespace goldthread::engagement {

struct Named {
  std::string key, name;  // slug or code, title or name ("" = none)
};

struct ProposalItem {
  Proposal proposal;
  Named ambition, area;
};

struct ProposalView {
  ProposalItem item;
  Named initiative;  // the answer's initiative
  std::int64_t threshold = kDefaultSupportThreshold;
};

struct ProposalScreen {
  bool signed_in = false, supported = false, can_answer = false;
  std::string banner;
  std::string comments_html;  // core::comments::thread_html, read in the view's read block
};

struct ProposalListView {
  std::vector<ProposalItem> items;
  std::int64_t total = 0;
  bool total_exact = true;
  ProposalQuery query;
  std::string ambition, area;  // the filters as given (slug, code)
  std::string self_href, next_href, first_href;
  std::int64_t threshold = kDefaultSupportThreshold;
  std::vector<Named> ambitions, areas;  // the filter options (screen only)
};

// The query string of a list with these sort/filter values ("" values left out).
std::string list_href(const std::string& sort, const std::string& ambition, const std::string& area,
                      const std::string& status, std::int64_t seed, const std::string& after);

void to_json(nlohmann::json& j, const ProposalView& v);
void screen_json(nlohmann::json& j, const ProposalView& v, const ProposalScreen& s);
void to_json(nlohmann::json& j, const ProposalListView& v);
void screen_json(nlohmann::json& j, const ProposalListView& v, bool signed_in);
// The answer to a support or withdrawal asked for as JSON.
void support_json(nlohmann::json& j, const SupportResult& r, bool supported);
// The new-proposal and answer forms' models (values, options, errors).
void proposal_form_json(nlohmann::json& j, const ProposalInput& in, const std::vector<Named>& ambitions,
                        const std::vector<Named>& areas, const core::Error* err);
void answer_form_json(nlohmann::json& j, const ProposalView& v, const AnswerInput& in,
                      const std::vector<core::Membership>& memberships, const core::Error* err);

}  // namespace goldthread::engagement
