// The services behind the work capability's forms. Each owns its transaction
// (core::transact), validates once, writes and audits; the handlers render whatever comes
// back after the transaction has ended (docs/ARCHITECTURE.md, "Services own transactions").
#include "accounts/accounts.hpp"
#include "core/mail.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "work/work.hpp"
#include "work/work_rules.hpp"
#include "work/work_store.hpp"

namespace goldthread::work {
namespace {

constexpr const char* kSameInitiative =
    "Someone else saved an initiative with this title at the same moment. Check the list of initiatives, then try "
    "again with another title.";
constexpr const char* kSameStrategy =
    "Someone else saved a strategy with this title at the same moment. Check the list of strategies and plans, then "
    "try again with another title.";

}  // namespace

core::Result<Initiative> save_new_initiative(core::Database& db, const core::audit::Actor& actor, Initiative in,
                                             const std::string& base_url) {
  return core::transact<Initiative>(
      db, kSameInitiative, [&](core::Connection& c) { return create_initiative(c, actor, std::move(in), base_url); });
}

core::Result<Initiative> save_initiative_changes(core::Database& db, const core::audit::Actor& actor, Initiative in,
                                                 const std::string& base_url) {
  return core::transact<Initiative>(
      db, kSameInitiative, [&](core::Connection& c) { return update_initiative(c, actor, std::move(in), base_url); });
}

core::Result<PartnerLink> decide_partner_claim(core::Database& db, const core::Principal& who,
                                               std::int64_t organisation_id, std::int64_t initiative_id, bool confirm) {
  if (!accounts::is_organisation_admin(who, organisation_id))
    return core::Error::forbidden("Only an administrator of the listed organisation can confirm or decline this.");
  auto actor = core::audit::Actor::from(who, organisation_id);
  return core::transact<PartnerLink>(
      db, "Someone else decided this claim at the same moment.", [&](core::Connection& c) {
        return set_claim_status(c, actor, organisation_id, initiative_id, confirm ? "confirmed" : "declined");
      });
}

core::Result<Strategy> save_strategy(core::Database& db, const core::audit::Actor& actor, Strategy in, bool creating) {
  return core::transact<Strategy>(db, kSameStrategy, [&](core::Connection& c) -> core::Result<Strategy> {
    if (creating) {
      // A title keeps its own address (which must be free); one with no Latin letters or digits
      // takes the next free "strategy-N".
      in.slug = core::slugify(in.title);
      if (in.slug.empty() && !in.title.empty())
        in.slug = core::unique_slug(in.title, "strategy", [&](const std::string& s) {
          return try_find_strategy(c, in.place_id, s).has_value();
        });
      if (!in.slug.empty() && try_find_strategy(c, in.place_id, in.slug)) {
        auto errors = validate_strategy(c, in);
        errors.insert(errors.begin(), {"title", "A strategy with this title already exists; choose another title"});
        return core::Error::invalid("Check the strategy's details", errors);
      }
    }
    return upsert_strategy(c, actor, std::move(in));
  });
}

core::Result<ConnectRequest> reply_to_connection(core::Database& db, const core::Principal& lead,
                                                 std::int64_t request_id, const std::string& message,
                                                 const std::string& base_url) {
  if (message.empty())
    return core::Error::invalid("Check your reply", {{"reply", "Enter a reply to the person who asked"}});
  if (core::utf8_length(message) > kMaxConnectMessage)
    return core::Error::invalid("Check your reply", {{"reply", "Reply must be 2,000 characters or fewer"}});
  return core::transact<ConnectRequest>(
      db, "Someone else answered this request at the same moment.",
      [&](core::Connection& c) -> core::Result<ConnectRequest> {
        auto r = store_connect_reply(c, lead, request_id, message);
        if (!r) return r;
        if (auto to = accounts::try_contact(c, r->user_id))
          core::mail::enqueue(
              c, {to->email, lead.name + " replied about " + r->initiative_title,
                  "Hello " + to->name + ",\n\n" + lead.name + " replied to your request to connect with \"" +
                      r->initiative_title + "\":\n\n" + message + "\n\nThe project: " + base_url + "/initiatives/" +
                      r->initiative_slug + "\n",
                  ""});
        return r;
      });
}

}  // namespace goldthread::work
