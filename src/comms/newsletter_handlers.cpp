// The newsletter's pages: subscribe, confirm, unsubscribe, the archive and the admin's
// compose / preview / test / send pages.
#include <algorithm>
#include <nlohmann/json.hpp>

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
using nlohmann::json;

Origin origin_of(core::Context& ctx) {
  return {ctx.request().request_id, ctx.app().config().base_url};
}

json interest_choices(core::Context& ctx, const std::vector<std::string>& selected) {
  auto conn = ctx.db().acquire();
  json ambitions = json::array(), areas = json::array();
  const auto& place = places::current_place(ctx, *conn);
  auto checked = [&](const std::string& v) { return std::find(selected.begin(), selected.end(), v) != selected.end(); };
  if (place) {
    for (const auto& a : places::list_ambitions(*conn, place->id)) {
      auto v = "ambition:" + std::to_string(a.id);
      ambitions.push_back({{"value", v},
                           {"id", "interest-a" + std::to_string(a.id)},
                           {"text", a.title},
                           {"slug", a.slug},
                           {"checked", checked(v)}});
    }
    for (const auto& a : places::list_areas(*conn, place->id)) {
      auto v = "area:" + a.code;
      areas.push_back(
          {{"value", v}, {"id", "interest-" + a.code}, {"text", a.name}, {"code", a.code}, {"checked", checked(v)}});
    }
  }
  return {{"ambitions", ambitions}, {"areas", areas}, {"has_areas", !areas.empty()}};
}

bool known_interests(core::Context& ctx, const std::vector<std::string>& values) {
  if (values.empty()) return true;
  auto c = interest_choices(ctx, {});
  for (const auto& v : values) {
    bool found = false;
    for (const auto* list : {&c["ambitions"], &c["areas"]})
      for (const auto& x : *list)
        if (x["value"] == v) found = true;
    if (!found) return false;
  }
  return true;
}

std::string local_path(const std::string& s, const std::string& fallback) {
  if (s.empty() || s[0] != '/' || (s.size() > 1 && (s[1] == '/' || s[1] == '\\'))) return fallback;
  if (s.find_first_of("\r\n\\") != std::string::npos) return fallback;
  return s;
}

namespace {

const std::vector<core::Crumb> kCrumbs = {{"Home", "/"}, {"Newsletter", "/newsletter"}};
const std::vector<core::Crumb> kAdminCrumbs = {{"Home", "/"}, {"Admin", "/admin"}, {"Newsletter", "/admin/newsletter"}};

// Each valid request sends a confirmation mail to the address typed, so the budget is small:
// enough for a household on one address, not enough to flood someone else's inbox.
const core::abuse::Limit kSubscribeLimit{"newsletter-subscribe", 5, 10, std::chrono::hours(1),
                                         "subscribe to the newsletter"};

Response show_subscribe(core::Context& ctx, const SubscribeInput& in, const core::Error* err) {
  json model = {{"interests", interest_choices(ctx, in.interests)},
                {"values", {{"email", in.email}}},
                {"csrf_token", ctx.csrf_token},
                {"error_for", json::object()}};
  if (err) core::attach_errors(model, *err);
  return core::render_page(ctx, "comms/subscribe", "Get the newsletter", model, err ? 400 : 200, {{"Home", "/"}});
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

core::audit::Actor actor_of(core::Context& ctx) {
  return core::audit::Actor::from(ctx.principal, 0, ctx.request().request_id);
}

// The choices of who to send to: everyone, or subscribers with one interest, with counts.
json segment_choices(core::Context& ctx, const std::string& selected) {
  auto conn = ctx.db().acquire();
  json out = json::array();
  out.push_back(
      {{"value", ""},
       {"text", "Everyone (" + core::count_of(store::count_subscribers(*conn, "confirmed", ""), "subscriber") + ")"},
       {"selected", selected.empty()}});
  auto c = interest_choices(ctx, {});
  for (const auto* list : {&c["ambitions"], &c["areas"]})
    for (const auto& x : *list) {
      auto v = x["value"].get<std::string>();
      out.push_back({{"value", v},
                     {"text", x["text"].get<std::string>() + " (" +
                                  core::count_of(store::count_subscribers(*conn, "confirmed", v), "subscriber") + ")"},
                     {"selected", v == selected}});
    }
  return out;
}

Response show_admin_issue(core::Context& ctx, const Issue& i, const IssueInput& in, const core::Error* err) {
  if (ctx.wants_json() && !err) {
    auto conn = ctx.db().acquire();
    auto p = core::mail::batch_progress(*conn, issue_batch(i.id));
    auto j = issue_resource(i);
    j["progress"] = {{"queued", p.queued + p.sending}, {"sent", p.sent}, {"failed", p.dead}, {"total", p.total()}};
    return Response::json(j.dump());
  }
  json model = {{"issue", issue_item(i)},
                {"values", {{"subject", in.subject}, {"body", in.body_markdown}}},
                {"segments", segment_choices(ctx, i.segment)},
                {"csrf_token", ctx.csrf_token},
                {"error_for", json::object()}};
  auto done = ctx.query("done").value_or("");
  model["saved"] = done == "saved";
  model["tested"] = done == "test";
  model["just_sent"] = done == "sent";
  model["your_email"] = ctx.principal.email;
  if (i.status == "sending") {
    // Queuing: "Queued 12,000 of 100,000", a <progress> bar, and the page refreshes itself
    // (meta refresh, no JavaScript) until every batch is queued.
    model["queuing"] = {{"queued", i.queued},
                        {"recipients", i.recipients},
                        {"text", "Queued " + core::with_commas(static_cast<std::size_t>(i.queued)) + " of " +
                                     core::with_commas(static_cast<std::size_t>(i.recipients))}};
  }
  if (i.status == "sent") {
    auto conn = ctx.db().acquire();
    auto p = core::mail::batch_progress(*conn, issue_batch(i.id));
    model["progress"] = {{"sent", p.sent},
                         {"total", p.total()},
                         {"waiting", p.queued + p.sending},
                         {"failed", p.dead},
                         {"has_failed", p.dead > 0},
                         {"text", core::with_commas(static_cast<std::size_t>(p.sent)) + " of " +
                                      core::count_of(p.total(), "message") + " sent"},
                         {"complete", p.queued + p.sending == 0}};
  }
  if (err) core::attach_errors(model, *err);
  auto crumbs = kAdminCrumbs;
  auto res = core::render_page(ctx, "comms/admin_issue", i.subject, model, err ? 400 : 200, crumbs);
  // The HTTP Refresh header (what <meta http-equiv="refresh"> stands for): the browser asks
  // again in 2 seconds, JavaScript or not, until the issue is sent.
  if (i.status == "sending") res.headers.set("Refresh", "2");
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
      if (ctx.wants_json()) return Response::json(json{{"status", "pending"}}.dump(), 202);
      return Response::redirect("/newsletter/check-email");
    }
    return core::error_response(ctx, r.error());
  }
  auto err = f.invalid("Check your details");
  return ctx.wants_json() ? core::error_response(ctx, err) : show_subscribe(ctx, in, &err);
}

Response check_email_page(core::Context& ctx) {
  return core::render_page(ctx, "comms/check_email", "Check your email", json::object(), 200, kCrumbs);
}

Response confirm_page(core::Context& ctx) {
  json model = {{"token", ctx.query("token").value_or("")}, {"csrf_token", ctx.csrf_token}};
  return core::render_page(ctx, "comms/confirm", "Confirm your subscription", model, 200, kCrumbs);
}

Response confirm_handler(core::Context& ctx) {
  core::Form f(ctx);
  auto token = f.secret("token", "Confirmation code", 64);
  if (!f.ok()) return core::error_response(ctx, core::Error::not_found("This confirmation link is not valid."));
  auto r = confirm_subscription(ctx.db(), origin_of(ctx), token);
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json()) return Response::json(json{{"status", r->status}}.dump());
  return core::render_page(ctx, "comms/confirmed", "You are subscribed", json::object(), 200, kCrumbs);
}

Response unsubscribe_page(core::Context& ctx) {
  json model = {{"token", ctx.query("token").value_or("")}, {"csrf_token", ctx.csrf_token}};
  return core::render_page(ctx, "comms/unsubscribe", "Unsubscribe from the newsletter", model, 200, kCrumbs);
}

// RFC 8058: the mail client posts "List-Unsubscribe=One-Click" to the address in the
// List-Unsubscribe header, without cookies; the token in the address is the credential.
Response unsubscribe_handler(core::Context& ctx) {
  auto r = unsubscribe(ctx.db(), origin_of(ctx), ctx.query("token").value_or(""));
  if (!r) return core::error_response(ctx, r.error());
  if (ctx.wants_json()) return Response::json(json{{"status", r->status}}.dump());
  return core::render_page(ctx, "comms/unsubscribed", "You have unsubscribed", json::object(), 200, kCrumbs);
}

Response archive_page(core::Context& ctx) {
  int page = core::page_param(ctx);
  std::int64_t total = 0;
  std::vector<Issue> issues;
  {
    auto conn = ctx.db().acquire();
    issues = store::list_issues(*conn, "sent", page, 20, total);
  }
  json items = json::array();
  for (const auto& i : issues) items.push_back(ctx.wants_json() ? issue_resource(i) : issue_item(i));
  if (ctx.wants_json()) return Response::json(json{{"issues", items}, {"total", total}, {"page", page}}.dump());
  json model = {{"issues", items}, {"has_issues", !items.empty()}, {"total_text", core::count_of(total, "issue")}};
  model["pagination"] = core::pagination("/newsletter/issues", page, 20, total);
  return core::render_page(ctx, "comms/archive", "Past newsletters", model, 200, kCrumbs);
}

Response issue_page(core::Context& ctx) {
  auto i = issue_at(ctx);
  if (!i || i->status != "sent") return no_issue(ctx);
  if (ctx.wants_json()) return Response::json(issue_resource(*i).dump());
  auto crumbs = kCrumbs;
  crumbs.push_back({"Past newsletters", "/newsletter/issues"});
  return core::render_page(ctx, "comms/issue", i->subject, {{"issue", issue_item(*i)}}, 200, crumbs);
}

Response admin_newsletter_page(core::Context& ctx) {
  std::int64_t total = 0, confirmed = 0, pending = 0;
  std::vector<Issue> issues;
  int page = core::page_param(ctx);
  {
    auto conn = ctx.db().acquire();
    issues = store::list_issues(*conn, "", page, 20, total);
    confirmed = store::count_subscribers(*conn, "confirmed", "");
    pending = store::count_subscribers(*conn, "pending", "");
  }
  json items = json::array();
  for (const auto& i : issues) items.push_back(ctx.wants_json() ? issue_resource(i) : issue_item(i));
  if (ctx.wants_json())
    return Response::json(
        json{{"issues", items}, {"total", total}, {"subscribers", {{"confirmed", confirmed}, {"pending", pending}}}}
            .dump());
  json model = {{"issues", items},
                {"has_issues", !items.empty()},
                {"confirmed_text", core::count_of(confirmed, "confirmed subscriber")},
                {"pending_text", core::count_of(pending, "address", "addresses") + " waiting for confirmation"},
                {"values", {{"subject", ""}, {"body", ""}}},
                {"csrf_token", ctx.csrf_token},
                {"error_for", json::object()}};
  model["pagination"] = core::pagination("/admin/newsletter", page, 20, total);
  return core::render_page(ctx, "comms/admin_newsletter", "Newsletter", model, 200,
                           {{"Home", "/"}, {"Admin", "/admin"}});
}

Response create_issue_handler(core::Context& ctx) {
  core::Form f(ctx);
  auto in = issue_from_form(f);
  if (f.ok()) {
    auto r = save_issue(ctx.db(), actor_of(ctx), 0, in);
    if (r) {
      if (ctx.wants_json()) return Response::json(issue_resource(*r).dump(), 201);
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
      if (ctx.wants_json()) return Response::json(issue_resource(*r).dump());
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
  if (ctx.wants_json()) return Response::json(json{{"sent_to", ctx.principal.email}}.dump());
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
      if (ctx.wants_json()) return Response::json(issue_resource(*r).dump());
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
