// The newsletter's pages: subscribe, confirm, unsubscribe, the archive and the admin's
// compose / preview / test / send pages.
#include <algorithm>
#include <nlohmann/json_fwd.hpp>

#include "comms/comms.hpp"
#include "comms/comms_handlers.hpp"
#include "comms/comms_views.hpp"
#include "core/abuse.hpp"
#include "core/app.hpp"
#include "core/config.hpp"
#include "core/form.hpp"
#include "core/mail.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::comms {

Origin origin_of(core::Context& ctx) {
  return {ctx.request().request_id, ctx.app().config().base_url};
}

InterestChoices interest_choices(core::Context& ctx, const std::vector<std::string>& selected) {
  auto conn = ctx.db().acquire();
  InterestChoices out;
  const auto& place = places::current_place(ctx, *conn);
  auto checked = [&](const std::string& v) { return std::find(selected.begin(), selected.end(), v) != selected.end(); };
  if (place) {
    for (const auto& a : places::list_ambitions(*conn, place->id)) {
      auto v = "ambition:" + std::to_string(a.id);
      out.ambitions.push_back({v, "interest-a" + std::to_string(a.id), a.title, a.slug, checked(v)});
    }
    for (const auto& a : places::list_areas(*conn, place->id)) {
      auto v = "area:" + a.code;
      out.areas.push_back({v, "interest-" + a.code, a.name, a.code, checked(v)});
    }
  }
  return out;
}

bool known_interests(core::Context& ctx, const std::vector<std::string>& values) {
  if (values.empty()) return true;
  auto c = interest_choices(ctx, {});
  for (const auto& v : values)
    if (!c.contains(v)) return false;
  return true;
}

std::string local_path(const std::string& s, const std::string& fallback) {
  if (s.empty() || s[0] != '/' || (s.size() > 1 && (s[1] == '/' || s[1] == '\\'))) return fallback;
  if (s.find_first_of("\r\n\\") != std::string::npos) return fallback;
  return s;
}

namespace {

const std::vector<core::Crumb> kNewsletterCrumbs = {{"Home", "/"}, {"Newsletter", "/newsletter"}};
const std::vector<core::Crumb> kAdminCrumbs = {{"Home", "/"}, {"Admin", "/admin"}, {"Newsletter", "/admin/newsletter"}};

// Each valid request sends a confirmation mail to the address typed, so the budget is small:
// enough for a household on one address, not enough to flood someone else's inbox.
const core::abuse::Limit kSubscribeLimit{"newsletter-subscribe", 5, 10, std::chrono::hours(1),
                                         "subscribe to the newsletter"};

Response show_subscribe(core::Context& ctx, const SubscribeInput& in, const core::Error* err) {
  SubscribeForm form{interest_choices(ctx, in.interests), in.email, ctx.csrf_token, err};
  auto write = [&](nlohmann::json& j) { to_json(j, form); };
  return core::render_page(ctx, {.template_name = "comms/subscribe",
                                 .title = "Get the newsletter",
                                 .crumbs = {{"Home", "/"}},
                                 .status = err ? 400 : 200,
                                 .resource = write,
                                 .screen = write});
}

std::optional<Issue> issue_at(core::Context& ctx) {
  auto id = ctx.int_param("id");
  if (!id) return std::nullopt;
  auto conn = ctx.db().acquire();
  return store::find_issue(*conn, *id);
}

Response no_issue(core::Context& ctx) {
  return core::error_page(ctx, 404, "Page not found", "There is no newsletter issue at this address.");
}

Response token_form(core::Context& ctx, const char* template_name, const char* title) {
  TokenForm form{ctx.query("token").value_or(""), ctx.csrf_token};
  auto write = [&](nlohmann::json& j) { to_json(j, form); };
  return core::render_page(ctx, {.template_name = template_name,
                                 .title = title,
                                 .crumbs = kNewsletterCrumbs,
                                 .resource = write,
                                 .screen = write});
}

core::audit::Actor actor_of(core::Context& ctx) {
  return core::audit::Actor::from(ctx.principal, 0, ctx.request().request_id);
}

// The choices of who to send to: everyone, or subscribers with one interest, with counts.
std::vector<Segment> segment_choices(core::Context& ctx) {
  auto c = interest_choices(ctx, {});
  auto conn = ctx.db().acquire();
  std::vector<Segment> out;
  out.push_back({"", "Everyone", store::count_subscribers(*conn, "confirmed", "")});
  for (const auto* list : {&c.ambitions, &c.areas})
    for (const auto& x : *list) out.push_back({x.value, x.text, store::count_subscribers(*conn, "confirmed", x.value)});
  return out;
}

DeliveryProgress progress_of(core::Context& ctx, const Issue& i) {
  auto conn = ctx.db().acquire();
  auto p = core::mail::batch_progress(*conn, issue_batch(i.id));
  return {p.queued + p.sending, p.sent, p.dead, p.total()};
}

Response show_admin_issue(core::Context& ctx, const Issue& i, const IssueInput& in, const core::Error* err) {
  AdminIssueView v{i, std::nullopt};
  if (ctx.wants_json() || i.status == "sent") v.progress = progress_of(ctx, i);
  AdminIssueScreen screen;
  if (!ctx.wants_json()) {
    screen = {in, segment_choices(ctx), ctx.query("done").value_or(""), ctx.principal.email, ctx.csrf_token, err};
  }
  auto res = core::render_page(ctx, {.template_name = "comms/admin_issue",
                                     .title = i.subject,
                                     .crumbs = kAdminCrumbs,
                                     .status = err ? 400 : 200,
                                     .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                     .screen = [&](nlohmann::json& j) { screen_json(j, v, screen); }});
  // The HTTP Refresh header (what <meta http-equiv="refresh"> stands for): the browser asks
  // again in 2 seconds, JavaScript or not, until the issue is sent.
  if (i.status == "sending" && !ctx.wants_json()) res.headers.set("Refresh", "2");
  return res;
}

IssueInput issue_from_form(core::Form& f) {
  IssueInput in;
  in.subject = f.text("subject", "Subject", kMaxIssueSubject);
  in.body_markdown = f.paragraph("body", "The issue's text", kMaxIssueBody);
  return in;
}

}  // namespace

Response newsletter_page(core::Context& ctx) {
  return show_subscribe(ctx, {}, nullptr);
}

Response subscribe_handler(core::Context& ctx) {
  core::Form f(ctx);
  SubscribeInput in;
  in.email = f.text("email", "Email address", kMaxEmail);
  in.interests = f.values("interests", "Interests", kMaxInterests, 40);
  if (f.ok()) {
    in.email = normalise_email(in.email);
    if (in.email.empty())
      f.error("email", "Enter your email address");
    else if (!looks_like_email(in.email))
      f.error("email", "Enter an email address in the correct format, like name@example.com");
    if (!known_interests(ctx, in.interests)) f.error("interests", "Select interests from the list");
  }
  // Issue 14.5: a bot fills the hidden field; one address may not mail-bomb others.
  if (auto trap = core::abuse::check_honeypot(ctx); !trap) return core::error_response(ctx, trap.error());
  if (f.ok()) {
    std::optional<std::int64_t> person;
    if (ctx.principal.signed_in()) person = ctx.principal.user_id;
    if (auto allowed = core::abuse::allow_write(ctx, kSubscribeLimit, person); !allowed)
      return core::error_response(ctx, allowed.error());
    auto r = subscribe(ctx.db(), origin_of(ctx), in);
    if (r) {
      if (ctx.wants_json())
        return core::resource_response([](nlohmann::json& j) { to_json(j, SubscriptionState{"pending"}); }, 202);
      return Response::redirect("/newsletter/check-email");
    }
    return core::error_response(ctx, r.error());
  }
  auto err = f.invalid("Check your details");
  return ctx.wants_json() ? core::error_response(ctx, err) : show_subscribe(ctx, in, &err);
}

Response check_email_page(core::Context& ctx) {
  return core::render_page(
      ctx, {.template_name = "comms/check_email", .title = "Check your email", .crumbs = kNewsletterCrumbs});
}

Response confirm_page(core::Context& ctx) {
  return token_form(ctx, "comms/confirm", "Confirm your subscription");
}

Response confirm_handler(core::Context& ctx) {
  core::Form f(ctx);
  auto token = f.secret("token", "Confirmation code", 64);
  if (!f.ok()) return core::error_response(ctx, core::Error::not_found("This confirmation link is not valid."));
  auto r = confirm_subscription(ctx.db(), origin_of(ctx), token);
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json())
    return core::resource_response([&](nlohmann::json& j) { to_json(j, SubscriptionState{r->status}); });
  return core::render_page(
      ctx, {.template_name = "comms/confirmed", .title = "You are subscribed", .crumbs = kNewsletterCrumbs});
}

Response unsubscribe_page(core::Context& ctx) {
  return token_form(ctx, "comms/unsubscribe", "Unsubscribe from the newsletter");
}

// RFC 8058: the mail client posts "List-Unsubscribe=One-Click" to the address in the
// List-Unsubscribe header, without cookies; the token in the address is the credential.
Response unsubscribe_handler(core::Context& ctx) {
  auto r = unsubscribe(ctx.db(), origin_of(ctx), ctx.query("token").value_or(""));
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json())
    return core::resource_response([&](nlohmann::json& j) { to_json(j, SubscriptionState{r->status}); });
  return core::render_page(
      ctx, {.template_name = "comms/unsubscribed", .title = "You have unsubscribed", .crumbs = kNewsletterCrumbs});
}

Response archive_page(core::Context& ctx) {
  IssueListView v;
  v.page = core::page_param(ctx);
  v.base_href = "/newsletter/issues";
  {
    auto conn = ctx.db().acquire();
    v.issues = store::list_issues(*conn, "sent", v.page, v.per_page, v.total);
  }
  return core::render_page(ctx, {.template_name = "comms/archive",
                                 .title = "Past newsletters",
                                 .crumbs = kNewsletterCrumbs,
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
}

Response issue_page(core::Context& ctx) {
  auto i = issue_at(ctx);
  if (!i || i->status != "sent") return no_issue(ctx);
  IssueView v{*i};
  auto crumbs = kNewsletterCrumbs;
  crumbs.push_back({"Past newsletters", "/newsletter/issues"});
  return core::render_page(ctx, {.template_name = "comms/issue",
                                 .title = i->subject,
                                 .crumbs = crumbs,
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
}

Response admin_newsletter_page(core::Context& ctx) {
  IssueListView v;
  v.page = core::page_param(ctx);
  v.base_href = "/admin/newsletter";
  {
    auto conn = ctx.db().acquire();
    v.issues = store::list_issues(*conn, "", v.page, v.per_page, v.total);
    v.subscribers = SubscriberCounts{store::count_subscribers(*conn, "confirmed", ""),
                                     store::count_subscribers(*conn, "pending", "")};
  }
  return core::render_page(ctx, {.template_name = "comms/admin_newsletter",
                                 .title = "Newsletter",
                                 .crumbs = {{"Home", "/"}, {"Admin", "/admin"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { admin_screen_json(j, v, ctx.csrf_token); }});
}

Response create_issue_handler(core::Context& ctx) {
  core::Form f(ctx);
  auto in = issue_from_form(f);
  if (f.ok()) {
    auto r = save_issue(ctx.db(), actor_of(ctx), 0, in);
    if (r) {
      if (ctx.wants_json()) return core::resource_response([&](nlohmann::json& j) { to_json(j, IssueView{*r}); }, 201);
      return Response::redirect("/admin/newsletter/" + std::to_string(r->id) + "?done=saved");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  } else if (!f.rejected()) {
    f.add(validate_issue(in));
  }
  auto err = f.invalid("Check the issue");
  if (ctx.wants_json()) return core::error_response(ctx, err);
  Issue blank;
  blank.status = "draft";
  blank.subject = "New issue";
  return show_admin_issue(ctx, blank, in, &err);
}

// Each request while the issue is being sent queues more of it (about a second's worth of
// batches, each its own transaction), so the self-refreshing page carries the sending on.
constexpr std::chrono::milliseconds kSendSlice{1000};

Response admin_issue_page(core::Context& ctx) {
  auto i = issue_at(ctx);
  if (!i) return no_issue(ctx);
  if (i->status == "sending") {
    SendLimits limits;
    limits.budget = kSendSlice;
    auto r = continue_sending(ctx.db(), origin_of(ctx), i->id, limits);
    if (!r) return core::error_response(ctx, r.error());
    i = *r;
  }
  return show_admin_issue(ctx, *i, {i->subject, i->body_markdown}, nullptr);
}

Response update_issue_handler(core::Context& ctx) {
  auto i = issue_at(ctx);
  if (!i) return no_issue(ctx);
  core::Form f(ctx);
  auto in = issue_from_form(f);
  if (f.ok()) {
    auto r = save_issue(ctx.db(), actor_of(ctx), i->id, in);
    if (r) {
      if (ctx.wants_json()) return core::resource_response([&](nlohmann::json& j) { to_json(j, IssueView{*r}); });
      return Response::redirect("/admin/newsletter/" + std::to_string(r->id) + "?done=saved");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  } else if (!f.rejected()) {
    f.add(validate_issue(in));
  }
  auto err = f.invalid("Check the issue");
  return ctx.wants_json() ? core::error_response(ctx, err) : show_admin_issue(ctx, *i, in, &err);
}

Response test_issue_handler(core::Context& ctx) {
  auto i = issue_at(ctx);
  if (!i) return no_issue(ctx);
  if (ctx.principal.email.empty() || !looks_like_email(ctx.principal.email))
    return core::error_response(ctx, core::Error::conflict("Your account has no e-mail address to send a test to."));
  auto r = send_test_issue(ctx.db(), actor_of(ctx), origin_of(ctx), i->id, ctx.principal.email);
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json())
    return core::resource_response([&](nlohmann::json& j) { to_json(j, TestSent{ctx.principal.email}); });
  return Response::redirect("/admin/newsletter/" + std::to_string(i->id) + "?done=test");
}

Response send_issue_handler(core::Context& ctx) {
  auto i = issue_at(ctx);
  if (!i) return no_issue(ctx);
  core::Form f(ctx);
  auto segment = f.text("segment", "Who to send it to", 40);
  if (f.ok() && !segment.empty() && !known_interests(ctx, {segment}))
    f.error("segment", "Select who to send it to from the list");
  if (f.ok()) {
    SendLimits limits;
    limits.budget = kSendSlice;
    auto r = send_issue(ctx.db(), actor_of(ctx), origin_of(ctx), i->id, segment, limits);
    if (r) {
      if (ctx.wants_json()) return core::resource_response([&](nlohmann::json& j) { to_json(j, IssueView{*r}); });
      return Response::redirect("/admin/newsletter/" + std::to_string(r->id) + "?done=sent");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto err = f.invalid("Check who to send it to");
  return ctx.wants_json() ? core::error_response(ctx, err)
                          : show_admin_issue(ctx, *i, {i->subject, i->body_markdown}, &err);
}

}  // namespace goldthread::comms
