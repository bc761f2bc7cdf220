// Solution rooms: the organisers' form for a new room, the room's page (brief, advice, next
// steps with their history), sign-up, advice and its moderation by the host.
#include <nlohmann/json.hpp>

#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_handlers.hpp"
#include "assemblies/event_views.hpp"
#include "assemblies/room_form_views.hpp"
#include "assemblies/room_views.hpp"
#include "core/comments.hpp"
#include "core/events_hub.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::assemblies {
using core::Response;
using nlohmann::json;

namespace {

Response no_room(core::Context& ctx) {
  return core::error_page(ctx, 404, "Page not found", "There is no solution room at this address.");
}

json banner(const core::Context& ctx) {
  auto done = ctx.query("done").value_or("");
  if (done == "created") return "Solution room created";
  if (done == "signed-up") return "You are signed up to this room";
  if (done == "left") return "You have left this room";
  if (done == "advice") return "Your advice has been posted";
  if (done == "hidden") return "The advice is hidden";
  if (done == "restored") return "The advice is shown again";
  if (done == "next-step") return "Next step recorded";
  if (done == "progress") return "Progress update saved";
  return nullptr;
}

std::vector<core::Crumb> crumbs(const Event& e) {
  return {{"Home", "/"}, {"Events", "/events"}, {e.title, "/events/" + e.slug}};
}

Response show_room_form(core::Context& ctx, core::Connection& c, const Event& e, const RoomInput& in,
                        const core::Error* err) {
  RoomForm form{e, {}, {}, in, err};
  for (const auto& o : partners::list_organisations(c, "", 500)) form.organisations.emplace_back(o.id, o.name);
  for (const auto& a : places::list_ambitions(c, e.place_id)) form.ambitions.emplace_back(a.slug, a.title);
  return core::render_page(ctx, {.template_name = "assemblies/room_form",
                                 .title = "Add a solution room",
                                 .crumbs = crumbs(e),
                                 .status = err ? 400 : 200,
                                 .resource = [&](json& j) { to_json(j, form); },
                                 .screen = [&](json& j) { screen_json(j, form); }});
}

struct Found {
  Event event;
  Room room;
};
std::optional<Found> find(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto e = try_find_event_by_slug(*conn, ctx.param("slug"));
  if (!e) return std::nullopt;
  auto r = try_find_room(*conn, e->id, ctx.param("room"));
  if (!r) return std::nullopt;
  return Found{*e, *r};
}

Response back_to_room(core::Context& ctx, const Found& f, const std::string& done, const Advice* advice = nullptr) {
  auto href = "/events/" + f.event.slug + "/rooms/" + f.room.slug;
  if (ctx.wants_json()) {
    RoomAnswer answer{href, advice};
    return core::resource_response([&](json& j) { to_json(j, answer); });
  }
  return Response::redirect(href + "?done=" + done);
}

}  // namespace

// The room's page (with the form's values and errors when a post failed).
Response render_room(core::Context& ctx, const Event& e, const Room& r, const core::Error* err,
                     const RoomFormValues* values, int status) {
  auto conn = ctx.db().acquire();
  auto v = load_room_view(ctx, *conn, e, r);
  auto screen = [&](json& model) {
    model = room_page_model(v);
    model["banner"] = banner(ctx);
    model["comments"] = core::comments::thread(ctx, *conn, "solution-room", r.id);
    if (values) model["values"] = *values;
    if (err) core::attach_errors(model, *err);
  };
  return core::render_page(ctx, {.template_name = "assemblies/room",
                                 .title = r.title,
                                 .crumbs = crumbs(e),
                                 .status = status,
                                 .resource = [&](json& j) { j = room_resource(v); },
                                 .screen = screen});
}

Response new_room_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto e = try_find_event_by_slug(*conn, ctx.param("slug"));
  if (!e) return no_event(ctx);
  if (!may_organise(ctx.principal, *e))
    return core::error_page(ctx, 403, "You cannot add rooms to this event", "Only the event's organisers can.");
  return show_room_form(ctx, *conn, *e, {}, nullptr);
}

Response create_room_handler(core::Context& ctx) {
  std::optional<Event> e;
  {
    auto conn = ctx.db().acquire();
    e = try_find_event_by_slug(*conn, ctx.param("slug"));
  }
  if (!e) return no_event(ctx);
  if (!may_organise(ctx.principal, *e))
    return core::error_response(ctx, core::Error::forbidden("Only the event's organisers can add solution rooms."));
  core::Form f(ctx);
  RoomInput in;
  in.title = f.text("title", "Title", kMaxRoomTitle);
  in.host_organisation_id = f.id("host_organisation_id", "Select the host organisation from the list");
  in.facilitator = f.text("facilitator", "Facilitator", kMaxFacilitator);
  in.brief = f.paragraph("brief", "Problem brief", kMaxBrief);
  in.ambition = f.text("ambition", "Ambition", 200);
  in.initiative = f.text("initiative", "Initiative", 200);
  in.capacity = f.number("capacity", "Places", 0, kMaxRoomCapacity).value_or(0);
  if (f.ok()) {
    auto r = create_room(ctx.db(), ctx.principal, origin_of(ctx), e->id, in);
    if (r) {
      announce_change(ctx, e->slug, "", "rooms");
      if (ctx.wants_json()) {
        return Response::json(room_summary_resource(*e, *r).dump(), 201);
      }
      return Response::redirect("/events/" + e->slug + "/rooms/" + r->slug + "?done=created");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  } else if (!f.rejected()) {
    f.add(validate_room(in));
  }
  auto err = f.invalid("Check the solution room's details");
  if (ctx.wants_json()) return core::error_response(ctx, err);
  auto conn = ctx.db().acquire();
  return show_room_form(ctx, *conn, *e, in, &err);
}

Response room_page(core::Context& ctx) {
  auto f = find(ctx);
  if (!f) return no_room(ctx);
  return render_room(ctx, f->event, f->room, nullptr, nullptr, 200);
}

namespace {
// An EventSource asks for text/event-stream; anyone else who follows the address (a person,
// a crawler) is sent to the page the stream belongs to.
Response live_stream(core::Context& ctx, std::string page) {
  auto accept = ctx.request().header("accept").value_or("");
  if (accept.find("text/event-stream") == std::string_view::npos) return Response::redirect(page);
  Response res;
  res.event_topic = std::move(page);
  return res;
}
}  // namespace

Response room_live(core::Context& ctx) {
  auto f = find(ctx);
  if (!f) return no_room(ctx);
  return live_stream(ctx, "/events/" + f->event.slug + "/rooms/" + f->room.slug);
}

Response event_live(core::Context& ctx) {
  std::optional<Event> e;
  {
    auto conn = ctx.db().acquire();
    e = try_find_event_by_slug(*conn, ctx.param("slug"));
  }
  if (!e) return no_event(ctx);
  return live_stream(ctx, "/events/" + e->slug);
}

void announce_change(core::Context& ctx, const std::string& event_slug, const std::string& room_slug,
                     std::string_view what) {
  const std::string event_href = "/events/" + event_slug;
  if (!room_slug.empty()) core::events::publish(ctx.app(), event_href + "/rooms/" + room_slug, what);
  core::events::publish(ctx.app(), event_href, room_slug.empty() ? what : "rooms");
}

Response room_sign_up_handler(core::Context& ctx) {
  auto f = find(ctx);
  if (!f) return no_room(ctx);
  auto s = sign_up_for_room(ctx.db(), ctx.principal, origin_of(ctx), f->room.id);
  if (!s) return core::error_response(ctx, s.error());
  return back_to_room(ctx, *f, "signed-up");
}

Response room_leave_handler(core::Context& ctx) {
  auto f = find(ctx);
  if (!f) return no_room(ctx);
  auto s = leave_room(ctx.db(), ctx.principal, origin_of(ctx), f->room.id);
  if (!s) return core::error_response(ctx, s.error());
  return back_to_room(ctx, *f, "left");
}

Response advice_handler(core::Context& ctx) {
  auto f = find(ctx);
  if (!f) return no_room(ctx);
  core::Form form(ctx);
  auto body = form.paragraph("body", "Advice", kMaxAdvice);
  if (form.ok()) {
    auto a = post_advice(ctx.db(), ctx.principal, origin_of(ctx), f->room.id, body);
    if (a) announce_change(ctx, f->event.slug, f->room.slug, "advice");
    if (a) return back_to_room(ctx, *f, "advice", &*a);
    if (a.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, a.error());
    form.add(a.error());
  }
  auto err = form.invalid("Check your advice");
  if (ctx.wants_json()) return core::error_response(ctx, err);
  RoomFormValues values;
  values.body = body;
  return render_room(ctx, f->event, f->room, &err, &values, 400);
}

namespace {
Response moderate(core::Context& ctx, bool hide) {
  auto f = find(ctx);
  if (!f) return no_room(ctx);
  auto id = ctx.int_param("id");
  if (!id) return core::error_page(ctx, 404, "Page not found", "There is no such advice in this room.");
  auto a = moderate_advice(ctx.db(), ctx.principal, origin_of(ctx), f->room.id, *id, hide);
  if (!a) return core::error_response(ctx, a.error());
  announce_change(ctx, f->event.slug, f->room.slug, "advice");
  return back_to_room(ctx, *f, hide ? "hidden" : "restored", &*a);
}
}  // namespace

Response hide_advice_handler(core::Context& ctx) {
  return moderate(ctx, true);
}
Response restore_advice_handler(core::Context& ctx) {
  return moderate(ctx, false);
}

}  // namespace goldthread::assemblies
