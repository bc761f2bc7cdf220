// Services of live conversations: opening one, participants, statements and their
// moderation (each owns its transaction and audits), and the Pol.is open-data export.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "core/csv.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "engagement/conversation_store.hpp"
#include "engagement/live.hpp"
#include "engagement/live_store.hpp"
#include "engagement/opinion_map.hpp"

namespace goldthread::engagement {
namespace {

// Words of a statement for the near-duplicate check.
std::set<std::string> words(const std::string& key) {
  std::set<std::string> out;
  std::size_t pos = 0;
  while (pos < key.size()) {
    auto sp = key.find(' ', pos);
    if (sp == std::string::npos) sp = key.size();
    if (sp > pos) out.insert(key.substr(pos, sp - pos));
    pos = sp + 1;
  }
  return out;
}

// Near duplicates: the same words, or word sets overlapping by 80% or more (Jaccard).
bool near_duplicate(const std::string& a, const std::string& b) {
  auto ka = statement_key(a), kb = statement_key(b);
  if (ka == kb) return true;
  auto wa = words(ka), wb = words(kb);
  if (wa.empty() || wb.empty()) return false;
  std::size_t common = 0;
  for (const auto& w : wa) common += wb.count(w);
  return common * 5 >= (wa.size() + wb.size() - common) * 4;
}

}  // namespace

bool is_open(const LiveSettings& s, const std::string& today) {
  return (s.opens_on.empty() || s.opens_on <= today) && (s.closes_on.empty() || today <= s.closes_on);
}

bool is_votable(const LiveStatement& st, const LiveSettings& s) {
  return st.mod == 1 || (st.mod == 0 && s.moderation == "after");
}

std::string statement_key(const std::string& text) {
  std::string out;
  bool space = false;
  for (unsigned char ch : text) {
    if (std::isalnum(ch) || ch >= 0x80) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(std::tolower(ch));
    } else {
      space = true;
    }
  }
  return out;
}

core::Result<std::string> open_conversation(core::Database& db, const core::audit::Actor& actor, std::int64_t user_id,
                                            const NewConversation& in) {
  std::vector<core::FieldError> errors;
  if (in.question.empty()) errors.push_back({"question", "Enter the question people will answer"});
  if (in.moderation != "before" && in.moderation != "after")
    errors.push_back({"moderation", "Select when statements are moderated"});
  if (!in.opens_on.empty() && !in.closes_on.empty() && in.closes_on < in.opens_on)
    errors.push_back({"closes_on", "The closing date must be on or after the opening date"});
  if (in.seeds.empty()) errors.push_back({"seeds", "Enter at least one statement to start the conversation"});
  for (const auto& s : in.seeds)
    if (core::utf8_length(s) > kStatementMax) {
      errors.push_back({"seeds", "Each statement must be " + std::to_string(kStatementMax) + " characters or fewer"});
      break;
    }
  if (!errors.empty()) return core::Error::invalid("Check the conversation's details", errors);
  return core::transact<std::string>(
      db, "A conversation with that address already exists", [&](core::Connection& c) -> core::Result<std::string> {
        auto slug = core::unique_slug(in.question, "conversation", [&](const std::string& s) {
          return s == "new" || conversation_slug_taken(c, s);
        });
        auto id = insert_conversation(c, slug, in.question, in.description, "", "");
        LiveSettings s{id,
                       core::join(in.ambitions, "\n"),
                       core::join(in.areas, "\n"),
                       in.moderation,
                       in.participants_add,
                       in.anonymous,
                       in.opens_on,
                       in.closes_on,
                       user_id};
        insert_live_settings(c, s);
        std::int64_t tid = 0;
        for (const auto& body : in.seeds)
          insert_live_statement(c, id, {tid++, body, 1, false, -1, "", core::now_utc()});
        nlohmann::json after = {{"slug", slug},
                                {"question", in.question},
                                {"moderation", in.moderation},
                                {"statements", in.seeds.size()},
                                {"opens_on", in.opens_on},
                                {"closes_on", in.closes_on}};
        core::audit::record(c, actor, {"create", "conversation", std::to_string(id), "", core::audit::to_text(after)});
        return slug;
      });
}

std::optional<std::int64_t> participant_for(core::Database& db, std::int64_t conversation_id,
                                            const std::string& browser, std::int64_t user_id, bool create) {
  {
    // Most calls find the participant: a read, no write transaction.
    auto c = db.acquire();
    if (user_id)
      if (auto pid = participant_by_user(*c, conversation_id, user_id)) return pid;
    if (!browser.empty())
      if (auto b = participant_by_browser(*c, conversation_id, browser); b && !user_id && b->second == 0)
        return b->first;
  }
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto r = core::transact<std::optional<std::int64_t>>(
        db, "participant", [&](core::Connection& c) -> core::Result<std::optional<std::int64_t>> {
          if (user_id) {
            if (auto pid = participant_by_user(c, conversation_id, user_id)) return pid;
          }
          if (!browser.empty()) {
            if (auto b = participant_by_browser(c, conversation_id, browser)) {
              // The anonymous votes of this browser become the account's on sign-in.
              if (user_id && b->second == 0) join_participant(c, conversation_id, b->first, user_id);
              if (!user_id || b->second == 0 || b->second == user_id) return std::optional(b->first);
            }
          }
          if (!create) return std::optional<std::int64_t>();
          return std::optional(insert_participant(c, conversation_id, user_id ? "" : browser, user_id));
        });
    if (r) return *r;
  }
  return std::nullopt;
}

core::Result<LiveStatement> add_statement(core::Database& db, const core::audit::Actor& actor, const Conversation& conv,
                                          const LiveSettings& /*settings: both modes store 0; is_votable tells*/,
                                          std::int64_t pid, const std::string& text) {
  if (text.empty()) return core::Error::invalid("Check your statement", {{"statement", "Enter your statement"}});
  if (core::utf8_length(text) > kStatementMax)
    return core::Error::invalid(
        "Check your statement",
        {{"statement", "Your statement must be " + std::to_string(kStatementMax) + " characters or fewer"}});
  return core::transact<LiveStatement>(
      db, "Someone added a statement at the same moment. Try again.",
      [&](core::Connection& c) -> core::Result<LiveStatement> {
        for (const auto& st : list_live_statements(c, conv.id))
          if (st.mod != -1 && near_duplicate(st.body, text))
            return core::Error::invalid("Check your statement",
                                        {{"statement", "This statement is already in the conversation: \"" + st.body +
                                                           "\". Vote on it instead."}});
        LiveStatement st{next_statement_tid(c, conv.id), text, 0, false, pid, "", core::now_utc()};
        insert_live_statement(c, conv.id, st);
        nlohmann::json after = {{"tid", st.tid}, {"body", text}, {"author_pid", pid}};
        core::audit::record(
            c, actor,
            {"create", "statement", conv.slug + "/" + std::to_string(st.tid), "", core::audit::to_text(after)});
        return st;
      });
}

core::Status moderate_statement(core::Database& db, const core::audit::Actor& actor, const Conversation& conv,
                                std::int64_t tid, int mod, const std::string& reason) {
  if (mod == -1 && reason.empty())
    return core::Error::invalid("Give a reason", {{"reason", "Enter why the statement is rejected"}});
  auto r = core::transact<bool>(db, "moderation", [&](core::Connection& c) -> core::Result<bool> {
    if (!update_statement_moderation(c, conv.id, tid, mod, mod == -1 ? reason : ""))
      return core::Error::not_found("There is no such statement in this conversation");
    nlohmann::json after = {{"moderation", mod}, {"reason", reason}};
    core::audit::record(c, actor,
                        {mod == 1 ? "accept" : "reject", "statement", conv.slug + "/" + std::to_string(tid), "",
                         core::audit::to_text(after)});
    return true;
  });
  if (!r) return r.error();
  return core::ok_status();
}

std::map<std::string, std::string> export_polis(core::Database& db, const Conversation& conv) {
  std::vector<LiveStatement> statements;
  std::vector<StoredVote> votes;
  {
    auto c = db.acquire();
    statements = list_live_statements(*c, conv.id);
    votes = all_votes(*c, conv.id);
  }
  auto data_map = [&] {
    ConversationData d;
    for (const auto& st : statements) {
      d.statements[st.tid] = st.body;
      d.moderation.push_back({st.tid, st.mod, st.is_meta});
    }
    for (const auto& v : votes) d.votes.push_back({v.pid, v.tid, static_cast<std::int8_t>(v.value), v.voted_at});
    return d;
  }();
  std::map<std::int64_t, std::pair<int, int>> tallies;  // tid → agrees, disagrees
  std::map<std::int64_t, std::map<std::int64_t, int>> by_pid;
  std::string v_csv = "timestamp,datetime,comment-id,voter-id,vote\r\n";
  auto sorted = votes;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::tie(a.voted_at, a.tid, a.pid) < std::tie(b.voted_at, b.tid, b.pid);
  });
  for (const auto& v : sorted) {
    v_csv += std::to_string(v.voted_at) + ",," + std::to_string(v.tid) + "," + std::to_string(v.pid) + "," +
             std::to_string(v.value) + "\r\n";
    if (v.value == 1) ++tallies[v.tid].first;
    if (v.value == -1) ++tallies[v.tid].second;
    by_pid[v.pid][v.tid] = v.value;
  }
  std::string c_csv = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body,is-meta\r\n";
  for (const auto& st : statements)
    c_csv += "0,," + std::to_string(st.tid) + "," + std::to_string(st.author_pid) + "," +
             std::to_string(tallies[st.tid].first) + "," + std::to_string(tallies[st.tid].second) + "," +
             std::to_string(st.mod) + "," + core::csv::field(st.body) + "," + (st.is_meta ? "true" : "false") + "\r\n";
  std::string p_csv = "participant,group-id,n-comments,n-votes,n-agree,n-disagree";
  for (const auto& st : statements) p_csv += "," + std::to_string(st.tid);
  p_csv += "\r\n";
  std::map<std::int64_t, int> authored;
  for (const auto& st : statements)
    if (st.author_pid >= 0) ++authored[st.author_pid];
  // Groups as the cold run finds them, for the group-id column.
  std::map<std::int64_t, int> group_of;
  std::int64_t groups = 0;
  if (!data_map.votes.empty()) {
    opinion::Engine engine;
    engine.add_votes(data_map.votes);
    engine.set_moderation(data_map.moderation);
    const auto& a = engine.update();
    groups = static_cast<std::int64_t>(a.groups.size());
    const auto& rows = engine.matrix().row_ids();
    for (std::size_t r = 0; r < rows.size() && r < a.row_group.size(); ++r)
      if (a.row_group[r] >= 0) group_of[rows[r]] = a.row_group[r];
  }
  for (const auto& [pid, vs] : by_pid) {
    int agree = 0, disagree = 0;
    for (const auto& [tid, v] : vs) agree += v == 1, disagree += v == -1;
    p_csv += std::to_string(pid) + "," + (group_of.count(pid) ? std::to_string(group_of[pid]) : "") + "," +
             std::to_string(authored[pid]) + "," + std::to_string(vs.size()) + "," + std::to_string(agree) + "," +
             std::to_string(disagree);
    for (const auto& st : statements) {
      auto it = vs.find(st.tid);
      p_csv += "," + (it == vs.end() ? std::string() : std::to_string(it->second));
    }
    p_csv += "\r\n";
  }
  std::string s_csv = core::csv::row({"topic", conv.title}) + core::csv::row({"url", conv.source_url}) + "voters," +
                      std::to_string(by_pid.size()) + "\r\n" + "voters-in-conv," + std::to_string(group_of.size()) +
                      "\r\n" + "commenters," + std::to_string(authored.size()) + "\r\n" + "comments," +
                      std::to_string(statements.size()) + "\r\n" + "groups," + std::to_string(groups) + "\r\n" +
                      core::csv::row({"conversation-description", conv.description});
  return {{"votes.csv", v_csv}, {"comments.csv", c_csv}, {"participants-votes.csv", p_csv}, {"summary.csv", s_csv}};
}

}  // namespace goldthread::engagement
