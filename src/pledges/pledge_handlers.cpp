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
#include "pledges/pledge_store.hpp"
#include "pledges/pledge_views.hpp"
#include "work/work.hpp"

namespace goldthread::pledges {
using core::Response;
using nlohmann::json;

namespace {

constexpr int kPerPage = 20;

json saved_banner(const core::Context& ctx) {
  auto saved = ctx.query("saved").value_or("");
  if (saved == "created") return "Pledge made";
  if (saved == "progress") return "Progress update added";
  if (ctx.query("followed")) return "You are following this pledge: its progress updates reach your notifications";
  if (ctx.query("unfollowed")) return "You have stopped following this pledge";
  return nullptr;
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params)
    if (!v.empty()) out += (out.empty() ? "?" : "&") + k + "=" + core::url_encode(v);
  return out;
}

json options(const std::vector<std::pair<std::string, std::string>>& list, const std::string& selected) {
  json out = json::array();
  for (const auto& [v, t] : list) out.push_back({{"value", v}, {"text", t}, {"selected", v == selected}});
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
  json items = json::array();
  for (std::size_t i = 0; i < page.pledges.size(); ++i) {
    auto p = page.pledges[i];
    p.commitment = commitments[i];
    items.push_back(pledge_json(p, ambitions, today));
  }
  attach_latest_updates(*conn, items);
  attach_rooms(*conn, items);
  std::vector<std::pair<std::string, std::string>> ambition_list, org_list, sector_list = {{"resident", "Residents"}};
  for (const auto& [id, a] : ambitions) ambition_list.push_back({a.slug, a.title});
  for (const auto& o : partners::organisations_by_id(*conn, store::pledging_organisations(*conn)))
    org_list.push_back({o.slug, o.name});
  std::sort(org_list.begin(), org_list.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  for (const auto& s : partners::sectors()) sector_list.push_back(s);
  std::vector<std::pair<std::string, std::string>> event_list;
  for (auto id : store::pledge_events(*conn))  // a handful: the events pledges were made at
    if (auto e = assemblies::try_find_event(*conn, id))
      event_list.push_back({e->slug, e->title + ", " + core::display_date(e->starts_at)});
  std::sort(event_list.begin(), event_list.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  std::vector<std::pair<std::string, std::string>> room_list;  // the chosen event's rooms
  if (q.filter.event_id)
    for (const auto& r : assemblies::rooms_of(*conn, q.filter.event_id)) room_list.push_back({r.slug, r.title});
  json model = {{"pledges", items},
                {"has_pledges", !items.empty()},
                {"total", page.total},
                {"total_label", std::to_string(page.total) + (page.total == 1 ? " pledge" : " pledges")},
                {"filters",
                 {{"ambition", q.ambition},
                  {"organisation", q.organisation},
                  {"sector", q.sector},
                  {"status", q.status},
                  {"event", q.event},
                  {"room", q.room}}},
                {"filtered", !q.query.empty()},
                {"ambition_options", options(ambition_list, q.ambition)},
                {"organisation_options", options(org_list, q.organisation)},
                {"sector_options", options(sector_list, q.sector)},
                {"status_options", options(completion_scale(), q.status)},
                {"event_options", options(event_list, q.event)},
                {"has_event_options", !event_list.empty()},
                {"room_options", options(room_list, q.room)},
                {"has_room_options", !room_list.empty()},
                {"csv_href", "/pledges.csv" + q.query},
                {"json_href", "/pledges.json" + q.query},
                {"signed_in", ctx.principal.signed_in()},
                {"pagination", core::pagination("/pledges" + q.query, q.filter.page, kPerPage, page.total)}};
  drop_screen_state(ctx, model);
  std::string title = "Pledges";
  if (q.filter.page > 1) title += " (page " + std::to_string(q.filter.page) + ")";
  return core::render_page(ctx, "pledges/register", title, model, 200, {{"Home", "/"}});
}

Response pledge_page(core::Context& ctx) {
  auto id = ctx.int_param("id");
  auto conn = ctx.db().acquire();
  auto p = id ? try_find_pledge(*conn, *id) : std::nullopt;
  if (!p) return core::error_page(ctx, 404, "Page not found", "There is no pledge at this address.");
  const auto today = today_utc();
  auto one = json::array({pledge_json(*p, ambition_index(ctx, *conn), today)});
  attach_rooms(*conn, one);  // room: {id, title, href} or null (issue 11.5)
  auto j = std::move(one[0]);
  json initiative = nullptr;
  if (p->initiative_id)
    if (auto i = work::try_find_initiative_by_id(*conn, p->initiative_id))
      initiative = {{"title", i->title}, {"href", "/initiatives/" + i->slug}};
  json event = nullptr;
  if (p->event_id)
    if (auto e = assemblies::try_find_event(*conn, p->event_id))
      event = {{"title", e->title},
               {"href", "/events/" + e->slug},
               {"starts_at", e->starts_at},
               {"date_label", core::display_date(e->starts_at)}};
  json history = json::array();
  auto updates = progress_of(*conn, p->commitment.id);
  for (auto it = updates.rbegin(); it != updates.rend(); ++it) history.push_back(update_json(*it));
  json evidence = nullptr;
  for (auto it = updates.rbegin(); it != updates.rend(); ++it)
    if (it->status == "complete" && !it->evidence_text.empty()) {
      evidence = {
          {"text", it->evidence_text}, {"url", opt(it->evidence_url)}, {"date_label", long_date(it->created_at)}};
      break;
    }
  json model = {{"pledge", j},
                {"initiative", initiative},
                {"event", event},
                {"history", history},
                {"has_history", !history.empty()},
                {"evidence", evidence},
                {"can_update", can_update_commitment(ctx.principal, p->commitment)},
                {"update_href", p->commitment.href + "/progress"},
                {"banner", saved_banner(ctx)}};
  drop_screen_state(ctx, model);
  if (!ctx.wants_json())  // the follow button is screen state, not part of the pledge resource
    model["follow"] = {
        {"type", "pledge"},
        {"id", p->commitment.id},
        {"noun", "pledge"},
        {"return_to", p->commitment.href},
        {"signed_in", ctx.principal.signed_in()},
        {"following", ctx.principal.signed_in() &&
                          core::follows::is_following(*conn, "pledge", p->commitment.id, ctx.principal.user_id)}};
  if (!ctx.wants_json()) model["comments"] = core::comments::thread(ctx, *conn, "pledge", *id);
  return core::render_page(ctx, "pledges/pledge", "Pledge by " + p->commitment.owner_name, model, 200,
                           {{"Home", "/"}, {"Pledges", "/pledges"}});
}

}  // namespace goldthread::pledges
