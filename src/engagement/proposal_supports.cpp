// Supports of proposals: one per person, withdrawable, the counter (and the status at the
// place's threshold) kept with the row and the audit record in the same transaction. The web
// goes through the App's group commit (group_commit.hpp), so concurrent supports share one
// transaction and one commit; each is acknowledged only after it (issue 14.4).
#include <map>
#include <nlohmann/json.hpp>

#include "core/app.hpp"
#include "core/service.hpp"
#include "engagement/group_commit.hpp"
#include "engagement/proposal_model.hpp"

namespace goldthread::engagement {
namespace {

struct SupportJob {
  core::audit::Actor actor;
  std::int64_t user_id = 0, proposal_id = 0;
  bool support = true;
};

// Proposals and thresholds already read in this transaction (a batch often holds many
// supports of one proposal).
struct BatchCache {
  std::map<std::int64_t, Proposal> proposals;
  std::map<std::int64_t, std::int64_t> thresholds;
};

// One support or withdrawal on `c`, inside the caller's transaction: the row, the counter
// and, when something changed, its audit record. Writes nothing for an unknown proposal.
core::Result<SupportResult> apply_one(core::Connection& c, const SupportJob& j, BatchCache& cache) {
  auto it = cache.proposals.find(j.proposal_id);
  if (it == cache.proposals.end()) {
    auto found = proposal_store::find(c, j.proposal_id);
    if (!found) return core::Error::not_found("There is no proposal at this address.");
    it = cache.proposals.emplace(j.proposal_id, *found).first;
  }
  Proposal& p = it->second;
  const Proposal before = p;
  SupportResult out;
  if (j.support) {
    auto t = cache.thresholds.find(p.place_id);
    if (t == cache.thresholds.end())
      t = cache.thresholds.emplace(p.place_id, proposal_store::threshold(c, p.place_id)).first;
    out.changed = proposal_store::add_support(c, p, j.user_id, t->second);
    if (out.changed)
      core::audit::record(
          c, j.actor,
          {"support", "proposal", std::to_string(p.id), "",
           core::audit::to_text(
               {{"slug", p.slug}, {"title", p.title}, {"supports", p.supports}, {"status", p.status}})});
  } else {
    out.changed = proposal_store::remove_support(c, p, j.user_id);
    if (out.changed)
      core::audit::record(c, j.actor,
                          {"withdraw-support", "proposal", std::to_string(p.id),
                           core::audit::to_text({{"slug", p.slug}, {"title", p.title}, {"supports", before.supports}}),
                           core::audit::to_text({{"slug", p.slug}, {"title", p.title}, {"supports", p.supports}})});
  }
  out.proposal = p;
  return out;
}

core::Result<SupportResult> one_transaction(core::Database& db, const core::Principal& who,
                                            const std::string& request_id, std::int64_t proposal_id, bool support) {
  return core::transact<SupportResult>(db, kSameProposal, [&](core::Connection& c) -> core::Result<SupportResult> {
    BatchCache cache;
    return apply_one(c, {core::audit::Actor::from(who, 0, request_id), who.user_id, proposal_id, support}, cache);
  });
}

using SupportCommit = GroupCommit<SupportJob, SupportResult>;
struct SupportCommitKey {
  using type = SupportCommit;
};

}  // namespace

core::Result<SupportResult> support_proposal(core::Database& db, const core::Principal& who,
                                             const std::string& request_id, std::int64_t proposal_id) {
  if (!who.signed_in()) return core::Error::forbidden("Sign in to support a proposal.");
  return one_transaction(db, who, request_id, proposal_id, true);
}

core::Result<SupportResult> withdraw_support(core::Database& db, const core::Principal& who,
                                             const std::string& request_id, std::int64_t proposal_id) {
  if (!who.signed_in()) return core::Error::forbidden("Sign in to withdraw your support.");
  return one_transaction(db, who, request_id, proposal_id, false);
}

core::Result<SupportResult> change_support(core::App& app, const core::Principal& who, const std::string& request_id,
                                           std::int64_t proposal_id, bool support) {
  if (!who.signed_in())
    return core::Error::forbidden(support ? "Sign in to support a proposal." : "Sign in to withdraw your support.");
  auto& writer = app.state<SupportCommitKey>();
  writer.start(
      app.db(),
      [](core::Connection& c, const std::vector<SupportJob>& jobs) {
        BatchCache cache;
        std::vector<core::Result<SupportResult>> outs;
        outs.reserve(jobs.size());
        for (const auto& j : jobs) outs.push_back(apply_one(c, j, cache));
        return outs;
      },
      "proposal supports");
  return writer.submit({core::audit::Actor::from(who, 0, request_id), who.user_id, proposal_id, support});
}

}  // namespace goldthread::engagement
