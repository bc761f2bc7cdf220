// JSON of live conversations' pages: screen models for the templates, resources for the
// JSON twin (fields, links, numbers as numbers, dates ISO; no screen state).
#include "engagement/live_views.hpp"

#include <nlohmann/json.hpp>

#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::engagement {
using nlohmann::json;
namespace {

const char* vote_word(int v) {
  return v == 1 ? "agree" : v == -1 ? "disagree" : "pass";
}

json lines_of(const std::string& text) {
  json out = json::array();
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    if (nl > pos) out.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

json settings_json(const LiveSettings& s) {
  return {{"ambitions", lines_of(s.ambitions)},
          {"areas", lines_of(s.areas)},
          {"moderation", s.moderation},
          {"participants_may_add_statements", s.participants_add},
          {"anonymous_participation", s.anonymous},
          {"opens_on", s.opens_on.empty() ? json(nullptr) : json(s.opens_on)},
          {"closes_on", s.closes_on.empty() ? json(nullptr) : json(s.closes_on)}};
}

json statement_json(const LiveStatement& st) {
  return {{"tid", st.tid}, {"text", st.body}};
}

std::string base(const Conversation& c) {
  return "/conversations/" + c.slug;
}

}  // namespace

void take_part_resource(json& j, const TakePartView& v) {
  j = {{"conversation", {{"slug", v.conversation.slug}, {"question", v.conversation.title}}},
       {"open", v.open},
       {"statement", v.statement ? statement_json(*v.statement) : json(nullptr)},
       {"your_vote", v.current_vote ? json(vote_word(*v.current_vote)) : json(nullptr)},
       {"progress", {{"voted", v.voted}, {"total", v.total}}},
       {"skipped", v.skipped},
       {"links",
        {{"self", base(v.conversation) + "/vote"},
         {"vote", base(v.conversation) + "/vote"},
         {"statements", base(v.conversation) + "/statements"},
         {"results", base(v.conversation)}}}};
}

void take_part_screen(json& j, const TakePartView& v) {
  take_part_resource(j, v);
  j["title"] = v.conversation.title;
  j["description"] = v.conversation.description;
  j["settings"] = settings_json(v.settings);
  j["live"] = v.live;
  j["closed"] = v.live && !v.open;
  j["may_vote"] = v.may_vote;
  j["sign_in_needed"] = v.sign_in_needed;
  j["has_statement"] = v.statement.has_value();
  j["progress_text"] = std::to_string(v.voted) + " of " + std::to_string(v.total);
  j["may_add"] = v.may_vote && v.settings.participants_add;
  j["statement_max"] = kStatementMax;
  j["values"] = {{"statement", v.statement_text}};
  j["banner_voted"] = v.banner == "voted";
  j["banner_added"] = v.banner == "added";
  j["banner_waiting"] = v.banner == "waiting";
  j["before_moderation"] = v.settings.moderation == "before";
  if (v.current_vote) j["current_" + std::string(vote_word(*v.current_vote))] = true;
  if (v.error) core::attach_errors(j, *v.error);
}

void new_conversation_screen(json& j, const NewConversationView& v) {
  const auto& n = v.values;
  auto date_parts = [](const std::string& iso) -> json {
    if (iso.size() != 10) return {{"day", ""}, {"month", ""}, {"year", ""}};
    return {{"year", iso.substr(0, 4)}, {"month", iso.substr(5, 2)}, {"day", iso.substr(8, 2)}};
  };
  j = {{"values",
        {{"question", n.question},
         {"description", n.description},
         {"seeds", v.seeds_text},
         {"ambitions", v.ambitions_text},
         {"areas", v.areas_text},
         {"opens_on", date_parts(n.opens_on)},
         {"closes_on", date_parts(n.closes_on)}}},
       {"moderation_before", n.moderation == "before"},
       {"moderation_after", n.moderation != "before"},
       {"participants_add", n.participants_add},
       {"anonymous", n.anonymous},
       {"statement_max", kStatementMax}};
  if (v.error) core::attach_errors(j, *v.error);
}

void moderation_resource(json& j, const ModerationView& v) {
  j = {{"conversation", {{"slug", v.conversation.slug}, {"question", v.conversation.title}}},
       {"statements", json::array()}};
  for (const auto& st : v.statements)
    j["statements"].push_back({{"tid", st.tid},
                               {"text", st.body},
                               {"status", st.mod == 1    ? "accepted"
                                          : st.mod == -1 ? "rejected"
                                                         : "waiting"},
                               {"reject_reason", st.mod == -1 ? json(st.reject_reason) : json(nullptr)},
                               {"created_at", st.created_at.empty() ? json(nullptr) : json(st.created_at)}});
}

void moderation_screen(json& j, const ModerationView& v) {
  moderation_resource(j, v);
  json waiting = json::array(), decided = json::array();
  for (const auto& st : v.statements) {
    json row = {{"tid", st.tid},           {"text", st.body},          {"reason", st.reject_reason},
                {"accepted", st.mod == 1}, {"rejected", st.mod == -1}, {"added", core::display_date(st.created_at)}};
    (st.mod == 0 ? waiting : decided).push_back(row);
  }
  j["waiting"] = waiting;
  j["decided"] = decided;
  j["has_waiting"] = !waiting.empty();
  j["waiting_count"] = core::count_of(static_cast<std::int64_t>(waiting.size()), "statement");
  j["has_decided"] = !decided.empty();
  j["slug"] = v.conversation.slug;
  j["banner"] = v.banner;
  j["has_banner"] = !v.banner.empty();
  if (v.error) core::attach_errors(j, *v.error);
}

void live_results_resource(json& j, const LiveResults& r) {
  j["settings"] = settings_json(r.settings);
  j["computed_at"] = r.snapshot ? json(r.snapshot->computed_at) : json(nullptr);
  j["computed_from_votes"] = r.snapshot ? r.snapshot->votes : 0;
}

void live_results_screen(json& j, const LiveResults& r) {
  live_results_resource(j, r);
  j["computed_text"] = r.snapshot ? core::display_date_time(r.snapshot->computed_at) : "";
  j["computed_votes_text"] = core::count_of(r.snapshot ? r.snapshot->votes : 0, "vote");
  j["has_my_votes"] = r.my_votes > 0;
  j["my_votes_text"] = core::count_of(r.my_votes, "statement");
  if (r.my_group && r.snapshot) {
    const auto& groups = r.snapshot->map["groups"];
    if (*r.my_group < static_cast<int>(groups.size())) {
      j["my_group"] = groups[static_cast<std::size_t>(*r.my_group)]["name"];
      j["has_my_group"] = true;
    }
  }
}

}  // namespace goldthread::engagement
