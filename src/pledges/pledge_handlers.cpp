// The public pledge register (filters, pagination) and a pledge's own page with its
// append-only history. Both answer JSON on the same URL.
#include "pledges/pledge_handlers.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "assemblies/assemblies.hpp"
#include "core/comments.hpp"
#include "core/follows.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "pledges/commitment_internal.hpp"
#include "pledges/pledge_page_views.hpp"
#include "pledges/pledge_store.hpp"
#include "pledges/pledge_views.hpp"
#include "work/work.hpp"

namespace goldthread::pledges {
using core::Response;
using nlohmann::json;

namespace {

constexpr int kPerPage = 20;

std::string saved_banner(const core::Context& ctx) {
  auto saved = ctx.query("saved").value_or("");
  if (saved == "created") return "Pledge made";
  if (saved == "progress") return "Progress update added";
  if (ctx.query("followed")) return "You are following this pledge: its progress updates reach your notifications";
  if (ctx.query("unfollowed")) return "You have stopped following this pledge";
  return "";
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params)
    if (!v.empty()) out += (out.empty() ? "?" : "&") + k + "=" + core::url_encode(v);
  return out;
}

}  // namespace

std::variant<RegisterQuery, core::Error> read_register_query(core::Context& ctx, core::Connection& c,
                                                             const AmbitionIndex& ambitions) {
  RegisterQuery q;
  q.ambition = ctx.query("ambition").value_or("");
  q.organisation = ctx.query("organisation").value_or("");
  q.sector = ctx.query("sector").value_or("");
  q.status = ctx.query("status").value_or("");
  q.event = ctx.query("event").value_or("");
  q.room = ctx.query("room").value_or("");
  q.filter.page = core::page_param(ctx);
  q.filter.per_page = kPerPage;
  std::vector<core::FieldError> errors;
  if (!q.ambition.empty()) {
    auto it =
        std::find_if(ambitions.begin(), ambitions.end(), [&](const auto& a) { return a.second.slug == q.ambition; });
    if (it == ambitions.end())
      errors.push_back({"ambition", "Select an ambition from the list"});
    else
      q.filter.ambition_id = it->first;
  }
  if (!q.organisation.empty()) {
    auto o = q.organisation.size() <= 200 ? partners::try_find_organisation_by_slug(c, q.organisation) : std::nullopt;
    if (!o)
      errors.push_back({"organisation", "Select an organisation from the list"});
    else
      q.filter.organisation_id = o->id;
  }
  if (q.sector == "resident")
    q.filter.side = "residents";
  else if (!q.sector.empty() && !partners::is_sector(q.sector))
    errors.push_back({"sector", "Select a sector from the list"});
  else
    q.filter.sector = q.sector;
  if (!q.status.empty() && !is_completion(q.status)) errors.push_back({"status", "Select a status from the list"});
  q.filter.status = q.status;
  if (!q.event.empty()) {
    auto e = q.event.size() <= 200 ? assemblies::try_find_event_by_slug(c, q.event) : std::nullopt;
    if (!e)
      errors.push_back({"event", "Select an event from the list"});
    else
      q.filter.event_id = e->id;
  }
  if (!q.room.empty()) {  // a room's slug is its event's: the room filter needs the event's
    auto r = q.filter.event_id && q.room.size() <= 200 ? assemblies::try_find_room(c, q.filter.event_id, q.room)
                                                       : std::nullopt;
    if (!r)
      errors.push_back({"room", "Select a solution room of the event from the list"});
    else
      q.filter.room_id = r->id;
  }
  if (!errors.empty()) return core::Error::invalid("Check the filters", errors);
  q.query = query_string({{"ambition", q.ambition},
                          {"organisation", q.organisation},
                          {"sector", q.sector},
                          {"status", q.status},
                          {"event", q.event},
                          {"room", q.room}});
  return q;
}

Response register_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto ambitions = ambition_index(ctx, *conn);
  auto read = read_register_query(ctx, *conn, ambitions);
  if (auto* e = std::get_if<core::Error>(&read)) return core::error_response(ctx, *e);
  const auto& q = std::get<RegisterQuery>(read);
  const auto today = today_utc();
  auto page = store::find_pledges(*conn, q.filter);
  std::vector<Commitment> commitments;
  for (const auto& p : page.pledges) commitments.push_back(p.commitment);
  fill_organisation_names(*conn, commitments);
  RegisterView v{.total = page.total, .query = q, .signed_in = ctx.principal.signed_in(), .per_page = kPerPage};
  for (std::size_t i = 0; i < page.pledges.size(); ++i) {
    auto p = page.pledges[i];
    p.commitment = commitments[i];
    v.pledges.push_back(pledge_json(p, ambitions, today));
  }
  attach_latest_updates(*conn, v.pledges);
  attach_rooms(*conn, v.pledges);
  auto& org_list = v.organisations;
  v.sectors = {{"resident", "Residents"}};
  for (const auto& [id, a] : ambitions) v.ambitions.push_back({a.slug, a.title});
  for (const auto& o : partners::organisations_by_id(*conn, store::pledging_organisations(*conn)))
    org_list.push_back({o.slug, o.name});
  std::sort(org_list.begin(), org_list.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  for (const auto& s : partners::sectors()) v.sectors.push_back(s);
  auto& event_list = v.events;
  for (auto id : store::pledge_events(*conn))  // a handful: the events pledges were made at
    if (auto e = assemblies::try_find_event(*conn, id))
      event_list.push_back({e->slug, e->title + ", " + core::display_date(e->starts_at)});
  std::sort(event_list.begin(), event_list.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  if (q.filter.event_id)  // the chosen event's rooms
    for (const auto& r : assemblies::rooms_of(*conn, q.filter.event_id)) v.rooms.push_back({r.slug, r.title});
  std::string title = "Pledges";
  if (q.filter.page > 1) title += " (page " + std::to_string(q.filter.page) + ")";
  return core::render_page(ctx, {.template_name = "pledges/register",
                                 .title = title,
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](json& j) { to_json(j, v); },
                                 .screen = [&](json& j) { screen_json(j, v); }});
}

Response pledge_page(core::Context& ctx) {
  auto id = ctx.int_param("id");
  auto conn = ctx.db().acquire();
  auto p = id ? try_find_pledge(*conn, *id) : std::nullopt;
  if (!p) return core::error_page(ctx, 404, "Page not found", "There is no pledge at this address.");
  const auto today = today_utc();
  json items;  // attach_rooms takes a list
  items.push_back(pledge_json(*p, ambition_index(ctx, *conn), today));
  attach_rooms(*conn, items);  // room: {id, title, href} or null (issue 11.5)
  PledgePageView v{.pledge = std::move(items[0]), .href = p->commitment.href};
  if (p->initiative_id)
    if (auto i = work::try_find_initiative_by_id(*conn, p->initiative_id))
      v.initiative = PledgeLink{i->title, "/initiatives/" + i->slug};
  if (p->event_id)
    if (auto e = assemblies::try_find_event(*conn, p->event_id))
      v.event = PledgeEventLink{e->title, "/events/" + e->slug, e->starts_at};
  v.updates = progress_of(*conn, p->commitment.id);
  v.may_update = can_update_commitment(ctx.principal, p->commitment);
  auto screen = [&](json& model) {
    PledgeScreen s{saved_banner(ctx), ctx.principal.signed_in(), false};
    s.following = s.signed_in && core::follows::is_following(*conn, "pledge", p->commitment.id, ctx.principal.user_id);
    screen_json(model, v, s);
    model["comments"] = core::comments::thread(ctx, *conn, "pledge", *id);
  };
  return core::render_page(ctx, {.template_name = "pledges/pledge",
                                 .title = "Pledge by " + p->commitment.owner_name,
                                 .crumbs = {{"Home", "/"}, {"Pledges", "/pledges"}},
                                 .resource = [&](json& j) { to_json(j, v); },
                                 .screen = screen});
}

}  // namespace goldthread::pledges
