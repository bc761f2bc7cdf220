// Following any resource, reading notifications, mail preferences, and the at-once listener.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "assemblies/assemblies.hpp"
#include "comms/comms_service.hpp"
#include "core/follows.hpp"
#include "core/mail.hpp"
#include "core/service.hpp"
#include "engagement/engagement.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "pledges/pledges.hpp"
#include "work/work.hpp"

namespace goldthread::comms {

namespace {

struct Found {
  std::string title, href;
};

// Each followable type and how to find its resource by id.
std::optional<Found> find_resource(core::Connection& c, const std::string& type, std::int64_t id) {
  if (type == "ambition" || type == "area") {
    auto place = places::try_current_place(c);
    if (!place) return std::nullopt;
    if (type == "ambition") {
      for (const auto& a : places::list_ambitions(c, place->id))
        if (a.id == id) return Found{a.title, "/ambitions/" + a.slug};
      return std::nullopt;
    }
    for (const auto& a : places::list_areas(c, place->id))
      if (a.id == id) return Found{a.name, "/areas/" + a.code};
    return std::nullopt;
  }
  if (type == "initiative") {
    if (auto i = work::try_find_initiative_by_id(c, id)) return Found{i->title, "/initiatives/" + i->slug};
  } else if (type == "event") {
    if (auto e = assemblies::try_find_event(c, id)) return Found{e->title, "/events/" + e->slug};
  } else if (type == "organisation") {
    if (auto o = partners::try_find_organisation(c, id)) return Found{o->name, "/organisations/" + o->slug};
  } else if (type == "pledge") {
    if (auto m = pledges::try_find_commitment(c, id); m && m->kind == "pledge") return Found{m->text, m->href};
  } else if (type == "consultation" || type == "conversation") {
    if (auto t = engagement::find_follow_target(c, type, id)) return Found{t->title, t->href};
  }
  return std::nullopt;
}

std::string stop_link(const std::string& base_url, const std::string& token, const std::string& kind) {
  return base_url + "/notifications/stop?token=" + token + "&kind=" + kind;
}

}  // namespace

bool followable(const std::string& type) {
  static const std::vector<std::string> t = {"ambition",     "area",   "initiative",   "event",
                                             "organisation", "pledge", "consultation", "conversation"};
  return std::find(t.begin(), t.end(), type) != t.end();
}

core::Result<FollowOutcome> set_follow(core::Database& db, const core::Principal& who, const core::audit::Actor& actor,
                                       const std::string& type, std::int64_t id, bool follow) {
  if (!followable(type)) return core::Error::not_found("You cannot follow that.");
  return core::transact<FollowOutcome>(db, "Try again", [&](core::Connection& c) -> core::Result<FollowOutcome> {
    auto r = find_resource(c, type, id);
    if (!r) return core::Error::not_found("There is nothing to follow at this address.");
    bool changed =
        follow ? core::follows::follow(c, type, id, who.user_id) : core::follows::unfollow(c, type, id, who.user_id);
    if (changed)
      core::audit::record(c, actor,
                          {follow ? "follow" : "unfollow", type, std::to_string(id), "",
                           core::audit::to_text({{"title", r->title}, {"user_id", who.user_id}})});
    return FollowOutcome{follow, r->title, r->href};
  });
}

core::Status mark_all_read(core::Database& db, const core::audit::Actor& actor, std::int64_t user_id) {
  return core::transact<core::Unit>(db, "Try again", [&](core::Connection& c) -> core::Result<core::Unit> {
    auto n = core::notifications::mark_all_read(c, user_id);
    if (n > 0)
      core::audit::record(
          c, actor, {"read", "notifications", std::to_string(user_id), "", core::audit::to_text({{"marked", n}})});
    return core::Unit{};
  });
}

std::map<std::string, std::string> preferences(core::Connection& c, std::int64_t user_id) {
  std::map<std::string, std::string> out;
  for (const auto& k : kinds()) out[k.key] = kDefaultFrequency;
  auto stored = store::preferences_of(c, {user_id});  // kept: the loop reads into it
  for (const auto& [kind, f] : stored[user_id]) out[kind] = f;
  return out;
}

core::Status save_preferences(core::Database& db, const core::audit::Actor& actor, std::int64_t user_id,
                              const std::map<std::string, std::string>& choices) {
  std::vector<core::FieldError> errs;
  for (const auto& [kind, f] : choices) {
    // The key is named before the lambda: clang 14 (the ASan build) cannot capture a binding.
    const std::string& key = kind;
    bool known = std::any_of(kinds().begin(), kinds().end(), [&](const Kind& k) { return key == k.key; });
    if (!known || std::find(frequencies().begin(), frequencies().end(), f) == frequencies().end())
      errs.push_back({known ? kind : "preferences", "Choose how often to hear about this"});
  }
  if (!errs.empty()) return core::Error::invalid("Check your choices", errs);
  return core::transact<core::Unit>(db, "Try again", [&](core::Connection& c) -> core::Result<core::Unit> {
    nlohmann::json after = nlohmann::json::object();
    for (const auto& [kind, f] : choices) {
      store::set_preference(c, user_id, kind, f);
      after[kind] = f;
    }
    core::audit::record(
        c, actor, {"update", "notification_preferences", std::to_string(user_id), "", core::audit::to_text(after)});
    return core::Unit{};
  });
}

core::Status stop_kind(core::Database& db, const Origin& from, const std::string& token, const std::string& kind) {
  return core::transact<core::Unit>(db, "Try again", [&](core::Connection& c) -> core::Result<core::Unit> {
    std::int64_t user_id = 0;
    if (!token.empty())
      if (auto u = store::user_of_token(c, token)) user_id = *u;
    // A kind, or "daily" / "weekly": every kind now mailed in that digest (a digest's own link).
    bool known = std::any_of(kinds().begin(), kinds().end(), [&](const Kind& k) { return kind == k.key; }) ||
                 kind == "daily" || kind == "weekly";
    if (user_id == 0 || !known) return core::Error::not_found("This link is not valid.");
    core::audit::Actor actor;
    actor.user_id = user_id;
    actor.name = "one-click unsubscribe";
    actor.request_id = from.request_id;
    nlohmann::json after = nlohmann::json::object();
    auto current = preferences(c, user_id);
    for (const auto& k : kinds())
      if (kind == k.key || current[k.key] == kind) {
        store::set_preference(c, user_id, k.key, "never");
        after[k.key] = "never";
      }
    core::audit::record(
        c, actor, {"update", "notification_preferences", std::to_string(user_id), "", core::audit::to_text(after)});
    return core::Unit{};
  });
}

void deliver_at_once(core::Connection& c, const core::notifications::Stored& n,
                     const std::vector<std::int64_t>& recipients, const std::string& base_url) {
  auto prefs = store::preferences_of(c, recipients);
  std::vector<std::int64_t> now_ones;
  for (auto uid : recipients) {
    auto p = prefs[uid].find(n.kind);
    if (p != prefs[uid].end() && p->second == "now") now_ones.push_back(uid);
  }
  if (now_ones.empty()) return;
  auto emails = accounts::emails_of(c, now_ones);
  for (auto uid : now_ones) {
    auto e = emails.find(uid);
    if (e == emails.end()) continue;
    auto token = store::mail_token(c, uid, random_token());
    auto stop = stop_link(base_url, token, n.kind);
    core::mail::Message m{e->second, n.title,
                          n.title + "\n\n" + (n.summary.empty() ? "" : n.summary + "\n\n") + base_url + n.href +
                              "\n\n--\nYou get this at once because you chose to. Stop e-mails about \"" +
                              kind_label(n.kind) + "\" in one click: " + stop + "\nChoose how often: " + base_url +
                              "/account/notifications\n",
                          ""};
    m.headers = {{"List-Unsubscribe", "<" + stop + ">"}, {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
    core::mail::enqueue(c, m);
  }
}

}  // namespace goldthread::comms
