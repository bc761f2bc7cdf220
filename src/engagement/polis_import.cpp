// `goldthread import polis DIR`: a Pol.is export folder → a conversation with its statements,
// moderation and votes, and the CC BY attribution stored with it.
#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "core/text.hpp"
#include "engagement/conversation_store.hpp"
#include "engagement/engagement.hpp"
#include "engagement/opinion_map.hpp"
#include "opinion/engine.hpp"
#include "opinion/polis_csv.hpp"
#include "opinion/replay.hpp"

namespace goldthread::engagement {
namespace fs = std::filesystem;

const char* const kPolisAttribution =
    "Data was gathered using the Polis software (compdemocracy.org/polis) and is sub-licensed under CC BY 4.0 "
    "with Attribution to The Computational Democracy Project. https://github.com/compdemocracy/openData";

namespace {

// summary.csv is "key,value" per line (the value may be quoted and contain commas).
std::map<std::string, std::string> read_summary(const std::string& text) {
  std::map<std::string, std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto comma = line.find(',');
    if (comma == std::string::npos) continue;
    std::string value = line.substr(comma + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    out[line.substr(0, comma)] = value;
  }
  return out;
}

}  // namespace

core::Result<PolisImportReport> import_polis_dir(core::Database& db, const core::audit::Actor& actor,
                                                 const std::string& dir, std::string slug, std::string description,
                                                 std::int64_t replay_window_ms) {
  if (!fs::is_directory(dir)) return core::Error::not_found("No folder at " + dir);
  if (slug.empty()) slug = core::slugify(fs::path(dir).filename().string());
  if (slug.empty() || !std::regex_match(slug, std::regex("^[a-z0-9]+(-[a-z0-9]+)*$")))
    return core::Error::invalid("Give the conversation a slug of lowercase letters, digits and hyphens");

  // comments.csv carries texts and moderation; without it statements are known by number only.
  std::vector<opinion::PolisComment> comments;
  std::vector<std::string> warnings;
  if (fs::exists(fs::path(dir) / "comments.csv")) {
    auto text = opinion::read_text_file((fs::path(dir) / "comments.csv").string());
    if (!text.ok()) return core::Error::invalid("comments.csv: " + text.error().message);
    auto parsed = opinion::parse_comments_file(text.value());
    if (!parsed.ok()) return core::Error::invalid("comments.csv: " + parsed.error().message);
    comments = std::move(parsed.value().comments);
    warnings = std::move(parsed.value().warnings);
  }

  std::vector<opinion::Vote> votes;
  bool timed = false;  // votes.csv: every vote with its time, so the history can be replayed
  if (fs::exists(fs::path(dir) / "votes.csv")) {
    timed = true;
    auto t = opinion::read_text_file((fs::path(dir) / "votes.csv").string());
    if (!t.ok()) return core::Error::invalid("votes.csv: " + t.error().message);
    auto v = opinion::parse_votes_csv(t.value());
    if (!v.ok()) return core::Error::invalid("votes.csv: " + v.error().message);
    votes = std::move(v.value());
  } else if (fs::exists(fs::path(dir) / "participants-votes.csv")) {
    auto t = opinion::read_text_file((fs::path(dir) / "participants-votes.csv").string());
    if (!t.ok()) return core::Error::invalid("participants-votes.csv: " + t.error().message);
    auto pv = opinion::parse_participants_votes_csv(t.value());
    if (!pv.ok()) return core::Error::invalid("participants-votes.csv: " + pv.error().message);
    votes = std::move(pv.value().votes);
  } else {
    return core::Error::invalid(dir + " has neither votes.csv nor participants-votes.csv");
  }
  // The latest vote by a participant on a statement replaces earlier ones (Pol.is rule).
  std::map<std::pair<std::int64_t, std::int64_t>, opinion::Vote> final_votes;
  for (const auto& v : votes) {
    auto key = std::make_pair(v.pid, v.tid);
    auto it = final_votes.find(key);
    if (it == final_votes.end() || v.timestamp >= it->second.timestamp) final_votes[key] = v;
  }

  std::map<std::string, std::string> summary;
  if (auto t = opinion::read_text_file((fs::path(dir) / "summary.csv").string()); t.ok())
    summary = read_summary(t.value());
  std::string title = summary.count("topic") ? summary["topic"] : slug;
  std::string url = summary.count("url") ? summary["url"] : "";
  std::string attribution = std::string(kPolisAttribution) + (url.empty() ? "" : " " + url);

  // The replay runs before the transaction: CPU work never holds the write lock.
  std::optional<StoredMap> replayed;
  std::int64_t updates = 0;
  if (replay_window_ms > 0 && timed && !votes.empty()) {
    std::vector<opinion::Moderation> moderation;
    std::map<std::int64_t, std::string> texts;
    for (const auto& c : comments) {
      moderation.push_back({c.tid, static_cast<int>(c.mod), c.is_meta});
      texts.emplace(c.tid, c.body);
    }
    opinion::Engine engine;
    engine.set_moderation(moderation);  // from the first update (what a replay cannot know)
    auto rep = opinion::replay_votes(engine, votes, {.window_ms = replay_window_ms});
    updates = rep.updates;
    replayed = StoredMap{static_cast<std::int64_t>(final_votes.size()),
                         rep.updates,
                         replay_window_ms,
                         opinion_map_of(&engine.analysis(), texts).dump(),
                         core::now_utc(),
                         "[]",
                         "[]"};
  }

  auto conn = db.acquire();
  core::Transaction tx(*conn);
  if (conversation_slug_taken(*conn, slug))
    return core::Error::conflict("A conversation called '" + slug + "' already exists");
  auto id = insert_conversation(
      *conn, slug, title, description.empty() ? summary["conversation-description"] : description, url, attribution);
  std::set<std::int64_t> tids;
  for (const auto& c : comments) {
    if (!tids.insert(c.tid).second) continue;
    insert_statement(*conn, id, c.tid, c.body, static_cast<std::int64_t>(c.mod), c.is_meta);
  }
  std::set<std::int64_t> pids;
  for (const auto& [key, v] : final_votes) {
    if (!tids.count(v.tid)) {
      tids.insert(v.tid);  // a vote on a statement missing from comments.csv: keep it, text unknown
      insert_statement(*conn, id, v.tid, "", 0, false);
    }
    pids.insert(v.pid);
    insert_vote(*conn, id, v.pid, v.tid, static_cast<std::int64_t>(v.value), v.timestamp);
  }
  if (replayed) save_conversation_map(*conn, id, *replayed);
  nlohmann::json after = {{"slug", slug},
                          {"title", title},
                          {"statements", tids.size()},
                          {"votes", final_votes.size()},
                          {"replay_updates", updates}};
  core::audit::record(*conn, actor, {"create", "conversation", std::to_string(id), "", core::audit::to_text(after)});
  tx.commit();
  return PolisImportReport{slug,
                           static_cast<std::int64_t>(tids.size()),
                           static_cast<std::int64_t>(final_votes.size()),
                           static_cast<std::int64_t>(pids.size()),
                           std::move(warnings),
                           updates};
}

core::Result<int> seed_example_conversations(core::Database& db, const std::string& dir) {
  if (dir.empty() || !fs::is_directory(dir)) return 0;
  std::vector<fs::path> folders;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory() && fs::exists(e.path() / "example.txt")) folders.push_back(e.path());
  std::sort(folders.begin(), folders.end());
  int imported = 0;
  for (const auto& f : folders) {
    std::string slug = "example-" + core::slugify(f.filename().string());
    {
      auto conn = db.acquire();
      if (try_find_conversation(*conn, slug)) continue;
    }
    auto text = opinion::read_text_file((f / "example.txt").string());
    if (!text.ok()) return core::Error::invalid("example.txt: " + text.error().message);
    auto rep = import_polis_dir(db, core::audit::Actor{}, f.string(), slug, core::trim(text.value()));
    if (!rep) return rep.error();
    ++imported;
  }
  return imported;
}

}  // namespace goldthread::engagement
