// The services behind the work capability's forms. Each owns its transaction
// (core::transact), validates once, writes and audits; the handlers render whatever comes
// back after the transaction has ended (docs/ARCHITECTURE.md, "Services own transactions").
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

core::Result<Initiative> save_new_initiative(core::Database& db, const core::audit::Actor& actor, Initiative in) {
  return core::transact<Initiative>(db, kSameInitiative,
                                    [&](core::Connection& c) { return create_initiative(c, actor, std::move(in)); });
}

core::Result<Initiative> save_initiative_changes(core::Database& db, const core::audit::Actor& actor, Initiative in) {
  return core::transact<Initiative>(db, kSameInitiative,
                                    [&](core::Connection& c) { return update_initiative(c, actor, std::move(in)); });
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

}  // namespace goldthread::work
