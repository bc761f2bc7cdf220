#pragma once
// Request in, Response out, for the pledges pages (each also answers JSON), and the sections
// the capability adds to other capabilities' pages.
#include <optional>
#include <string>
#include <variant>

#include "core/context.hpp"
#include "core/registry.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "pledges/pledge_store.hpp"
#include "pledges/pledge_views.hpp"

namespace goldthread::pledges {

// The register's filters from the query string (?ambition=slug&organisation=slug&sector=code
// &status=code&page=N; sector "resident" = pledges made without an organisation).
struct RegisterQuery {
  std::string ambition, organisation, sector, status, event;  // event: an event slug (issue 11.7)
  std::string room;                                           // a room slug of that event (issue 11.5)
  store::RegisterFilter filter;
  std::string query;  // the filters again as "?a=b&c=d" ("" for none), for links
};
std::variant<RegisterQuery, core::Error> read_register_query(core::Context& ctx, core::Connection& c,
                                                             const AmbitionIndex& ambitions);

core::Response register_page(core::Context& ctx);
core::Response pledge_page(core::Context& ctx);
core::Response new_pledge_page(core::Context& ctx);
core::Response make_pledge_handler(core::Context& ctx);
core::Response progress_page(core::Context& ctx);
core::Response progress_handler(core::Context& ctx);
core::Response register_csv(core::Context& ctx);
core::Response register_json(core::Context& ctx);
core::Response social_contract_page(core::Context& ctx);

// Slot "ambition": who has committed to what for this ambition, by side.
std::optional<core::Section> ambition_contract_section(core::Context& ctx, const places::Ambition& ambition);
// Slot "organisation": its open commitments.
std::optional<core::Section> organisation_commitments_section(core::Context& ctx, const partners::Organisation& o);
// Slot "account": the signed-in person's commitments with due dates and staleness.
std::optional<core::Section> account_commitments_section(core::Context& ctx, const core::Principal& who);

}  // namespace goldthread::pledges
