// The social contract (per ambition, who has committed to what, by side: counts and the
// latest updates) as a page of its own and as a section of each ambition page; an
// organisation's open commitments; the signed-in person's commitments on their account page.
#include <nlohmann/json.hpp>

#include "core/page.hpp"
#include "pledges/commitment_internal.hpp"
#include "pledges/pledge_handlers.hpp"

namespace goldthread::pledges {
using core::Response;
using nlohmann::json;

namespace {

constexpr int kPerSide = 3;

// The model of each ambition's contract: sides in their order (the four sides always, "other"
// only when it has pledges), each with counts and its newest pledges.
json contract_model(core::Context& ctx, core::Connection& c, const std::vector<places::Ambition>& list,
                    std::int64_t only_ambition) {
  const auto today = today_utc();
  auto index = ambition_index(ctx, c);
  auto counts = store::contract_counts(c, only_ambition);
  auto newest = store::contract_pledges(c, only_ambition, kPerSide);
  std::vector<Commitment> cs;
  for (const auto& [a, p] : newest) cs.push_back(p.commitment);
  fill_organisation_names(c, cs);
  json items = json::array();
  for (std::size_t i = 0; i < newest.size(); ++i) {
    auto p = newest[i].second;
    p.commitment = cs[i];
    items.push_back(pledge_json(p, index, today));
  }
  attach_latest_updates(c, items);
  json out = json::array();
  for (const auto& a : list) {
    json sides = json::array();
    std::int64_t total = 0;
    for (const auto& [code, label] : pledges::sides()) {
      std::int64_t n = 0, done = 0;
      for (const auto& k : counts)
        if (k.ambition_id == a.id && k.side == code) n = k.total, done = k.complete;
      if (code == "other" && n == 0) continue;
      json shown = json::array();
      for (std::size_t i = 0; i < newest.size(); ++i)
        if (newest[i].first == a.id && newest[i].second.commitment.side == code) shown.push_back(items[i]);
      total += n;
      sides.push_back({{"code", code},
                       {"label", label},
                       {"total", n},
                       {"complete", done},
                       {"count_label", std::to_string(n) + (n == 1 ? " pledge" : " pledges") +
                                           (done ? ", " + std::to_string(done) + " complete" : "")},
                       {"pledges", shown},
                       {"has_pledges", n > 0},
                       {"more", n > static_cast<std::int64_t>(shown.size())}});
    }
    out.push_back({{"ambition", {{"id", a.id}, {"title", a.title}, {"href", "/ambitions/" + a.slug}}},
                   {"register_href", "/pledges?ambition=" + a.slug},
                   {"total", total},
                   {"sides", sides},
                   {"nothing", total == 0}});
  }
  return out;
}

json commitment_list(core::Connection& c, const std::vector<Commitment>& list) {
  const auto today = today_utc();
  json items = json::array();
  for (const auto& m : list) items.push_back(commitment_json(m, today));
  attach_latest_updates(c, items);
  return items;
}

}  // namespace

Response social_contract_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  std::vector<places::Ambition> list;
  if (const auto& place = places::current_place(ctx, *conn)) list = places::list_ambitions(*conn, place->id);
  json model = {{"ambitions", contract_model(ctx, *conn, list, 0)}, {"signed_in", ctx.principal.signed_in()}};
  drop_screen_state(ctx, model);
  return core::render_page(ctx, "pledges/social_contract", "The social contract", model, 200, {{"Home", "/"}});
}

std::optional<core::Section> ambition_contract_section(core::Context& ctx, const places::Ambition& ambition) {
  auto conn = ctx.db().acquire();
  auto model = contract_model(ctx, *conn, {ambition}, ambition.id);
  drop_screen_state(ctx, model);
  return core::make_section("social-contract", "Who has committed to this ambition", "pledges/ambition_section",
                            model.at(0));
}

std::optional<core::Section> organisation_commitments_section(core::Context& ctx, const partners::Organisation& o) {
  auto conn = ctx.db().acquire();
  auto items = commitment_list(*conn, open_commitments_of_organisation(*conn, o.id));
  json model = {{"commitments", items},
                {"has_commitments", !items.empty()},
                {"register_href", "/pledges?organisation=" + o.slug}};
  drop_screen_state(ctx, model);
  return core::make_section("commitments", "Open commitments", "pledges/organisation_section", model);
}

std::optional<core::Section> account_commitments_section(core::Context& ctx, const core::Principal& who) {
  if (!who.signed_in()) return std::nullopt;
  auto conn = ctx.db().acquire();
  auto items = commitment_list(*conn, commitments_of_user(*conn, who.user_id));
  json model = {{"commitments", items}, {"has_commitments", !items.empty()}};
  drop_screen_state(ctx, model);
  return core::make_section("commitments", "Your pledges and commitments", "pledges/account_section", model);
}

}  // namespace goldthread::pledges
