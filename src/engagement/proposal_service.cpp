// Proposals' services: each write is one transaction holding the change, its audit record,
// the search entry and any notification. Supports keep the counter in the same transaction.
#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <random>

#include "core/notifications.hpp"
#include "core/search.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "engagement/engagement.hpp"
#include "engagement/proposal_model.hpp"
#include "places/places.hpp"
#include "work/work.hpp"

namespace goldthread::engagement {
namespace {

std::string audit_json(const Proposal& p) {
  return core::audit::to_text({{"slug", p.slug},
                               {"title", p.title},
                               {"body", p.body},
                               {"ambition_id", p.ambition_id},
                               {"area_code", p.area_code},
                               {"author_user_id", p.author_user_id},
                               {"status", p.status}});
}

std::size_t chars(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

core::Result<Proposal> load(core::Connection& c, std::int64_t id) {
  auto p = proposal_store::find(c, id);
  if (!p) return core::Error::not_found("There is no proposal at this address.");
  return *p;
}

}  // namespace

bool is_answer_status(const std::string& s) {
  return std::any_of(std::begin(kAnswerStatuses), std::end(kAnswerStatuses), [&](const char* a) { return s == a; });
}
bool is_proposal_status(const std::string& s) {
  return s == "open" || s == "awaiting" || is_answer_status(s);
}

std::string status_label(const std::string& s) {
  if (s == "open") return "Collecting supports";
  if (s == "awaiting") return "Awaiting an official answer";
  if (s == "accepted") return "Accepted";
  if (s == "considering") return "Being considered";
  if (s == "not-taken-forward") return "Not taken forward";
  if (s == "already-happening") return "Already happening";
  return s;
}

std::vector<core::FieldError> validate_proposal(const ProposalInput& in) {
  std::vector<core::FieldError> e;
  if (in.title.empty())
    e.push_back({"title", "Enter a title for your proposal"});
  else if (chars(in.title) < kMinProposalTitle)
    e.push_back({"title", "Title must be " + std::to_string(kMinProposalTitle) + " characters or more"});
  else if (chars(in.title) > kMaxProposalTitle)
    e.push_back({"title", "Title must be " + std::to_string(kMaxProposalTitle) + " characters or fewer"});
  if (in.body.empty())
    e.push_back({"body", "Describe your proposal"});
  else if (chars(in.body) > kMaxProposalBody)
    e.push_back({"body", "Description must be " + std::to_string(kMaxProposalBody) + " characters or fewer"});
  else if (auto problem = work::markdown_problem(in.body, "Description"))
    e.push_back({"body", *problem});
  return e;
}

std::vector<core::FieldError> check_proposal(core::Connection& c, const ProposalInput& in) {
  auto errors = validate_proposal(in);
  auto place = places::try_current_place(c);
  if (!place) return errors;
  if (!in.ambition.empty() && !places::try_find_ambition(c, place->id, in.ambition))
    errors.push_back({"ambition", "Select an ambition from the list"});
  if (!in.area.empty() && !places::try_find_area(c, place->id, in.area))
    errors.push_back({"area", "Select an area from the list"});
  return errors;
}

core::Result<Proposal> create_proposal_in(core::Connection& c, const core::audit::Actor& actor,
                                          std::int64_t author_user_id, const std::string& author_name,
                                          const ProposalInput& in, bool is_example) {
  auto errors = validate_proposal(in);
  auto place = places::try_current_place(c);
  if (!place) return core::Error::conflict("Import a place before adding proposals.");
  Proposal p;
  p.place_id = place->id;
  p.title = in.title;
  p.body = in.body;
  p.author_user_id = author_user_id;
  p.author_name = author_name;
  p.is_example = is_example;
  if (!in.ambition.empty()) {
    auto a = places::try_find_ambition(c, place->id, in.ambition);
    if (a)
      p.ambition_id = a->id;
    else
      errors.push_back({"ambition", "Select an ambition from the list"});
  }
  if (!in.area.empty()) {
    if (places::try_find_area(c, place->id, in.area))
      p.area_code = in.area;
    else
      errors.push_back({"area", "Select an area from the list"});
  }
  if (errors.empty()) {
    auto html = work::render_markdown(in.body);
    if (!html)
      errors.push_back({"body", "Description is too complex to show: make its tables smaller or nest less"});
    else
      p.body_html = *html;
  }
  if (!errors.empty()) return core::Error::invalid("Check your proposal", errors);
  p.slug = !in.slug.empty() ? in.slug : core::unique_slug(p.title, "proposal", [&](const std::string& s) {
    return s == "new" || proposal_store::slug_taken(c, s);
  });
  p.created_at = core::now_utc();
  p.id = proposal_store::insert(c, p);
  core::audit::record(c, actor, {"create", "proposal", std::to_string(p.id), "", audit_json(p)});
  core::search::index(c, "proposal", p.id, p.title, p.body, "/proposals/" + p.slug);
  core::notifications::Notice n{"proposal", p.id, "proposal-published", "New proposal: " + p.title,
                                "/proposals/" + p.slug};
  if (p.ambition_id) {
    n.tags.push_back("ambition:" + std::to_string(p.ambition_id));
    n.also.push_back({"ambition", p.ambition_id});
  }
  if (!p.area_code.empty()) n.tags.push_back("area:" + p.area_code);
  n.actor_user_id = author_user_id;
  core::notifications::publish(c, n);
  return p;
}

core::Result<Proposal> create_proposal(core::Database& db, const core::Principal& who, const std::string& request_id,
                                       const ProposalInput& in) {
  if (!who.signed_in()) return core::Error::forbidden("Sign in to post a proposal.");
  return core::transact<Proposal>(db, kSameProposal, [&](core::Connection& c) {
    return create_proposal_in(c, core::audit::Actor::from(who, 0, request_id), who.user_id, who.name, in);
  });
}

bool may_answer(const core::Principal& p) {
  return p.has(core::Role::place_admin) || p.has(core::Role::site_admin) ||
         (p.has(core::Role::partner_member) && !p.memberships.empty());
}

core::Result<Proposal> answer_proposal(core::Database& db, const core::Principal& who, const std::string& request_id,
                                       std::int64_t proposal_id, const AnswerInput& in) {
  if (!may_answer(who))
    return core::Error::forbidden("Only place administrators and members of partner organisations can answer.");
  return core::transact<Proposal>(db, kSameProposal, [&](core::Connection& c) -> core::Result<Proposal> {
    auto found = load(c, proposal_id);
    if (!found) return found.error();
    Proposal p = *found;
    const Proposal before = p;
    std::vector<core::FieldError> errors;
    if (!is_answer_status(in.status)) errors.push_back({"status", "Select the answer"});
    if (in.reasons.empty())
      errors.push_back({"reasons", "Give the reasons for the answer"});
    else if (chars(in.reasons) > kMaxAnswerReasons)
      errors.push_back({"reasons", "Reasons must be " + std::to_string(kMaxAnswerReasons) + " characters or fewer"});
    else if (auto problem = work::markdown_problem(in.reasons, "Reasons"))
      errors.push_back({"reasons", *problem});
    p.answer_initiative_id = 0;
    if (!in.initiative.empty()) {
      auto i = work::try_find_initiative(c, p.place_id, in.initiative);
      if (i)
        p.answer_initiative_id = i->id;
      else
        errors.push_back({"initiative", "Enter the address name of an initiative on this site, or leave it blank"});
    }
    std::string organisation;
    std::int64_t organisation_id = 0;
    for (const auto& m : who.memberships)
      if (m.organisation_id == in.organisation_id ||
          (!in.organisation_id && organisation.empty() && !who.has(core::Role::place_admin) &&
           !who.has(core::Role::site_admin))) {
        organisation = m.organisation_name;
        organisation_id = m.organisation_id;
      }
    if (in.organisation_id && !organisation_id)
      errors.push_back({"organisation_id", "Select one of your organisations"});
    if (errors.empty()) {
      auto html = work::render_markdown(in.reasons);
      if (!html)
        errors.push_back({"reasons", "Reasons are too complex to show: make tables smaller or nest less"});
      else
        p.answer_reasons_html = *html;
    }
    if (!errors.empty()) return core::Error::invalid("Check the answer", errors);
    p.status = in.status;
    p.answer_reasons = in.reasons;
    p.answered_by_name = who.name;
    p.answered_by_organisation = organisation;
    p.answered_at = core::now_utc();
    proposal_store::save_answer(c, p);
    auto answer_json = [](const Proposal& x) {
      return core::audit::to_text({{"slug", x.slug},
                                   {"title", x.title},
                                   {"status", x.status},
                                   {"answer_reasons", x.answer_reasons},
                                   {"answer_initiative_id", x.answer_initiative_id},
                                   {"answered_by_organisation", x.answered_by_organisation}});
    };
    core::audit::record(c, core::audit::Actor::from(who, organisation_id, request_id),
                        {"answer", "proposal", std::to_string(p.id), answer_json(before), answer_json(p)});
    core::notifications::Notice n{"proposal", p.id, "proposal-answered",
                                  "Official answer to \"" + p.title + "\": " + status_label(p.status),
                                  "/proposals/" + p.slug};
    n.recipients = proposal_store::supporter_ids(c, p.id);
    if (p.author_user_id) n.recipients.push_back(p.author_user_id);
    n.actor_user_id = who.user_id;
    if (p.ambition_id) n.tags.push_back("ambition:" + std::to_string(p.ambition_id));
    core::notifications::publish(c, n);
    return p;
  });
}

// --- Public functions (engagement.hpp) ------------------------------------------------------

core::Status set_support_threshold(core::Database& db, const core::audit::Actor& actor, std::int64_t threshold) {
  if (threshold < 1 || threshold > kMaxSupportThreshold)
    return core::Error::invalid("The threshold must be a whole number from 1 to " +
                                std::to_string(kMaxSupportThreshold));
  return core::transact<core::Unit>(db, kSameProposal, [&](core::Connection& c) -> core::Status {
    auto place = places::try_current_place(c);
    if (!place) return core::Error::conflict("Import a place first.");
    auto before = proposal_store::threshold(c, place->id);
    proposal_store::set_threshold(c, place->id, threshold);
    core::audit::record(c, actor,
                        {"update", "proposal_settings", std::to_string(place->id),
                         core::audit::to_text({{"support_threshold", before}}),
                         core::audit::to_text({{"support_threshold", threshold}})});
    return core::Unit{};
  });
}

void redact_proposal_author(core::Connection& c, std::int64_t user_id) {
  proposal_store::redact_author(c, user_id);
}

void remove_proposals_of(core::Connection& c, std::int64_t user_id) {
  for (auto id : proposal_store::delete_by_author(c, user_id)) core::search::remove(c, "proposal", id);
}

core::Result<int> seed_example_proposals(core::Database& db) {
  struct Example {
    const char *slug, *title, *body, *ambition, *area;
  };
  // Labelled examples (is_example): ideas of the kind residents of Essex might post.
  static const Example kExamples[] = {
      {"example-community-fridges-in-every-library", "Example: community fridges in every library",
       "*This is an example proposal.*\n\nPut a community fridge in each library so surplus food from shops and "
       "allotments reaches people who need it, run with local volunteers.",
       "strengthen-communities-through-participation", "E07000071"},
      {"example-walking-buses-for-primary-schools", "Example: walking buses for primary schools",
       "*This is an example proposal.*\n\nVolunteer-led walking buses on set routes to primary schools, so more "
       "children walk to school safely and fewer cars queue at the gates.",
       "provide-an-equal-start-for-every-child", "E07000070"},
      {"example-repair-cafes-in-market-towns", "Example: repair cafés in market towns",
       "*This is an example proposal.*\n\nA monthly repair café in each market town: volunteers fix bikes, "
       "clothes and small appliances and teach others how.",
       "develop-our-county-sustainably", ""},
  };
  auto conn = db.acquire();
  auto place = places::try_current_place(*conn);
  if (!place) return 0;
  auto ambitions = places::list_ambitions(*conn, place->id);
  int created = 0;
  for (const auto& e : kExamples) {
    if (proposal_store::example_exists(*conn, e.slug)) continue;
    ProposalInput in{e.title, e.body, "", e.area, e.slug};
    for (const auto& a : ambitions)
      if (a.slug == e.ambition) in.ambition = a.slug;
    if (!places::try_find_area(*conn, place->id, in.area)) in.area.clear();
    auto r = core::transact<Proposal>(*conn, kSameProposal, [&]() -> core::Result<Proposal> {
      auto p = create_proposal_in(*conn, core::audit::Actor{}, 0, "Example resident", in, true);
      return p;
    });
    if (!r) return r.error();
    ++created;
  }
  return created;
}

core::Result<GeneratedProposals> generate_proposals(core::Database& db, int count, int supports, std::uint32_t seed) {
  GeneratedProposals out;
  auto conn = db.acquire();
  auto place = places::try_current_place(*conn);
  if (!place) return core::Error::conflict("Import a place first.");
  auto ambitions = places::list_ambitions(*conn, place->id);
  auto areas = places::list_areas(*conn, place->id);
  std::mt19937 rng(seed);
  static const char* const kStatuses[] = {
      "open", "open", "open", "awaiting", "accepted", "considering", "not-taken-forward", "already-happening"};
  // Proposals in batches of 500 a transaction, written by the store directly (the generator
  // is a benchmark fixture: no audit record, search entry or notification per row).
  const int batch = 500;
  for (int done = 0; done < count;) {
    core::Transaction tx(*conn);
    for (int i = 0; i < batch && done < count; ++i, ++done) {
      Proposal p;
      p.place_id = place->id;
      p.title = "Generated proposal " + std::to_string(done + 1);
      p.slug = "generated-" + std::to_string(seed) + "-" + std::to_string(done + 1);
      p.body = "A generated proposal for the benchmark.";
      p.body_html = "<p>A generated proposal for the benchmark.</p>\n";
      if (!ambitions.empty()) p.ambition_id = ambitions[rng() % ambitions.size()].id;
      if (!areas.empty()) p.area_code = areas[rng() % areas.size()].code;
      p.created_at = core::now_utc();
      p.id = proposal_store::insert(*conn, p);
      const std::int64_t n = std::int64_t(rng() % 1000);
      p.status = kStatuses[rng() % 8];
      proposal_store::set_generated(*conn, p.id, n, p.status);
      if (out.first_id == 0) out.first_id = p.id;
      out.last_id = p.id;
    }
    tx.commit();
  }
  out.proposals = count;
  // Supports: each through the real service, one committed transaction each (audit record
  // included), by distinct people, timed.
  if (supports > 0 && out.first_id) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < supports; ++i) {
      core::Principal who;
      who.user_id = 1000000 + i;
      who.name = "Bench person";
      who.roles = {core::Role::resident};
      auto id = out.first_id + std::int64_t(rng() % std::uint32_t(out.last_id - out.first_id + 1));
      auto r = support_proposal(db, who, "bench", id);
      if (!r) return r.error();
    }
    out.supports = supports;
    out.support_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return out;
}

}  // namespace goldthread::engagement
