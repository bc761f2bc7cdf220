// Creating and editing an event (place admins, and partner members for their organisations).
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_handlers.hpp"
#include "assemblies/event_time.hpp"
#include "assemblies/event_views.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::assemblies {
using core::Response;
using nlohmann::json;

namespace {

EventInput from_form(core::Form& f) {
  EventInput in;
  in.kind = f.text("kind", "Kind of event", 20);
  in.title = f.text("title", "Title", kMaxTitle);
  in.summary = f.paragraph("summary", "Summary", kMaxSummary);
  in.series = f.text("series", "Series", kMaxSeries);
  in.date = f.date("date", "Date");
  in.start_time = f.text("start_time", "Start time", 5);
  in.end_time = f.text("end_time", "End time", 5);
  in.venue_name = f.text("venue_name", "Venue", kMaxVenue);
  in.venue_address = f.paragraph("venue_address", "Address", kMaxAddress);
  in.accessibility = f.paragraph("accessibility", "Accessibility information", kMaxAccessibility);
  in.online_url = f.text("online_url", "Online link", kMaxUrl);
  in.capacity = f.number("capacity", "Number of places", 1, kMaxCapacity).value_or(0);
  in.registration_opens = f.date("registration_opens", "Registration opens");
  in.registration_closes = f.date("registration_closes", "Registration closes");
  in.ambitions = f.values("ambitions", "Ambitions", 50, 120);
  for (const auto& v : f.values("organiser_ids", "Organising organisations", kMaxOrganisers, 18)) {
    if (auto id = core::parse_id(v))
      in.organiser_ids.push_back(*id);
    else
      f.error("organiser_ids", "Select organising organisations from the list");
  }
  in.agenda = f.lines("agenda", "Agenda", kMaxAgendaLines, kMaxAgendaLine);
  in.outcome_summary = f.paragraph("outcome_summary", "Summary of the event", kMaxOutcome);
  in.is_example = f.flag("is_example");
  return in;
}

EventInput input_of(const Event& e) {
  EventInput in;
  in.kind = e.kind;
  in.title = e.title;
  in.summary = e.summary;
  in.series = e.series;
  auto s = london(e.starts_at), f = london(e.ends_at);
  in.date = s.date;
  in.start_time = s.time;
  in.end_time = f.time;
  in.venue_name = e.venue_name;
  in.venue_address = e.venue_address;
  in.accessibility = e.accessibility;
  in.online_url = e.online_url;
  in.capacity = e.capacity;
  if (!e.registration_opens_at.empty()) in.registration_opens = london(e.registration_opens_at).date;
  if (!e.registration_closes_at.empty()) in.registration_closes = london(e.registration_closes_at).date;
  in.outcome_summary = e.outcome_summary;
  in.is_example = e.is_example;
  in.organiser_ids = e.organiser_ids;
  for (const auto& a : e.agenda)
    in.agenda.push_back(a.time + " | " + a.title + (a.speakers.empty() && a.link.empty() ? "" : " | " + a.speakers) +
                        (a.link.empty() ? "" : " | " + a.link));
  return in;
}

json date_parts(const std::string& iso) {
  if (iso.size() != 10) return {{"day", ""}, {"month", ""}, {"year", ""}};
  return {{"day", iso.substr(8, 2)}, {"month", iso.substr(5, 2)}, {"year", iso.substr(0, 4)}};
}

Response show_form(core::Context& ctx, core::Connection& c, const EventInput& in, const std::optional<Event>& e,
                   const core::Error* err) {
  json kinds = json::array(), ambitions = json::array(), orgs = json::array();
  for (const auto& [k, l] : event_kinds()) kinds.push_back({{"value", k}, {"text", l}, {"selected", k == in.kind}});
  if (auto place = places::try_current_place(c))
    for (const auto& a : places::list_ambitions(c, place->id)) {
      bool on = std::find(in.ambitions.begin(), in.ambitions.end(), a.slug) != in.ambitions.end();
      ambitions.push_back({{"value", a.slug}, {"text", a.title}, {"id", "ambition-" + a.slug}, {"checked", on}});
    }
  std::set<std::int64_t> choices(in.organiser_ids.begin(), in.organiser_ids.end());
  const auto& p = ctx.principal;
  if (p.has(core::Role::place_admin) || p.has(core::Role::site_admin)) {
    for (const auto& o : partners::list_organisations(c, "", 500)) choices.insert(o.id);
  } else {
    for (const auto& m : p.memberships) choices.insert(m.organisation_id);
  }
  for (const auto& o : partners::organisations_by_id(c, {choices.begin(), choices.end()}))
    orgs.push_back(
        {{"value", o.id},
         {"text", o.name},
         {"id", "organiser-" + std::to_string(o.id)},
         {"checked", std::find(in.organiser_ids.begin(), in.organiser_ids.end(), o.id) != in.organiser_ids.end()}});
  std::sort(orgs.begin(), orgs.end(), [](const json& a, const json& b) { return a["text"] < b["text"]; });
  std::string agenda;
  for (const auto& l : in.agenda) agenda += (agenda.empty() ? "" : "\n") + l;
  json model = {{"values",
                 {{"title", in.title},
                  {"summary", in.summary},
                  {"series", in.series},
                  {"date", date_parts(in.date)},
                  {"start_time", in.start_time},
                  {"end_time", in.end_time},
                  {"venue_name", in.venue_name},
                  {"venue_address", in.venue_address},
                  {"accessibility", in.accessibility},
                  {"online_url", in.online_url},
                  {"capacity", in.capacity ? std::to_string(in.capacity) : ""},
                  {"registration_opens", date_parts(in.registration_opens)},
                  {"registration_closes", date_parts(in.registration_closes)},
                  {"agenda", agenda},
                  {"outcome_summary", in.outcome_summary},
                  {"is_example", in.is_example}}},
                {"kind_options", kinds},
                {"ambition_options", ambitions},
                {"organiser_options", orgs},
                {"has_organiser_options", !orgs.empty()},
                {"is_edit", e.has_value()},
                {"action", e ? "/events/" + e->slug : "/events"},
                {"error_for", json::object()}};
  if (err) core::attach_errors(model, *err);
  std::vector<core::Crumb> crumbs = {{"Home", "/"}, {"Events", "/events"}};
  if (e) crumbs.push_back({e->title, "/events/" + e->slug});
  return core::render_page(ctx, "assemblies/event_form", e ? "Edit the event" : "Create an event", model,
                           err ? (err->kind == core::ErrorKind::invalid ? 400 : 409) : 200, crumbs);
}

Response saved(core::Context& ctx, const Event& e, int status, const std::string& what) {
  if (ctx.wants_json()) return Response::json(json{{"slug", e.slug}, {"href", "/events/" + e.slug}}.dump(), status);
  return Response::redirect("/events/" + e.slug + "?done=" + what);
}

}  // namespace

Response new_event_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  EventInput in;
  in.kind = "assembly";
  in.start_time = "13:00";
  in.end_time = "17:00";
  return show_form(ctx, *conn, in, std::nullopt, nullptr);
}

Response create_event_handler(core::Context& ctx) {
  core::Form f(ctx);
  auto in = from_form(f);
  if (f.ok()) {
    auto r = create_event(ctx.db(), ctx.principal, origin_of(ctx), in);
    if (r) return saved(ctx, *r, 201, "created");
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  } else if (!f.rejected()) {
    f.add(validate_event(in));
  }
  auto e = f.invalid("Check the event's details");
  if (ctx.wants_json()) return core::error_response(ctx, e);
  auto conn = ctx.db().acquire();
  return show_form(ctx, *conn, in, std::nullopt, &e);
}

Response edit_event_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto e = try_find_event_by_slug(*conn, ctx.param("slug"));
  if (!e) return core::error_page(ctx, 404, "Page not found", "There is no event at this address.");
  if (!may_organise(ctx.principal, *e))
    return core::error_page(ctx, 403, "You do not have permission", "Only the event's organisers can change it.");
  auto in = input_of(*e);
  if (auto place = places::try_current_place(*conn))
    for (const auto& a : places::list_ambitions(*conn, place->id))
      if (std::find(e->ambition_ids.begin(), e->ambition_ids.end(), a.id) != e->ambition_ids.end())
        in.ambitions.push_back(a.slug);
  return show_form(ctx, *conn, in, e, nullptr);
}

Response update_event_handler(core::Context& ctx) {
  std::optional<Event> e;
  {
    auto conn = ctx.db().acquire();
    e = try_find_event_by_slug(*conn, ctx.param("slug"));
  }
  if (!e) return core::error_page(ctx, 404, "Page not found", "There is no event at this address.");
  if (!may_organise(ctx.principal, *e))
    return core::error_page(ctx, 403, "You do not have permission", "Only the event's organisers can change it.");
  core::Form f(ctx);
  auto in = from_form(f);
  if (f.ok()) {
    auto r = update_event(ctx.db(), ctx.principal, origin_of(ctx), e->id, in);
    if (r) return saved(ctx, *r, 200, "updated");
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  } else if (!f.rejected()) {
    f.add(validate_event(in));
  }
  auto err = f.invalid("Check the event's details");
  if (ctx.wants_json()) return core::error_response(ctx, err);
  auto conn = ctx.db().acquire();
  return show_form(ctx, *conn, in, e, &err);
}

}  // namespace goldthread::assemblies
