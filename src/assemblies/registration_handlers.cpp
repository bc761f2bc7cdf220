// Registering, cancelling, leaving the waiting list, accepting an offer; the account page's
// "Your events" section.
#include <nlohmann/json_fwd.hpp>

#include "accounts/accounts.hpp"
#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_handlers.hpp"
#include "assemblies/event_page_views.hpp"
#include "assemblies/event_time.hpp"
#include "assemblies/event_views.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::assemblies {

core::Response no_event(core::Context& ctx) {
  return core::error_page(ctx, 404, "Page not found", "There is no event at this address.");
}
using core::Response;

namespace {

std::optional<Event> event_at(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  return try_find_event_by_slug(*conn, ctx.param("slug"));
}

Response show_register(core::Context& ctx, const Event& e, const RegistrationInput& in, const core::Error* err) {
  RegisterForm form{e, ctx.principal, in, err};
  auto write = [&](nlohmann::json& j) { to_json(j, form); };
  return core::render_page(ctx, {.template_name = "assemblies/register",
                                 .title = "Register for " + e.title,
                                 .crumbs = {{"Home", "/"}, {"Events", "/events"}, {e.title, "/events/" + e.slug}},
                                 .status = err ? 400 : 200,
                                 .resource = write,
                                 .screen = write});
}

// After a registration write: JSON gets the registration, a browser the event page's banner.
Response done(core::Context& ctx, const Event& e, const Registration& r, const std::string& what) {
  if (ctx.wants_json())
    return core::resource_response([&](nlohmann::json& j) { to_json(j, RegistrationAnswer{e, r}); });
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
  MyEventsView v;
  {
    auto conn = ctx.db().acquire();
    v.registrations = registrations_of(*conn, who.user_id);
  }
  v.now = now_text();
  v.csrf_token = ctx.csrf_token;
  return my_events_section(v);
}

std::optional<core::Section> organisation_events_section(core::Context& ctx, const partners::Organisation& o) {
  std::vector<std::pair<Event, std::int64_t>> attended;
  {
    auto conn = ctx.db().acquire();
    attended = events_attended_by(*conn, o.id);
  }
  if (attended.empty()) return std::nullopt;
  return events_attended_section(attended);
}

}  // namespace goldthread::assemblies
