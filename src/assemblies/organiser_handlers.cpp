// For an event's organisers: the attendee list (and its CSV), counts per organisation, and a
// check-in page that works on a phone.
#include <map>
#include <nlohmann/json.hpp>
#include <variant>

#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_handlers.hpp"
#include "assemblies/event_time.hpp"
#include "assemblies/event_views.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::assemblies {
using core::Response;
using nlohmann::json;

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

std::string attended_label(const std::string& at) {
  return at.empty() ? "" : twelve_hour(london(at).time);
}

}  // namespace

Response attendees_page(core::Context& ctx) {
  auto o = organised(ctx);
  if (auto* res = std::get_if<Response>(&o)) return std::move(*res);
  const auto& e = std::get<Event>(o);
  auto conn = ctx.db().acquire();
  json people = json::array(), waiting = json::array();
  std::map<std::string, std::int64_t> per_org;
  for (const auto& r : attendees(*conn, e.id)) {
    json row = {{"id", r.id},
                {"name", r.person_name},
                {"organisation", opt(r.organisation_name)},
                {"status", r.status},
                {"position", r.position},
                {"access_needs", opt(r.access_needs)},
                {"dietary_needs", opt(r.dietary_needs)},
                {"attended", !r.attended_at.empty()},
                {"attended_at", opt(r.attended_at)}};
    if (r.status == "confirmed") {
      people.push_back(row);
      ++per_org[r.organisation_name.empty() ? "Individuals" : r.organisation_name];
    } else if (r.status == "waiting" || r.status == "offered") {
      waiting.push_back(row);
    }
  }
  json orgs = json::array();
  for (const auto& [name, n] : per_org) orgs.push_back({{"name", name}, {"count", n}});
  auto c = counts(*conn, e.id, now_text());
  json model = {{"event", event_summary(e)},
                {"attendees", people},
                {"has_attendees", !people.empty()},
                {"waiting", waiting},
                {"has_waiting", !waiting.empty()},
                {"per_organisation", orgs},
                {"counts",
                 {{"confirmed", c.confirmed},
                  {"waiting", c.waiting},
                  {"offered", c.offered},
                  {"attended", c.attended},
                  {"capacity", e.capacity}}},
                {"places_text", core::count_of(e.capacity, "place")},
                {"csv_href", "/events/" + e.slug + "/attendees.csv"},
                {"check_in_href", "/events/" + e.slug + "/check-in"}};
  return core::render_page(ctx, "assemblies/attendees", "Attendees: " + e.title, model, 200,
                           {{"Home", "/"}, {"Events", "/events"}, {e.title, "/events/" + e.slug}});
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
  auto conn = ctx.db().acquire();
  json people = json::array(), banner = nullptr;
  std::int64_t total = 0, attended = 0;
  auto done = core::parse_id(ctx.query("done").value_or("")).value_or(0);
  for (const auto& r : attendees(*conn, e.id)) {
    if (r.status != "confirmed") continue;
    if (r.id == done && !r.attended_at.empty()) banner = r.person_name + " is checked in";
    ++total;
    if (!r.attended_at.empty()) ++attended;
    if (!q.empty() && lower(r.person_name).find(lower(q)) == std::string::npos) continue;
    people.push_back({{"id", r.id},
                      {"name", r.person_name},
                      {"organisation", opt(r.organisation_name)},
                      {"attended", !r.attended_at.empty()},
                      {"attended_at", opt(r.attended_at)},
                      {"attended_label", opt(attended_label(r.attended_at))}});
  }
  json model = {{"event", event_summary(e)},
                {"q", q},
                {"people", people},
                {"has_people", !people.empty()},
                {"total", total},
                {"attended", attended},
                {"action", "/events/" + e.slug + "/check-in"},
                {"banner", banner}};
  return core::render_page(ctx, "assemblies/check_in", "Check in: " + e.title, model, 200,
                           {{"Events", "/events"}, {e.title, "/events/" + e.slug}});
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
  if (ctx.wants_json()) return Response::json(json{{"id", r->id}, {"attended_at", r->attended_at}}.dump());
  return Response::redirect("/events/" + e.slug + "/check-in?q=" + core::url_encode(q) +
                            "&done=" + std::to_string(r->id));
}

}  // namespace goldthread::assemblies
