// Routes of live conversations: opening one, taking part (vote, skip, change a vote, add a
// statement), moderation, the Pol.is open-data export, and the results page's live parts.
#include <algorithm>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>

#include "core/abuse.hpp"
#include "core/app.hpp"
#include "core/context.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/registry.hpp"
#include "core/text.hpp"
#include "engagement/live.hpp"
#include "engagement/live_runtime.hpp"
#include "engagement/live_store.hpp"
#include "engagement/live_views.hpp"

namespace goldthread::engagement {
namespace {
constexpr const char* kCookie = "gt_participant";

struct Loaded {
  Conversation conversation;
  std::optional<LiveSettings> settings;
  std::vector<LiveStatement> statements;
};

// Per App: a conversation's settings and statements for up to a second (dropped at once by
// this server's own writes), and browsers' participant numbers (never change once made), so a
// vote costs no more than its share of a group commit.
struct LiveCache {
  std::mutex mu;
  std::map<std::string, std::pair<std::chrono::steady_clock::time_point, std::shared_ptr<const Loaded>>> loaded;
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> pids;
};
struct LiveCacheKey {
  using type = LiveCache;
};

std::shared_ptr<const Loaded> load(core::Context& ctx) {
  auto& cache = ctx.app().state<LiveCacheKey>();
  const auto& slug = ctx.param("slug");
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard g(cache.mu);
    auto it = cache.loaded.find(slug);
    if (it != cache.loaded.end() && now - it->second.first < std::chrono::seconds(1)) return it->second.second;
  }
  auto conn = ctx.db().acquire();
  auto c = try_find_conversation(*conn, slug);
  if (!c) return nullptr;
  auto l =
      std::make_shared<const Loaded>(Loaded{*c, try_live_settings(*conn, c->id), list_live_statements(*conn, c->id)});
  std::lock_guard g(cache.mu);
  if (cache.loaded.size() > 1000) cache.loaded.clear();
  cache.loaded[slug] = {now, l};
  return l;
}

void forget(core::Context& ctx, const std::string& slug) {
  auto& cache = ctx.app().state<LiveCacheKey>();
  std::lock_guard g(cache.mu);
  cache.loaded.erase(slug);
}

std::optional<std::int64_t> known_browser(core::Context& ctx, std::int64_t conversation_id,
                                          const std::string& browser) {
  auto& cache = ctx.app().state<LiveCacheKey>();
  std::lock_guard g(cache.mu);
  if (auto it = cache.pids.find({conversation_id, browser}); it != cache.pids.end()) return it->second;
  return std::nullopt;
}

void remember_browser(core::Context& ctx, std::int64_t conversation_id, const std::string& browser, std::int64_t pid) {
  auto& cache = ctx.app().state<LiveCacheKey>();
  std::lock_guard g(cache.mu);
  if (cache.pids.size() > 1'000'000) cache.pids.clear();
  cache.pids[{conversation_id, browser}] = pid;
}

// The participant for a vote or statement (made when new). Anonymous browsers' numbers are
// remembered; signed-in people's are looked up (their browser row may be joined to them).
std::optional<std::int64_t> voter(core::Context& ctx, std::int64_t conversation_id, const std::string& browser) {
  if (ctx.principal.signed_in())
    return participant_for(ctx.db(), conversation_id, browser, ctx.principal.user_id, true);
  if (auto pid = known_browser(ctx, conversation_id, browser)) return pid;
  auto pid = participant_for(ctx.db(), conversation_id, browser, 0, true);
  if (pid) remember_browser(ctx, conversation_id, browser, *pid);
  return pid;
}

core::Response not_found(core::Context& ctx) {
  return core::error_page(ctx, 404, "Page not found", "There is no conversation at this address.");
}

std::string today() {
  return core::now_utc().substr(0, 10);
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool token_shaped(const std::string& s) {
  return s.size() == 32 &&
         std::all_of(s.begin(), s.end(), [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); });
}

// The browser's participant id (cookie), or a new one to set with `with_cookie`.
std::string browser_id(core::Context& ctx, bool& fresh) {
  auto c = ctx.request().cookie(kCookie);
  if (c && token_shaped(*c)) {
    fresh = false;
    return *c;
  }
  static thread_local std::random_device rd;
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 8; ++i) {
    auto r = rd();
    for (int k = 0; k < 4; ++k) out += hex[(r >> (k * 8)) & 0xF];
  }
  fresh = true;
  return out;
}

core::Response with_cookie(core::Context& ctx, core::Response r, const std::string& id, bool fresh) {
  if (fresh)
    r.headers.add("set-cookie", std::string(kCookie) + "=" + id +
                                    "; Path=/conversations; HttpOnly; SameSite=Lax; "
                                    "Max-Age=31536000" +
                                    (ctx.request().secure ? "; Secure" : ""));
  return r;
}

std::vector<std::int64_t> parse_skipped(const std::string& s) {
  std::vector<std::int64_t> out;
  std::size_t pos = 0;
  while (pos < s.size() && out.size() < 200) {
    auto comma = s.find(',', pos);
    if (comma == std::string::npos) comma = s.size();
    auto part = s.substr(pos, comma - pos);
    if (!part.empty() && part.size() < 12 && std::all_of(part.begin(), part.end(), ::isdigit))
      out.push_back(std::stoll(part));
    pos = comma + 1;
  }
  return out;
}

std::string skipped_text(const std::vector<std::int64_t>& v) {
  std::string out;
  for (auto t : v) out += (out.empty() ? "" : ",") + std::to_string(t);
  return out;
}

// Everything the take-part page shows, for this browser or account.
TakePartView take_part(core::Context& ctx, const Loaded& l, const std::string& browser,
                       const std::vector<std::int64_t>& skipped, std::optional<std::int64_t> want_tid) {
  TakePartView v;
  v.conversation = l.conversation;
  v.live = l.settings.has_value();
  if (l.settings) v.settings = *l.settings;
  v.open = v.live && is_open(v.settings, today());
  v.sign_in_needed = v.open && !v.settings.anonymous && !ctx.principal.signed_in();
  v.may_vote = v.open && !v.sign_in_needed;
  v.skipped = skipped_text(skipped);
  if (!v.live) return v;
  auto pid = participant_for(ctx.db(), l.conversation.id, browser, ctx.principal.user_id, false);
  std::map<std::int64_t, int> mine;
  if (pid) {
    auto conn = ctx.db().acquire();
    mine = votes_of(*conn, l.conversation.id, *pid);
  }
  auto snap = live_runtime(ctx.app()).map(l.conversation.id, std::chrono::milliseconds(0));
  const LiveStatement* best = nullptr;
  double best_p = 0;
  for (const auto& st : l.statements) {
    if (!is_votable(st, v.settings)) continue;
    ++v.total;
    if (mine.count(st.tid)) ++v.voted;
    if (want_tid && st.tid == *want_tid) {
      v.statement = st;
      if (mine.count(st.tid)) v.current_vote = mine[st.tid];
    }
    if (mine.count(st.tid) || std::find(skipped.begin(), skipped.end(), st.tid) != skipped.end()) continue;
    // The engine's comment priority; a statement nobody has voted on yet comes first (§12).
    double p = std::numeric_limits<double>::max();
    if (snap) {
      auto it = snap->priority.find(st.tid);
      if (it != snap->priority.end()) p = it->second;
    }
    if (!best || p > best_p) best = &st, best_p = p;
  }
  if (!v.statement && best) v.statement = *best;
  return v;
}

core::Response render_take_part(core::Context& ctx, const TakePartView& v, int status = 200) {
  return core::render_page(ctx, {.template_name = "engagement/live_vote",
                                 .title = (v.error ? "Error: " : "") + v.conversation.title + ": take part",
                                 .crumbs = {{"Home", "/"},
                                            {"Conversations", "/conversations"},
                                            {v.conversation.title, "/conversations/" + v.conversation.slug}},
                                 .status = status,
                                 .resource = [&](nlohmann::json& j) { take_part_resource(j, v); },
                                 .screen = [&](nlohmann::json& j) { take_part_screen(j, v); }});
}

core::Response take_part_page(core::Context& ctx) {
  auto l = load(ctx);
  if (!l) return not_found(ctx);
  bool fresh = false;
  auto browser = browser_id(ctx, fresh);
  std::optional<std::int64_t> want;
  if (auto t = ctx.query("tid"); t && !t->empty() && t->size() < 12 && std::all_of(t->begin(), t->end(), ::isdigit))
    want = std::stoll(*t);
  auto v = take_part(ctx, *l, browser, parse_skipped(ctx.query("skipped").value_or("")), want);
  v.banner = ctx.query("done").value_or("");
  return render_take_part(ctx, v);
}

core::Response closed(core::Context& ctx) {
  return core::error_page(ctx, 409, "This conversation is not open",
                          "Votes and statements are taken only while a conversation is open.");
}

core::Response vote(core::Context& ctx) {
  auto l = load(ctx);
  if (!l) return not_found(ctx);
  core::Form f(ctx);
  auto tid = f.number("tid", "Statement", 0, std::numeric_limits<std::int32_t>::max());
  auto choice = f.text("vote", "Vote", 10);
  auto skipped = parse_skipped(f.text("skipped", "Skipped statements", 2000));
  if (!l->settings || !is_open(*l->settings, today())) return closed(ctx);
  if (!l->settings->anonymous && !ctx.principal.signed_in())
    return core::Response::redirect("/sign-in?next=" +
                                    core::url_encode("/conversations/" + l->conversation.slug + "/vote"));
  if (choice != "agree" && choice != "disagree" && choice != "pass" && choice != "skip")
    f.error("vote", "Select agree, disagree, pass or skip");
  const LiveStatement* st = nullptr;
  for (const auto& s : l->statements)
    if (tid && s.tid == *tid && is_votable(s, *l->settings)) st = &s;
  if (!st) f.error("tid", "That statement is not in this conversation");
  bool fresh = false;
  auto browser = browser_id(ctx, fresh);
  if (!f.ok()) {
    auto v = take_part(ctx, *l, browser, skipped, std::nullopt);
    v.error = f.invalid("Choose how you vote");
    return with_cookie(ctx, render_take_part(ctx, v, 400), browser, fresh);
  }
  if (choice == "skip") {
    skipped.push_back(st->tid);
  } else {
    int value = choice == "agree" ? 1 : choice == "disagree" ? -1 : 0;
    // An anonymous browser new to this server has its participant found or made by the
    // group-commit writer, in the vote's own transaction.
    const bool anonymous = !ctx.principal.signed_in();
    std::optional<std::int64_t> pid =
        anonymous ? known_browser(ctx, l->conversation.id, browser) : voter(ctx, l->conversation.id, browser);
    if (!anonymous && !pid)
      return core::error_page(ctx, 503, "Sorry, there is a problem", "Your vote was not saved. Try again.");
    auto ok = live_runtime(ctx.app()).record({{l->conversation.id, pid.value_or(-1), st->tid, value, now_ms()}},
                                             anonymous && !pid ? browser : std::string());
    if (!ok) return core::error_response(ctx, ok.error());
    if (anonymous && !pid) remember_browser(ctx, l->conversation.id, browser, ok.value());
  }
  if (ctx.wants_json()) {
    auto v = take_part(ctx, *l, browser, skipped, std::nullopt);
    return with_cookie(ctx, core::resource_response([&](nlohmann::json& j) { take_part_resource(j, v); }), browser,
                       fresh);
  }
  std::string to = "/conversations/" + l->conversation.slug + "/vote?done=" + (choice == "skip" ? "skipped" : "voted");
  if (!skipped.empty()) to += "&skipped=" + skipped_text(skipped);
  return with_cookie(ctx, core::Response::redirect(to), browser, fresh);
}

core::Response add_statement_handler(core::Context& ctx) {
  auto l = load(ctx);
  if (!l) return not_found(ctx);
  core::Form f(ctx);
  auto text = f.text("statement", "Statement", kStatementMax);
  if (!l->settings || !is_open(*l->settings, today())) return closed(ctx);
  if (!l->settings->participants_add)
    return core::error_page(ctx, 409, "Statements are not taken here",
                            "The people running this conversation chose its statements themselves.");
  if (!l->settings->anonymous && !ctx.principal.signed_in())
    return core::Response::redirect("/sign-in?next=" +
                                    core::url_encode("/conversations/" + l->conversation.slug + "/vote"));
  bool fresh = false;
  auto browser = browser_id(ctx, fresh);
  std::optional<std::int64_t> person;
  if (ctx.principal.signed_in()) person = ctx.principal.user_id;
  auto fail = [&](const core::Error& e) {
    auto v = take_part(ctx, *l, browser, {}, std::nullopt);
    v.statement_text = text;
    v.error = e;
    int status = e.kind == core::ErrorKind::too_many ? 429 : 400;
    return with_cookie(ctx, render_take_part(ctx, v, status), browser, fresh);
  };
  if (!f.ok()) return fail(f.invalid("Check your statement"));
  if (auto s = core::abuse::check_honeypot(ctx); !s) return fail(s.error());
  if (auto s = core::abuse::check_duplicate(ctx, "live-statement", person, text, "statement"); !s)
    return fail(s.error());
  if (auto s =
          core::abuse::allow_write(ctx, {"live-statement", 10, 30, std::chrono::minutes(10), "add statements"}, person);
      !s)
    return fail(s.error());
  auto pid = voter(ctx, l->conversation.id, browser);
  if (!pid) return core::error_page(ctx, 503, "Sorry, there is a problem", "Your statement was not saved. Try again.");
  auto r = add_statement(ctx.db(), core::audit::Actor::from(ctx.principal, 0, ctx.request().request_id),
                         l->conversation, *l->settings, *pid, text);
  if (!r) return fail(r.error());
  core::abuse::remember_post(ctx, "live-statement", person, text);
  live_runtime(ctx.app()).invalidate(l->conversation.id);
  forget(ctx, l->conversation.slug);
  bool waiting = l->settings->moderation == "before";
  if (ctx.wants_json())
    return with_cookie(ctx,
                       core::resource_response(
                           [&](nlohmann::json& j) {
                             j = {{"tid", r->tid}, {"text", r->body}, {"status", waiting ? "waiting" : "published"}};
                           },
                           201),
                       browser, fresh);
  return with_cookie(ctx,
                     core::Response::redirect("/conversations/" + l->conversation.slug +
                                              "/vote?done=" + (waiting ? "waiting" : "added")),
                     browser, fresh);
}

core::Response render_moderation(core::Context& ctx, const ModerationView& v, int status = 200) {
  return core::render_page(ctx, {.template_name = "engagement/live_moderate",
                                 .title = (v.error ? "Error: " : "") + std::string("Moderate: ") + v.conversation.title,
                                 .crumbs = {{"Home", "/"},
                                            {"Conversations", "/conversations"},
                                            {v.conversation.title, "/conversations/" + v.conversation.slug}},
                                 .status = status,
                                 .resource = [&](nlohmann::json& j) { moderation_resource(j, v); },
                                 .screen = [&](nlohmann::json& j) { moderation_screen(j, v); }});
}

core::Response moderation_page(core::Context& ctx) {
  auto l = load(ctx);
  if (!l) return not_found(ctx);
  ModerationView v{l->conversation, l->statements, ctx.query("done").value_or(""), std::nullopt};
  return render_moderation(ctx, v);
}

core::Response moderate(core::Context& ctx) {
  auto l = load(ctx);
  if (!l) return not_found(ctx);
  core::Form f(ctx);
  auto tid = f.number("tid", "Statement", 0, std::numeric_limits<std::int32_t>::max());
  auto decision = f.text("decision", "Decision", 10);
  auto reason = f.text("reason", "Reason", kRejectReasonMax);
  if (decision != "accept" && decision != "reject") f.error("decision", "Select accept or reject");
  if (!tid) f.error("tid", "Select a statement");
  core::Status s = core::ok_status();
  if (f.ok()) {
    s = moderate_statement(ctx.db(), core::audit::Actor::from(ctx.principal, 0, ctx.request().request_id),
                           l->conversation, *tid, decision == "accept" ? 1 : -1, reason);
    if (!s) f.add(s.error());
  }
  if (!f.ok()) {
    ModerationView v{l->conversation, l->statements, "", f.invalid("Check the decision")};
    return render_moderation(ctx, v, s.ok() ? 400 : (s.error().kind == core::ErrorKind::not_found ? 404 : 400));
  }
  live_runtime(ctx.app()).invalidate(l->conversation.id);
  forget(ctx, l->conversation.slug);
  if (ctx.wants_json())
    return core::resource_response([&](nlohmann::json& j) { j = {{"tid", *tid}, {"decision", decision}}; });
  return core::Response::redirect("/conversations/" + l->conversation.slug +
                                  "/moderate?done=" + (decision == "accept" ? "accepted" : "rejected"));
}

core::Response export_file(core::Context& ctx) {
  auto l = load(ctx);
  if (!l) return not_found(ctx);
  auto files = export_polis(ctx.db(), l->conversation);
  auto it = files.find(ctx.param("file"));
  if (it == files.end()) return not_found(ctx);
  auto r = core::Response::text(it->second, 200, "text/csv; charset=utf-8");
  r.headers.set("content-disposition", "attachment; filename=\"" + l->conversation.slug + "-" + it->first + "\"");
  return r;
}

NewConversationView read_new(core::Form& f) {
  NewConversationView v;
  auto& n = v.values;
  n.question = f.text("question", "Question", kQuestionMax);
  n.description = f.paragraph("description", "Description", kDescriptionMax);
  v.ambitions_text = f.paragraph("ambitions", "Ambitions", 2000);
  v.areas_text = f.paragraph("areas", "Areas", 2000);
  v.seeds_text = f.paragraph("seeds", "Statements to start with", kMaxSeedStatements * (kStatementMax + 2));
  n.ambitions = f.lines("ambitions", "Ambitions", 20, 200);
  n.areas = f.lines("areas", "Areas", 20, 200);
  n.seeds = f.lines("seeds", "Statements to start with", kMaxSeedStatements, kStatementMax);
  n.moderation = f.text("moderation", "Moderation", 10);
  n.participants_add = f.flag("participants_add");
  n.anonymous = f.flag("anonymous");
  n.opens_on = f.date("opens_on", "Opening date");
  n.closes_on = f.date("closes_on", "Closing date");
  return v;
}

core::Response render_new(core::Context& ctx, const NewConversationView& v, int status = 200) {
  return core::render_page(ctx, {.template_name = "engagement/live_new",
                                 .title = std::string(v.error ? "Error: " : "") + "Open a conversation",
                                 .crumbs = {{"Home", "/"}, {"Conversations", "/conversations"}},
                                 .status = status,
                                 .resource = {},
                                 .screen = [&](nlohmann::json& j) { new_conversation_screen(j, v); }});
}

core::Response new_page(core::Context& ctx) {
  NewConversationView v;
  v.values.moderation = "after";
  return render_new(ctx, v);
}

core::Response create(core::Context& ctx) {
  core::Form f(ctx);
  auto v = read_new(f);
  if (f.ok()) {
    auto r = open_conversation(ctx.db(), core::audit::Actor::from(ctx.principal, 0, ctx.request().request_id),
                               ctx.principal.user_id, v.values);
    if (r) {
      if (ctx.wants_json())
        return core::resource_response(
            [&](nlohmann::json& j) {
              j = {{"slug", *r}, {"links", {{"self", "/conversations/" + *r}}}};
            },
            201);
      return core::Response::redirect("/conversations/" + *r + "/vote?done=opened");
    }
    f.add(r.error());
  }
  v.error = f.invalid("Check the conversation's details");
  return render_new(ctx, v, 400);
}

}  // namespace

bool add_live_results(core::Context& ctx, const Conversation& c, nlohmann::json& model, std::int64_t* map_votes) {
  LiveResults r;
  {
    auto conn = ctx.db().acquire();
    auto s = try_live_settings(*conn, c.id);
    if (!s) return false;
    r.settings = *s;
  }
  r.snapshot = live_runtime(ctx.app()).map(c.id);
  bool fresh = false;
  auto browser = browser_id(ctx, fresh);
  if (!fresh || ctx.principal.signed_in()) {
    if (auto pid = participant_for(ctx.db(), c.id, fresh ? "" : browser, ctx.principal.user_id, false)) {
      auto conn = ctx.db().acquire();
      r.my_votes = static_cast<std::int64_t>(votes_of(*conn, c.id, *pid).size());
      if (r.snapshot)
        if (auto it = r.snapshot->pid_group.find(*pid); it != r.snapshot->pid_group.end()) r.my_group = it->second;
    }
  }
  if (r.snapshot) model["map"] = r.snapshot->map;
  if (map_votes) *map_votes = r.snapshot ? r.snapshot->votes : 0;
  nlohmann::json live;
  if (ctx.wants_json())
    live_results_resource(live, r);
  else
    live_results_screen(live, r);
  live["open"] = is_open(r.settings, today());
  model["live"] = live;
  model["export"] = {{"votes", "/conversations/" + c.slug + "/export/votes.csv"},
                     {"comments", "/conversations/" + c.slug + "/export/comments.csv"},
                     {"participants_votes", "/conversations/" + c.slug + "/export/participants-votes.csv"},
                     {"summary", "/conversations/" + c.slug + "/export/summary.csv"}};
  return true;
}

void register_live(core::Registry& r) {
  using core::Access;
  using core::Role;
  r.add_route("GET", "/conversations/new", Access::any_of({Role::place_admin, Role::partner_member}), new_page);
  r.add_route("POST", "/conversations", Access::any_of({Role::place_admin, Role::partner_member}), create);
  r.add_route("GET", "/conversations/{slug}/vote", Access::anyone(), take_part_page);
  r.add_route("POST", "/conversations/{slug}/vote", Access::anyone(), vote);
  r.add_route("POST", "/conversations/{slug}/statements", Access::anyone(), add_statement_handler);
  r.add_route("GET", "/conversations/{slug}/moderate", Access::any_of({Role::place_admin, Role::moderator}),
              moderation_page);
  r.add_route("POST", "/conversations/{slug}/moderate", Access::any_of({Role::place_admin, Role::moderator}), moderate);
  r.add_route("GET", "/conversations/{slug}/export/{file}", Access::anyone(), export_file);
}

}  // namespace goldthread::engagement
