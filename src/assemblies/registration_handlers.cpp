// Registering, cancelling, leaving the waiting list, accepting an offer; the account page's
// "Your events" section.
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
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

std::optional<Event> event_at(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  return try_find_event_by_slug(*conn, ctx.param("slug"));
}

Response no_event(core::Context& ctx) {
  return core::error_page(ctx, 404, "Page not found", "There is no event at this address.");
}

Response show_register(core::Context& ctx, const Event& e, const RegistrationInput& in, const core::Error* err) {
  json model = {{"event", event_summary(e)},
                {"acting_for", accounts::acting_for_choices(ctx.principal, in.organisation_id)},
                {"has_organisations", !ctx.principal.memberships.empty()},
                {"values", {{"access_needs", in.access_needs}, {"dietary_needs", in.dietary_needs}}},
                {"action", "/events/" + e.slug + "/register"},
                {"error_for", json::object()}};
  if (err) core::attach_errors(model, *err);
  return core::render_page(ctx, "assemblies/register", "Register for " + e.title, model, err ? 400 : 200,
                           {{"Home", "/"}, {"Events", "/events"}, {e.title, "/events/" + e.slug}});
}

// After a registration write: JSON gets the registration, a browser the event page's banner.
Response done(core::Context& ctx, const Event& e, const Registration& r, const std::string& what) {
  if (ctx.wants_json())
    return Response::json(json{{"status", r.status},
                               {"position", r.position},
                               {"offer_expires_at", opt(r.offer_expires_at)},
                               {"href", "/events/" + e.slug},
                               {"ics_href", "/events/" + e.slug + "/calendar.ics"}}
                              .dump());
  return Response::redirect("/events/" + e.slug + "?done=" + what);
}

}  // namespace

Response register_page(core::Context& ctx) {
  auto e = event_at(ctx);
  if (!e) return no_event(ctx);
  return show_register(ctx, *e, {}, nullptr);
}

Response register_handler(core::Context& ctx) {
  auto e = event_at(ctx);
  if (!e) return no_event(ctx);
  core::Form f(ctx);
  RegistrationInput in;
  f.field("acting_for");
  auto acting = accounts::acting_for(ctx, "acting_for");
  if (acting)
    in.organisation_id = *acting;
  else
    f.add(acting.error());
  in.access_needs = f.paragraph("access_needs", "Access needs", kMaxNeeds);
  in.dietary_needs = f.paragraph("dietary_needs", "Dietary needs", kMaxNeeds);
  if (f.ok()) {
    auto r = register_for_event(ctx.db(), ctx.principal, origin_of(ctx), e->id, in);
    if (r) return done(ctx, *e, *r, r->status == "confirmed" ? "registered" : "waiting");
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid("Check your registration");
  return ctx.wants_json() ? core::error_response(ctx, err) : show_register(ctx, *e, in, &err);
}

Response cancel_handler(core::Context& ctx) {
  auto e = event_at(ctx);
  if (!e) return no_event(ctx);
  auto r = cancel_registration(ctx.db(), ctx.principal, origin_of(ctx), e->id);
  if (!r) return core::error_response(ctx, r.error());
  return done(ctx, *e, *r, r->status);
}

Response accept_handler(core::Context& ctx) {
  auto e = event_at(ctx);
  if (!e) return no_event(ctx);
  auto r = accept_offer(ctx.db(), ctx.principal, origin_of(ctx), e->id);
  if (!r) return core::error_response(ctx, r.error());
  return done(ctx, *e, *r, "accepted");
}

std::optional<core::Section> account_section(core::Context& ctx, const core::Principal& who) {
  auto conn = ctx.db().acquire();
  json items = json::array(), offers = json::array();
  const auto now = now_text();
  for (const auto& [e, r] : registrations_of(*conn, who.user_id)) {
    if (e.ends_at <= now) continue;
    json item = event_summary(e);
    item["status"] = r.status;
    item["status_label"] = r.status == "confirmed" ? "Place confirmed"
                           : r.status == "waiting" ? "On the waiting list"
                                                   : "Place offered";
    item["ics_href"] = "/events/" + e.slug + "/calendar.ics";
    item["confirmed"] = r.status == "confirmed";
    if (r.status == "offered" && r.offer_expires_at > now) {
      auto until = london(r.offer_expires_at);
      item["offer_expires"] = twelve_hour(until.time) + " on " + until.long_date;
      item["accept_action"] = "/events/" + e.slug + "/accept";
      item["decline_action"] = "/events/" + e.slug + "/cancel";
      offers.push_back(item);
    }
    items.push_back(item);
  }
  json model = {{"registrations", items},
                {"has_registrations", !items.empty()},
                {"offers", offers},
                {"has_offers", !offers.empty()},
                {"csrf_token", ctx.csrf_token}};
  return core::make_section("events", "Your events", "assemblies/account_section", model);
}

std::optional<core::Section> organisation_events_section(core::Context& ctx, const partners::Organisation& o) {
  auto conn = ctx.db().acquire();
  json items = json::array();
  for (const auto& [e, n] : events_attended_by(*conn, o.id)) {
    auto item = event_summary(e);
    item["attended"] = n;
    item["attended_text"] = core::count_of(n, "person", "people") + " attended";
    items.push_back(item);
  }
  if (items.empty()) return std::nullopt;
  return core::make_section("events-attended", "Events attended", "assemblies/organisation_section",
                            json{{"events", items}});
}

}  // namespace goldthread::assemblies
