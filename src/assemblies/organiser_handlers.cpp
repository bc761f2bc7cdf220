// For an event's organisers: the attendee list (and its CSV), counts per organisation, and a
// check-in page that works on a phone.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <variant>

#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_handlers.hpp"
#include "assemblies/event_time.hpp"
#include "assemblies/event_views.hpp"
#include "assemblies/organiser_views.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::assemblies {
using core::Response;

namespace {

constexpr std::size_t kMaxSearch = 100;

// The event at {slug} when the visitor organises it; else the page to send.
std::variant<Event, Response> organised(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto e = try_find_event_by_slug(*conn, ctx.param("slug"));
  if (!e) return core::error_page(ctx, 404, "Page not found", "There is no event at this address.");
  if (!may_organise(ctx.principal, *e))
    return core::error_page(ctx, 403, "You do not have permission", "Only the event's organisers can see this.");
  return *e;
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// One CSV field: quoted when needed; a leading = + - @ is neutralised so a spreadsheet does
// not run it as a formula.
std::string csv_field(std::string v) {
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

}  // namespace

Response attendees_page(core::Context& ctx) {
  auto o = organised(ctx);
  if (auto* res = std::get_if<Response>(&o)) return std::move(*res);
  const auto& e = std::get<Event>(o);
  AttendeesView v;
  v.event = e;
  {
    auto conn = ctx.db().acquire();
    v.registrations = attendees(*conn, e.id);
    v.counts = counts(*conn, e.id, now_text());
  }
  return core::render_page(ctx, {.template_name = "assemblies/attendees",
                                 .title = "Attendees: " + e.title,
                                 .crumbs = {{"Home", "/"}, {"Events", "/events"}, {e.title, "/events/" + e.slug}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
}

Response attendees_csv(core::Context& ctx) {
  auto o = organised(ctx);
  if (auto* res = std::get_if<Response>(&o)) return std::move(*res);
  const auto& e = std::get<Event>(o);
  auto conn = ctx.db().acquire();
  std::string out = "name,organisation,status,position,access_needs,dietary_needs,attended_at\r\n";
  for (const auto& r : attendees(*conn, e.id)) {
    if (r.status != "confirmed" && r.status != "waiting" && r.status != "offered") continue;
    for (const auto& v :
         {r.person_name, r.organisation_name, r.status, std::to_string(r.position), r.access_needs, r.dietary_needs})
      out += csv_field(v) + ",";
    out += csv_field(r.attended_at) + "\r\n";
  }
  auto res = Response::text(out, 200, "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"" + e.slug + "-attendees.csv\"");
  return res;
}

Response check_in_page(core::Context& ctx) {
  auto o = organised(ctx);
  if (auto* res = std::get_if<Response>(&o)) return std::move(*res);
  const auto& e = std::get<Event>(o);
  auto q = core::trim(ctx.query("q").value_or(""));
  if (q.size() > kMaxSearch) q.resize(kMaxSearch);
  CheckInView v;
  v.event = e;
  v.q = q;
  auto done = core::parse_id(ctx.query("done").value_or("")).value_or(0);
  {
    auto conn = ctx.db().acquire();
    for (const auto& r : attendees(*conn, e.id)) {
      if (r.status != "confirmed") continue;
      if (r.id == done && !r.attended_at.empty()) v.checked_in = r.person_name;
      ++v.total;
      if (!r.attended_at.empty()) ++v.attended;
      if (!q.empty() && lower(r.person_name).find(lower(q)) == std::string::npos) continue;
      v.people.push_back(r);
    }
  }
  return core::render_page(ctx, {.template_name = "assemblies/check_in",
                                 .title = "Check in: " + e.title,
                                 .crumbs = {{"Events", "/events"}, {e.title, "/events/" + e.slug}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
}

Response check_in_handler(core::Context& ctx) {
  auto o = organised(ctx);
  if (auto* res = std::get_if<Response>(&o)) return std::move(*res);
  const auto& e = std::get<Event>(o);
  core::Form f(ctx);
  auto id = f.id("registration_id", "Select the person to check in");
  auto q = f.text("q", "Search", kMaxSearch);
  if (id == 0 && f.ok()) f.error("registration_id", "Select the person to check in");
  if (!f.ok()) return core::error_response(ctx, f.invalid("Select the person to check in"));
  auto r = mark_attended(ctx.db(), ctx.principal, origin_of(ctx), e.id, id);
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json())
    return core::resource_response([&](nlohmann::json& j) { to_json(j, CheckedIn{r->id, r->attended_at}); });
  return Response::redirect("/events/" + e.slug + "/check-in?q=" + core::url_encode(q) +
                            "&done=" + std::to_string(r->id));
}

}  // namespace goldthread::assemblies
