// Following, the notification list, mail preferences, the one-click stop link, the account
// page's section and the header's unread count.
#include <nlohmann/json.hpp>

#include "comms/comms.hpp"
#include "comms/comms_handlers.hpp"
#include "comms/comms_views.hpp"
#include "core/follows.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::comms {
using nlohmann::json;

namespace {

struct UnreadCount {
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
    return Response::json(json{{"type", type}, {"id", id}, {"following", r->following}, {"href", r->href}}.dump());
  auto to = local_path(back, r->href);
  return Response::redirect(to + (to.find('?') == std::string::npos ? "?" : "&") +
                            (r->following ? "followed=1" : "unfollowed=1"));
}

Response notifications_page(core::Context& ctx) {
  int page = core::page_param(ctx);
  core::notifications::Page p;
  std::int64_t unread = 0;
  {
    auto conn = ctx.db().acquire();
    p = core::notifications::inbox(*conn, ctx.principal.user_id, page, 20);
    unread = core::notifications::unread_count(*conn, ctx.principal.user_id);
  }
  json items = json::array();
  for (const auto& n : p.items) items.push_back(ctx.wants_json() ? notification_resource(n) : notification_item(n));
  if (ctx.wants_json())
    return Response::json(
        json{{"notifications", items}, {"total", p.total}, {"unread", unread}, {"page", page}}.dump());
  json model = {{"notifications", items},
                {"has_notifications", !items.empty()},
                {"unread_text", core::count_of(unread, "unread notification")},
                {"has_unread", unread > 0},
                {"marked", ctx.query("done").value_or("") == "read"},
                {"csrf_token", ctx.csrf_token}};
  model["pagination"] = core::pagination("/notifications", page, 20, p.total);
  return core::render_page(ctx, "comms/notifications", "Your notifications", model, 200, kAccount);
}

Response read_all_handler(core::Context& ctx) {
  auto r = mark_all_read(ctx.db(), actor_of(ctx), ctx.principal.user_id);
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json()) return Response::json(json{{"unread", 0}}.dump());
  return Response::redirect("/notifications?done=read");
}

namespace {

Response show_preferences(core::Context& ctx, const std::map<std::string, std::string>& chosen,
                          const core::Error* err) {
  json rows = json::array();
  for (const auto& k : kinds()) {
    json options = json::array();
    auto it = chosen.find(k.key);
    auto current = it == chosen.end() ? std::string(kDefaultFrequency) : it->second;
    for (const auto& fr : frequencies()) {
      static const std::map<std::string, std::string> label = {
          {"now", "At once"}, {"daily", "In a daily digest"}, {"weekly", "In a weekly digest"}, {"never", "Never"}};
      options.push_back(
          {{"value", fr}, {"text", label.at(fr)}, {"id", std::string(k.key) + "-" + fr}, {"checked", fr == current}});
    }
    rows.push_back({{"kind", k.key}, {"label", k.label}, {"options", options}});
  }
  json model = {{"kinds", rows},
                {"saved", ctx.query("done").value_or("") == "saved"},
                {"csrf_token", ctx.csrf_token},
                {"error_for", json::object()}};
  if (err) core::attach_errors(model, *err);
  return core::render_page(ctx, "comms/preferences", "Notification e-mails", model, err ? 400 : 200, kAccount);
}

}  // namespace

Response preferences_page(core::Context& ctx) {
  std::map<std::string, std::string> chosen;
  {
    auto conn = ctx.db().acquire();
    chosen = preferences(*conn, ctx.principal.user_id);
  }
  if (ctx.wants_json()) return Response::json(json{{"preferences", chosen}}.dump());
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
      if (ctx.wants_json()) return Response::json(json{{"preferences", chosen}}.dump());
      return Response::redirect("/account/notifications?done=saved");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid("Check your choices");
  return ctx.wants_json() ? core::error_response(ctx, err) : show_preferences(ctx, chosen, &err);
}

Response stop_page(core::Context& ctx) {
  auto kind = ctx.query("kind").value_or("");
  json model = {{"token", ctx.query("token").value_or("")},
                {"kind", kind},
                {"label", kind == "daily"    ? "your daily digest"
                          : kind == "weekly" ? "your weekly digest"
                                             : "“" + kind_label(kind) + "”"},
                {"csrf_token", ctx.csrf_token}};
  return core::render_page(ctx, "comms/stop", "Stop these e-mails", model, 200, {{"Home", "/"}});
}

// RFC 8058 one-click: posted by a mail client without cookies; the token is the credential.
Response stop_handler(core::Context& ctx) {
  auto kind = ctx.query("kind").value_or("");
  auto r = stop_kind(ctx.db(), origin_of(ctx), ctx.query("token").value_or(""), kind);
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json()) return Response::json(json{{"kind", kind}, {"frequency", "never"}}.dump());
  return core::render_page(ctx, "comms/stopped", "You will not get these e-mails", json::object(), 200,
                           {{"Home", "/"}});
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
  json model = {{"type", type}, {"id", *id}, {"following", following}, {"csrf_token", ctx.csrf_token}};
  return core::render_page(ctx, "comms/follow", following ? "You follow this" : "Follow this", model, 200,
                           {{"Home", "/"}});
}

std::optional<core::Section> account_notifications_section(core::Context& ctx, const core::Principal& who) {
  auto conn = ctx.db().acquire();
  auto unread = core::notifications::unread_count(*conn, who.user_id);
  json model = {{"unread_text", core::count_of(unread, "unread notification")}, {"has_unread", unread > 0}};
  return core::make_section("notifications", "Notifications", "comms/account_section", model);
}

std::int64_t unread_badge(core::Context& ctx) {
  return ctx.memo<UnreadCount>([&] {
    auto conn = ctx.db().acquire();
    return core::notifications::unread_count(*conn, ctx.principal.user_id);
  });
}

}  // namespace goldthread::comms
