// Partner strategies and plans, with an alignment statement per ambition or priority.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/search.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "work/matrix.hpp"
#include "work/work.hpp"
#include "work/work_rules.hpp"
#include "work/work_store.hpp"

namespace goldthread::work {
using nlohmann::json;

namespace {

constexpr const char* kCols =
    "id, place_id, slug, title, summary, owner_organisation_id, owner_label, period_start, period_end, url";

Strategy from_row(const core::Row& r) {
  return {r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4), r.integer(5),
          r.text(6),    r.text(7),    r.text(8), r.text(9), {}};
}

void load_alignments(core::Connection& c, Strategy& s) {
  for (const auto& r : c.query("SELECT ambition_id, priority_id, statement FROM strategy_alignments "
                               "WHERE strategy_id = ? ORDER BY ambition_id, priority_id",
                               {s.id})
                           .rows)
    s.alignments.push_back({r.integer(0), r.integer(1), r.text(2)});
}

json to_json(const Strategy& s) {
  json al = json::array();
  for (const auto& a : s.alignments) al.push_back({a.ambition_id, a.priority_id, a.statement});
  return {{"slug", s.slug},
          {"title", s.title},
          {"summary", s.summary},
          {"owner_organisation_id", s.owner_organisation_id},
          {"owner_label", s.owner_label},
          {"period_start", s.period_start},
          {"period_end", s.period_end},
          {"url", s.url},
          {"alignments", al}};
}

}  // namespace

std::vector<core::FieldError> validate_strategy(core::Connection& c, const Strategy& s) {
  std::vector<core::FieldError> e;
  if (s.title.empty())
    e.push_back({"title", "Enter the strategy's title"});
  else if (core::utf8_length(s.title) > kMaxTitle)
    e.push_back({"title", "Title must be 200 characters or fewer"});
  if (core::utf8_length(s.summary) > kMaxStrategySummary)
    e.push_back({"summary", "Summary must be 2,000 characters or fewer"});
  if (!s.url.empty() && !is_web_link(s.url)) e.push_back({"url", "Enter a link starting with https://"});
  if (s.owner_organisation_id && !partners::try_find_organisation(c, s.owner_organisation_id))
    e.push_back({"owner_organisation_id", "Select the organisation that owns this strategy"});
  if (!s.owner_organisation_id && s.owner_label.empty())
    e.push_back({"owner_organisation_id", "Select or name the strategy's owner"});
  for (const auto* d : {&s.period_start, &s.period_end})
    if (!d->empty() && !(d->size() == 4 && std::all_of(d->begin(), d->end(), ::isdigit)) && !is_iso_date(*d)) {
      e.push_back({"period", "Enter the period as years like 2019 or dates like 2019-04-01"});
      break;
    }
  if (std::any_of(s.alignments.begin(), s.alignments.end(),
                  [](const Alignment& a) { return core::utf8_length(a.statement) > kMaxStatement; }))
    e.push_back({"alignments", "Each statement must be 2,000 characters or fewer"});
  else if (auto bad = check_alignments(c, s.place_id, s.alignments); !bad.empty())
    e.push_back({"alignments", bad});
  return e;
}

std::optional<Strategy> try_find_strategy(core::Connection& c, std::int64_t place_id, const std::string& slug) {
  auto rs =
      c.query(std::string("SELECT ") + kCols + " FROM strategies WHERE place_id = ? AND slug = ?", {place_id, slug});
  if (rs.rows.empty()) return std::nullopt;
  auto s = from_row(rs.rows[0]);
  load_alignments(c, s);
  return s;
}

std::vector<Strategy> list_strategies(core::Connection& c, std::int64_t place_id, std::int64_t owner) {
  std::string sql = std::string("SELECT ") + kCols + " FROM strategies WHERE place_id = ?";
  std::vector<core::Value> params{place_id};
  if (owner) {
    sql += " AND owner_organisation_id = ?";
    params.emplace_back(owner);
  }
  std::vector<Strategy> out;
  for (const auto& r : c.query(sql + " ORDER BY title, id", params).rows) out.push_back(from_row(r));
  return out;
}

core::Result<Strategy> upsert_strategy(core::Connection& c, const core::audit::Actor& actor, Strategy in,
                                       bool* changed) {
  if (in.slug.empty()) in.slug = slugify(in.title);
  if (in.slug.empty() && !in.title.empty())  // a title with no Latin letters or digits
    in.slug = core::unique_slug(in.title, "strategy",
                                [&](const std::string& s) { return try_find_strategy(c, in.place_id, s).has_value(); });
  std::sort(in.alignments.begin(), in.alignments.end(), [](const Alignment& a, const Alignment& b) {
    return std::pair(a.ambition_id, a.priority_id) < std::pair(b.ambition_id, b.priority_id);
  });
  if (auto e = validate_strategy(c, in); !e.empty()) return core::Error::invalid("Check the strategy's details", e);
  auto existing = try_find_strategy(c, in.place_id, in.slug);
  if (changed) *changed = true;
  if (existing) {
    in.id = existing->id;
    if (to_json(*existing) == to_json(in)) {
      if (changed) *changed = false;
      return *existing;
    }
  }
  auto now = core::now_utc();
  core::Value owner = in.owner_organisation_id ? core::Value(in.owner_organisation_id) : core::Value(nullptr);
  if (existing) {
    c.query(
        "UPDATE strategies SET title = ?, summary = ?, owner_organisation_id = ?, owner_label = ?, period_start = ?, "
        "period_end = ?, url = ?, updated_at = ? WHERE id = ?",
        {in.title, in.summary, owner, in.owner_label, in.period_start, in.period_end, in.url, now, in.id});
    c.query("DELETE FROM strategy_alignments WHERE strategy_id = ?", {in.id});
  } else {
    in.id = c.query(
                 "INSERT INTO strategies (place_id, slug, title, summary, owner_organisation_id, owner_label, "
                 "period_start, period_end, url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "RETURNING id",
                 {in.place_id, in.slug, in.title, in.summary, owner, in.owner_label, in.period_start, in.period_end,
                  in.url, now, now})
                .rows.at(0)
                .integer(0);
  }
  for (const auto& a : in.alignments)
    c.query("INSERT INTO strategy_alignments (strategy_id, ambition_id, priority_id, statement) VALUES (?, ?, ?, ?)",
            {in.id, a.ambition_id, a.priority_id, a.statement});
  std::string body = in.summary + "\n" + in.owner_label;
  for (const auto& a : in.alignments) body += "\n" + a.statement;
  bump_work_version(c);
  core::search::index(c, "strategy", in.id, in.title, body, "/strategies/" + in.slug);
  core::audit::record(c, actor,
                      {existing ? "update" : "create", "strategy", std::to_string(in.id),
                       existing ? core::audit::to_text(to_json(*existing)) : "", core::audit::to_text(to_json(in))});
  return in;
}

}  // namespace goldthread::work
