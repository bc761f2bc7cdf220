// A room's agreed next steps: the host records one, the owner (or the host) adds dated
// progress updates, and the next event in the series marks carried-forward ones reviewed.
#include <nlohmann/json.hpp>

#include "assemblies/assemblies.hpp"
#include "assemblies/assemblies_handlers.hpp"
#include "assemblies/event_views.hpp"
#include "assemblies/room_form_views.hpp"
#include "assemblies/room_views.hpp"
#include "core/form.hpp"
#include "core/page.hpp"

namespace goldthread::assemblies {
using core::Response;
using nlohmann::json;

namespace {

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

Response no_room(core::Context& ctx) {
  return core::error_page(ctx, 404, "Page not found", "There is no solution room at this address.");
}

std::string room_href(const Found& f) {
  return "/events/" + f.event.slug + "/rooms/" + f.room.slug;
}

Response show_progress_form(core::Context& ctx, const Found& f, std::int64_t step_id, const pledges::ProgressInput& in,
                            const core::Error& err) {
  ProgressForm form{f.room.title, room_href(f), step_id, in, &err};
  return core::render_page(ctx, {.template_name = "assemblies/next_step_progress",
                                 .title = "Add a progress update",
                                 .crumbs = {{"Home", "/"}, {"Events", "/events"}, {f.room.title, room_href(f)}},
                                 .status = 400,
                                 .resource = [&](json& j) { to_json(j, form); },
                                 .screen = [&](json& j) { screen_json(j, form); }});
}

}  // namespace

Response add_next_step_handler(core::Context& ctx) {
  auto f = find(ctx);
  if (!f) return no_room(ctx);
  if (!may_host(ctx.principal, f->event, f->room))
    return core::error_response(ctx, core::Error::forbidden("Only the room's host can record its next steps."));
  core::Form form(ctx);
  NextStepInput in;
  in.text = form.paragraph("text", "Next step", pledges::kMaxCommitmentText);
  in.owner_user_id = form.id("owner_user_id", "Select someone signed up to this room, or name the owner");
  in.owner_name = form.text("owner_name", "Owner's name", kMaxOwnerName);
  in.organisation_id = form.id("organisation_id", "Select the owner's organisation from the list");
  in.due_on = form.date("due_on", "Due date");
  if (form.ok()) {
    auto m = add_next_step(ctx.db(), ctx.principal, origin_of(ctx), f->room.id, in);
    if (m) {
      announce_change(ctx, f->event.slug, f->room.slug, "next-steps");
      if (ctx.wants_json()) {
        return Response::json(next_step_resource(next_step_view(*m, {}, pledges::today_utc())).dump(), 201);
      }
      return Response::redirect(room_href(*f) + "?done=next-step#next-step-" + std::to_string(m->id));
    }
    if (m.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, m.error());
    form.add(m.error());
  }
  auto err = form.invalid("Check the next step");
  if (ctx.wants_json()) return core::error_response(ctx, err);
  RoomFormValues values{in.text, in.owner_name, in.due_on, ""};
  return render_room(ctx, f->event, f->room, &err, &values, 400);
}

Response next_step_progress_handler(core::Context& ctx) {
  auto f = find(ctx);
  if (!f) return no_room(ctx);
  auto id = ctx.int_param("id");
  if (!id) return core::error_page(ctx, 404, "Page not found", "There is no such next step in this room.");
  core::Form form(ctx);
  pledges::ProgressInput in;
  in.status = form.text("status", "Status", 20);
  in.note = form.paragraph("note", "Update", pledges::kMaxProgressNote);
  if (form.ok()) {
    auto u = update_next_step(ctx.db(), ctx.principal, origin_of(ctx), f->room.id, *id, in);
    if (u) {
      announce_change(ctx, f->event.slug, f->room.slug, "next-steps");
      if (ctx.wants_json()) {
        ProgressAnswer answer{*u, room_href(*f)};
        return core::resource_response([&](json& j) { to_json(j, answer); });
      }
      return Response::redirect(room_href(*f) + "?done=progress#next-step-" + std::to_string(*id));
    }
    if (u.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, u.error());
    form.add(u.error());
  }
  auto err = form.invalid("Check the progress update");
  if (ctx.wants_json()) return core::error_response(ctx, err);
  return show_progress_form(ctx, *f, *id, in, err);
}

Response mark_reviewed_handler(core::Context& ctx) {
  std::optional<Event> e;
  {
    auto conn = ctx.db().acquire();
    e = try_find_event_by_slug(*conn, ctx.param("slug"));
  }
  if (!e) return core::error_page(ctx, 404, "Page not found", "There is no event at this address.");
  auto id = ctx.int_param("id");
  if (!id) return core::error_page(ctx, 404, "Page not found", "That next step is not carried forward to this event.");
  auto s = mark_reviewed(ctx.db(), ctx.principal, origin_of(ctx), e->id, *id);
  if (!s) return core::error_response(ctx, s.error());
  announce_change(ctx, e->slug, "", "next-steps");
  if (ctx.wants_json()) {
    ReviewedAnswer answer{*id, "/events/" + e->slug + "#carried-forward"};
    return core::resource_response([&](json& j) { to_json(j, answer); });
  }
  return Response::redirect("/events/" + e->slug + "?done=reviewed#carried-forward");
}

}  // namespace goldthread::assemblies
