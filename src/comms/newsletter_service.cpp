// The newsletter: double opt-in, one-click unsubscribe (RFC 8058), issues and their sending.
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "accounts/accounts.hpp"
#include "comms/comms.hpp"
#include "comms/comms_service.hpp"
#include "core/mail.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "work/work.hpp"

namespace goldthread::comms {
using nlohmann::json;

namespace {

std::string escape(const std::string& s) {
  return core::html_escape(s);
}

void audit(core::Connection& c, const core::audit::Actor& actor, const std::string& action, const std::string& type,
           std::int64_t id, const json& after) {
  core::audit::record(c, actor, {action, type, std::to_string(id), "", core::audit::to_text(after)});
}

core::audit::Actor visitor(const Origin& from) {
  core::audit::Actor a;
  a.name = "newsletter subscriber";
  a.request_id = from.request_id;
  return a;
}

std::string unsubscribe_link(const Origin& from, const std::string& token) {
  return from.base_url + "/newsletter/unsubscribe?token=" + token;
}

core::mail::Message issue_message(const Origin& from, const Issue& i, const std::string& to, const std::string& token,
                                  const std::string& subject_prefix) {
  auto link = unsubscribe_link(from, token);
  core::mail::Message m{to, subject_prefix + i.subject,
                        i.body_markdown + "\n\n--\nRead this issue online: " + from.base_url + "/newsletter/issues/" +
                            std::to_string(i.id) + "\nUnsubscribe in one click: " + link + "\n",
                        "<!doctype html><html><body>" + i.body_html + "<hr><p><a href=\"" + from.base_url +
                            "/newsletter/issues/" + std::to_string(i.id) +
                            "\">Read this issue online</a></p><p><a href=\"" + escape(link) +
                            "\">Unsubscribe</a></p></body></html>"};
  m.headers = {{"List-Unsubscribe", "<" + link + ">"}, {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
  return m;
}

}  // namespace

std::string random_token() {
  unsigned char buf[24];
  randombytes_buf(buf, sizeof buf);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (auto b : buf) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

std::string issue_batch(std::int64_t id) {
  return "newsletter-" + std::to_string(id);
}

core::Status subscribe(core::Database& db, const Origin& from, const SubscribeInput& in) {
  auto email = normalise_email(in.email);
  return core::transact<core::Unit>(db, "Try again", [&](core::Connection& c) -> core::Result<core::Unit> {
    auto s = store::subscriber_by_email(c, email);
    if (s && s->status == "confirmed") {
      core::mail::enqueue(c, {email, "You are already subscribed to the newsletter",
                              "This address is already subscribed to the newsletter. You need do nothing.\n\n"
                              "To stop it, use the link at the foot of any issue, or: " +
                                  unsubscribe_link(from, s->token) + "\n",
                              ""});
      return core::Unit{};
    }
    auto token = random_token();
    std::int64_t id = 0;
    if (s) {
      store::set_subscriber(c, s->id, "pending", token, in.interests);
      id = s->id;
    } else {
      id = store::insert_subscriber(c, {0, email, token, "pending", in.interests, "", ""});
    }
    audit(c, visitor(from), "subscribe", "newsletter_subscriber", id,
          {{"status", "pending"}, {"interests", in.interests}});
    core::mail::enqueue(c, {email, "Confirm your subscription to the newsletter",
                            "Someone, probably you, asked to get the newsletter at this address.\n\n"
                            "To confirm, open this link:\n" +
                                from.base_url + "/newsletter/confirm?token=" + token +
                                "\n\nIf it was not you, ignore this message: you will get nothing more.\n",
                            ""});
    return core::Unit{};
  });
}

core::Result<Subscriber> confirm_subscription(core::Database& db, const Origin& from, const std::string& token) {
  return core::transact<Subscriber>(db, "Try again", [&](core::Connection& c) -> core::Result<Subscriber> {
    std::optional<Subscriber> s;
    if (!token.empty()) s = store::subscriber_by_token(c, token);
    if (!s || s->status == "unsubscribed")
      return core::Error::not_found("This confirmation link is not valid. Subscribe again to get a new one.");
    if (s->status == "confirmed") return *s;
    store::set_subscriber_status(c, s->id, "confirmed");
    audit(c, visitor(from), "confirm", "newsletter_subscriber", s->id, {{"status", "confirmed"}});
    s->status = "confirmed";
    return *s;
  });
}

core::Result<Subscriber> unsubscribe(core::Database& db, const Origin& from, const std::string& token) {
  return core::transact<Subscriber>(db, "Try again", [&](core::Connection& c) -> core::Result<Subscriber> {
    std::optional<Subscriber> s;
    if (!token.empty()) s = store::subscriber_by_token(c, token);
    if (!s) return core::Error::not_found("This unsubscribe link is not valid.");
    if (s->status == "unsubscribed") return *s;
    store::set_subscriber_status(c, s->id, "unsubscribed");
    audit(c, visitor(from), "unsubscribe", "newsletter_subscriber", s->id, {{"status", "unsubscribed"}});
    s->status = "unsubscribed";
    return *s;
  });
}

std::vector<core::FieldError> validate_issue(const IssueInput& in) {
  std::vector<core::FieldError> out;
  if (in.subject.empty()) out.push_back({"subject", "Enter a subject"});
  if (in.body_markdown.empty())
    out.push_back({"body", "Enter the issue's text"});
  else if (auto p = work::markdown_problem(in.body_markdown, "The issue's text"))
    out.push_back({"body", *p});
  return out;
}

core::Result<Issue> save_issue(core::Database& db, const core::audit::Actor& actor, std::int64_t id,
                               const IssueInput& in) {
  if (auto errs = validate_issue(in); !errs.empty()) return core::Error::invalid("Check the issue", errs);
  auto html = work::markdown_to_html(in.body_markdown);
  return core::transact<Issue>(db, "Try again", [&](core::Connection& c) -> core::Result<Issue> {
    Issue i;
    if (id) {
      auto old = store::find_issue(c, id);
      if (!old) return core::Error::not_found("There is no such issue.");
      if (old->status != "draft") return core::Error::conflict("This issue has been sent and can no longer change.");
      i = *old;
    }
    i.subject = in.subject;
    i.body_markdown = in.body_markdown;
    i.body_html = html;
    i.created_by = actor.user_id;
    if (id)
      store::update_issue(c, i);
    else
      i.id = store::insert_issue(c, i);
    audit(c, actor, id ? "update" : "create", "newsletter_issue", i.id, {{"title", i.subject}});
    return *store::find_issue(c, i.id);
  });
}

core::Status send_test_issue(core::Database& db, const core::audit::Actor& actor, const Origin& from, std::int64_t id,
                             const std::string& to) {
  return core::transact<core::Unit>(db, "Try again", [&](core::Connection& c) -> core::Result<core::Unit> {
    auto i = store::find_issue(c, id);
    if (!i) return core::Error::not_found("There is no such issue.");
    // A test carries a link that unsubscribes nobody.
    core::mail::enqueue(c, issue_message(from, *i, to, "test-" + std::to_string(i->id), "[Test] "));
    audit(c, actor, "send_test", "newsletter_issue", i->id, {{"title", i->subject}});
    return core::Unit{};
  });
}

namespace {

enum class Step { queued, raced, finished };

// One batch in one transaction: the next subscribers after the cursor queued, the cursor moved
// past them; or, when none remain, the issue marked sent.
core::Result<Step> send_batch(core::Database& db, const Origin& from, std::int64_t id, int batch_size) {
  return core::transact<Step>(db, "Try again", [&](core::Connection& c) -> core::Result<Step> {
    auto i = store::find_issue(c, id);
    if (!i) return core::Error::not_found("There is no such issue.");
    if (i->status == "sent") return Step::finished;
    if (i->status != "sending") return core::Error::conflict("This issue is not being sent.");
    auto next = store::confirmed_after(c, i->segment, i->send_cursor, batch_size);
    if (next.empty()) {
      if (!store::finish_issue_sending(c, id, core::now_utc())) return Step::raced;
      core::audit::Actor system;
      system.name = "newsletter sender";
      audit(c, system, "sent", "newsletter_issue", id,
            {{"title", i->subject}, {"segment", i->segment}, {"recipients", i->queued}});
      core::notifications::publish(c, {"newsletter_issue", id, "newsletter", "Newsletter: " + i->subject,
                                       "/newsletter/issues/" + std::to_string(id)});
      return Step::finished;
    }
    // Claim the batch first: a second sender at the same cursor finds it moved and stops.
    if (!store::advance_issue_cursor(c, id, i->send_cursor, next.back().id, static_cast<std::int64_t>(next.size())))
      return Step::raced;
    const auto batch = issue_batch(id);
    for (const auto& s : next) {
      auto m = issue_message(from, *i, s.email, s.token, "");
      m.batch = batch;
      core::mail::enqueue(c, m);
    }
    return Step::queued;
  });
}

}  // namespace

core::Result<Issue> continue_sending(core::Database& db, const Origin& from, std::int64_t id,
                                     const SendLimits& limits) {
  const auto started = std::chrono::steady_clock::now();
  const int size = std::max(1, limits.batch_size);
  const bool rest = limits.sqlite_pause.count() > 0 && db.acquire()->engine() == core::Engine::sqlite;
  int raced = 0;
  for (int n = 0; limits.max_batches <= 0 || n < limits.max_batches;) {
    auto step = send_batch(db, from, id, size);
    if (!step) return step.error();
    if (*step == Step::finished) break;
    if (*step == Step::raced) {
      // Another sender moved the cursor first: read it again (it cannot keep doing so forever).
      if (++raced > 1000) break;
      continue;
    }
    ++n;
    if (limits.on_batch) {
      auto conn = db.acquire();
      if (auto i = store::find_issue(*conn, id)) limits.on_batch(*i);
    }
    if (limits.budget.count() > 0 && std::chrono::steady_clock::now() - started >= limits.budget) break;
    if (rest) std::this_thread::sleep_for(limits.sqlite_pause);
  }
  auto conn = db.acquire();
  auto i = store::find_issue(*conn, id);
  if (!i) return core::Error::not_found("There is no such issue.");
  return *i;
}

core::Result<Issue> send_issue(core::Database& db, const core::audit::Actor& actor, const Origin& from, std::int64_t id,
                               const std::string& segment, const SendLimits& limits) {
  auto started = core::transact<Issue>(db, "Try again", [&](core::Connection& c) -> core::Result<Issue> {
    auto i = store::find_issue(c, id);
    if (!i) return core::Error::not_found("There is no such issue.");
    if (i->status == "sending") return *i;  // a second click resumes
    if (i->status != "draft") return core::Error::conflict("This issue has already been sent.");
    auto total = store::count_subscribers(c, "confirmed", segment);
    if (!store::start_issue_sending(c, i->id, segment, total))
      return core::Error::conflict("This issue has already been sent.");
    audit(c, actor, "send", "newsletter_issue", i->id,
          {{"title", i->subject}, {"segment", segment}, {"recipients", total}});
    return *store::find_issue(c, i->id);
  });
  if (!started) return started.error();
  return continue_sending(db, from, id, limits);
}

}  // namespace goldthread::comms
