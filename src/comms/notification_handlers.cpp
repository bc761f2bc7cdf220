// Following, the notification list, mail preferences, the one-click stop link, the account
// page's section and the header's unread count.
#include <nlohmann/json_fwd.hpp>

#include "comms/comms.hpp"
#include "comms/comms_handlers.hpp"
#include "comms/notification_views.hpp"
#include "core/follows.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::comms {

namespace {

struct UnreadBadge {
  using type = std::int64_t;
};

core::audit::Actor actor_of(core::Context& ctx) {
  return core::audit::Actor::from(ctx.principal, 0, ctx.request().request_id);
}

const std::vector<core::Crumb> kAccount = {{"Home", "/"}, {"Your account", "/account"}};

}  // namespace

Response follow_page(core::Context& ctx);

Response follow_handler(core::Context& ctx) {
  core::Form f(ctx);
  auto type = f.text("type", "What to follow", 40);
  auto id = f.id("id", "Choose something to follow");
  auto action = f.text("action", "Follow or stop", 10);
  auto back = f.text("return_to", "Return address", 300);
  if (!f.ok() || id == 0 || !followable(type))
    return core::error_response(ctx, core::Error::not_found("There is nothing to follow at this address."));
  auto r = set_follow(ctx.db(), ctx.principal, actor_of(ctx), type, id, action != "unfollow");
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json())
    return core::resource_response([&](nlohmann::json& j) {
      to_json(j, FollowAnswer{type, id, r->following, r->href});
    });
  auto to = local_path(back, r->href);
  return Response::redirect(to + (to.find('?') == std::string::npos ? "?" : "&") +
                            (r->following ? "followed=1" : "unfollowed=1"));
}

Response notifications_page(core::Context& ctx) {
  NotificationListView v;
  v.page = core::page_param(ctx);
  {
    auto conn = ctx.db().acquire();
    v.notifications = core::notifications::inbox(*conn, ctx.principal.user_id, v.page, v.per_page);
    v.unread = core::notifications::unread_count(*conn, ctx.principal.user_id);
  }
  NotificationListScreen screen{ctx.query("done").value_or("") == "read", ctx.csrf_token};
  return core::render_page(ctx, {.template_name = "comms/notifications",
                                 .title = "Your notifications",
                                 .crumbs = kAccount,
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, screen); }});
}

Response read_all_handler(core::Context& ctx) {
  auto r = mark_all_read(ctx.db(), actor_of(ctx), ctx.principal.user_id);
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json()) return core::resource_response([](nlohmann::json& j) { to_json(j, UnreadCount{0}); });
  return Response::redirect("/notifications?done=read");
}

namespace {

Response show_preferences(core::Context& ctx, const std::map<std::string, std::string>& chosen,
                          const core::Error* err) {
  PreferencesView v{chosen};
  PreferencesScreen screen{ctx.query("done").value_or("") == "saved", ctx.csrf_token, err};
  return core::render_page(ctx, {.template_name = "comms/preferences",
                                 .title = "Notification e-mails",
                                 .crumbs = kAccount,
                                 .status = err ? 400 : 200,
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v, screen); }});
}

}  // namespace

Response preferences_page(core::Context& ctx) {
  std::map<std::string, std::string> chosen;
  {
    auto conn = ctx.db().acquire();
    chosen = preferences(*conn, ctx.principal.user_id);
  }
  return show_preferences(ctx, chosen, nullptr);
}

Response preferences_handler(core::Context& ctx) {
  core::Form f(ctx);
  std::map<std::string, std::string> chosen;
  for (const auto& k : kinds()) {
    auto v = f.text(k.key, k.label, 10);
    if (!v.empty()) chosen[k.key] = v;
  }
  if (f.ok()) {
    auto r = save_preferences(ctx.db(), actor_of(ctx), ctx.principal.user_id, chosen);
    if (r) {
      if (ctx.wants_json())
        return core::resource_response([&](nlohmann::json& j) { to_json(j, PreferencesView{chosen}); });
      return Response::redirect("/account/notifications?done=saved");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid("Check your choices");
  return ctx.wants_json() ? core::error_response(ctx, err) : show_preferences(ctx, chosen, &err);
}

Response stop_page(core::Context& ctx) {
  StopForm form{ctx.query("token").value_or(""), ctx.query("kind").value_or(""), ctx.csrf_token};
  auto write = [&](nlohmann::json& j) { to_json(j, form); };
  return core::render_page(ctx, {.template_name = "comms/stop",
                                 .title = "Stop these e-mails",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = write,
                                 .screen = write});
}

// RFC 8058 one-click: posted by a mail client without cookies; the token is the credential.
Response stop_handler(core::Context& ctx) {
  auto kind = ctx.query("kind").value_or("");
  auto r = stop_kind(ctx.db(), origin_of(ctx), ctx.query("token").value_or(""), kind);
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json()) return core::resource_response([&](nlohmann::json& j) { to_json(j, Stopped{kind}); });
  return core::render_page(
      ctx, {.template_name = "comms/stopped", .title = "You will not get these e-mails", .crumbs = {{"Home", "/"}}});
}

Response follow_page(core::Context& ctx) {
  auto type = ctx.query("type").value_or("");
  auto id = core::parse_id(ctx.query("id").value_or(""));
  if (!followable(type) || !id)
    return core::error_page(ctx, 404, "Page not found", "There is nothing to follow at this address.");
  bool following = false;
  {
    auto conn = ctx.db().acquire();
    following = core::follows::is_following(*conn, type, *id, ctx.principal.user_id);
  }
  FollowForm form{type, *id, following, ctx.csrf_token};
  auto write = [&](nlohmann::json& j) { to_json(j, form); };
  return core::render_page(ctx, {.template_name = "comms/follow",
                                 .title = following ? "You follow this" : "Follow this",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = write,
                                 .screen = write});
}

std::optional<core::Section> account_notifications_section(core::Context& ctx, const core::Principal& who) {
  auto conn = ctx.db().acquire();
  auto unread = core::notifications::unread_count(*conn, who.user_id);
  return account_section(unread);
}

std::int64_t unread_badge(core::Context& ctx) {
  return ctx.memo<UnreadBadge>([&] {
    auto conn = ctx.db().acquire();
    return core::notifications::unread_count(*conn, ctx.principal.user_id);
  });
}

}  // namespace goldthread::comms
