// Imports a place file (docs/PLACE_FORMAT.md): validate everything first, then upsert in one
// transaction so a bad file writes nothing and a repeated import changes nothing.
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "core/audit.hpp"
#include "core/upsert.hpp"
#include "places/place_store.hpp"
#include "places/places.hpp"

namespace goldthread::places {

using nlohmann::json;
namespace {

constexpr const char* kFormat = "goldthread-place/1";

struct Checker {
  std::vector<core::FieldError> problems;
  void fail(const std::string& where, const std::string& msg) { problems.push_back({where, msg}); }

  std::string str(const json& obj, const std::string& key, const std::string& where, bool required = true) {
    if (!obj.is_object() || !obj.contains(key) || obj[key].is_null()) {
      if (required) fail(where + "." + key, "is required");
      return "";
    }
    if (!obj[key].is_string()) {
      fail(where + "." + key, "must be text");
      return "";
    }
    auto s = obj[key].get<std::string>();
    if (required && s.empty()) fail(where + "." + key, "must not be empty");
    return s;
  }
  const json& list(const json& obj, const std::string& key, const std::string& where, bool required = true) {
    static const json kEmpty = json::array();
    if (!obj.is_object() || !obj.contains(key) || obj[key].is_null()) {
      if (required) fail(where + "." + key, "is required");
      return kEmpty;
    }
    if (!obj[key].is_array()) {
      fail(where + "." + key, "must be a list");
      return kEmpty;
    }
    return obj[key];
  }
  void slug(const std::string& s, const std::string& where, std::set<std::string>& seen) {
    static const std::regex kSlug("^[a-z0-9]+(-[a-z0-9]+)*$");
    if (s.empty()) return;
    if (!std::regex_match(s, kSlug)) fail(where, "slug '" + s + "' must be lowercase letters, digits and hyphens");
    if (!seen.insert(s).second) fail(where, "slug '" + s + "' is used twice");
  }
};

std::string strings_json(const json& obj, const std::string& key) {
  if (!obj.is_object() || !obj.contains(key) || !obj[key].is_array()) return "[]";
  return obj[key].dump();
}

int int_or(const json& obj, const std::string& key, int fallback) {
  return obj.is_object() && obj.contains(key) && obj[key].is_number_integer() ? obj[key].get<int>() : fallback;
}

std::string text_or_empty(const json& obj, const std::string& key) {
  return obj.is_object() && obj.contains(key) && obj[key].is_string() ? obj[key].get<std::string>() : "";
}

// Checks the whole document; returns every problem at once.
std::vector<core::FieldError> validate(const json& doc) {
  Checker c;
  if (!doc.is_object()) {
    c.fail("(file)", "must be a JSON object");
    return c.problems;
  }
  if (text_or_empty(doc, "format") != kFormat) c.fail("format", std::string("must be \"") + kFormat + "\"");
  const json& place = doc.contains("place") ? doc["place"] : json();
  if (!place.is_object()) c.fail("place", "is required");
  std::set<std::string> place_slug;
  c.slug(c.str(place, "slug", "place"), "place.slug", place_slug);
  c.str(place, "name", "place");
  c.str(place, "vision_title", "place");

  std::set<std::string> codes;
  static const std::regex kOrgId("^[A-Z]{2}-[A-Z0-9]+-.+$");
  const json& areas = c.list(doc, "areas", "(file)");
  for (std::size_t i = 0; i < areas.size(); ++i) {
    std::string w = "areas[" + std::to_string(i) + "]";
    auto code = c.str(areas[i], "code", w);
    c.str(areas[i], "name", w);
    if (!code.empty() && !is_area_code(code)) c.fail(w + ".code", "'" + code + "' is not an ONS area code like E07000075");
    if (!code.empty() && !codes.insert(code).second) c.fail(w + ".code", "'" + code + "' is listed twice");
    auto org = text_or_empty(areas[i], "org_id");
    if (!org.empty() && !std::regex_match(org, kOrgId)) c.fail(w + ".org_id", "'" + org + "' is not an org-id like GB-LAE-ESS");
  }
  for (std::size_t i = 0; i < areas.size(); ++i) {
    auto parent = text_or_empty(areas[i], "parent_code");
    if (!parent.empty() && !codes.count(parent))
      c.fail("areas[" + std::to_string(i) + "].parent_code", "'" + parent + "' is not an area in this file");
  }

  std::set<std::string> ambition_slugs, priority_slugs;
  std::map<std::string, std::set<std::string>> priorities_of;
  const json& ambitions = c.list(doc, "ambitions", "(file)");
  for (std::size_t i = 0; i < ambitions.size(); ++i) {
    std::string w = "ambitions[" + std::to_string(i) + "]";
    auto slug = c.str(ambitions[i], "slug", w);
    c.slug(slug, w + ".slug", ambition_slugs);
    c.str(ambitions[i], "title", w);
    const json& ps = c.list(ambitions[i], "priorities", w);
    std::set<std::string> local;
    for (std::size_t j = 0; j < ps.size(); ++j) {
      std::string pw = w + ".priorities[" + std::to_string(j) + "]";
      auto ps_slug = c.str(ps[j], "slug", pw);
      c.slug(ps_slug, pw + ".slug", local);
      c.str(ps[j], "title", pw);
      priorities_of[slug].insert(ps_slug);
      priority_slugs.insert(ps_slug);
    }
  }
  std::set<std::string> block_slugs;
  const json& blocks = c.list(doc, "building_blocks", "(file)", false);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    std::string w = "building_blocks[" + std::to_string(i) + "]";
    c.slug(c.str(blocks[i], "slug", w), w + ".slug", block_slugs);
    c.str(blocks[i], "title", w);
  }
  std::set<std::string> rec_slugs;
  const json& recs = c.list(doc, "recommendations", "(file)", false);
  for (std::size_t i = 0; i < recs.size(); ++i) {
    std::string w = "recommendations[" + std::to_string(i) + "]";
    c.slug(c.str(recs[i], "slug", w), w + ".slug", rec_slugs);
    c.str(recs[i], "title", w);
    for (const auto& b : c.list(recs[i], "building_blocks", w, false))
      if (!b.is_string() || !block_slugs.count(b.get<std::string>()))
        c.fail(w + ".building_blocks", "'" + b.dump() + "' is not a building block in this file");
  }
  std::set<std::string> project_slugs;
  const json& projects = c.list(doc, "vision_projects", "(file)", false);
  for (std::size_t i = 0; i < projects.size(); ++i) {
    std::string w = "vision_projects[" + std::to_string(i) + "]";
    c.slug(c.str(projects[i], "slug", w), w + ".slug", project_slugs);
    c.str(projects[i], "name", w);
    for (const auto& a : c.list(projects[i], "ambitions", w, false))
      if (!a.is_string() || !ambition_slugs.count(a.get<std::string>()))
        c.fail(w + ".ambitions", "'" + a.dump() + "' is not an ambition in this file");
    for (const auto& p : c.list(projects[i], "priorities", w, false))
      if (!p.is_string() || !priority_slugs.count(p.get<std::string>()))
        c.fail(w + ".priorities", "'" + p.dump() + "' is not a priority in this file");
    for (const auto& a : c.list(projects[i], "areas", w, false))
      if (!a.is_string() || !codes.count(a.get<std::string>()))
        c.fail(w + ".areas", "'" + a.dump() + "' is not an area in this file");
  }
  const json& joint = c.list(doc, "joint_working", "(file)", false);
  for (std::size_t i = 0; i < joint.size(); ++i) {
    std::string w = "joint_working[" + std::to_string(i) + "]";
    auto a = c.str(joint[i], "ambition", w);
    auto p = c.str(joint[i], "priority", w);
    c.str(joint[i], "activity", w);
    if (!a.empty() && !ambition_slugs.count(a)) c.fail(w + ".ambition", "'" + a + "' is not an ambition in this file");
    else if (!p.empty() && !priorities_of[a].count(p))
      c.fail(w + ".priority", "'" + p + "' is not a priority of ambition '" + a + "'");
    for (const auto& code : c.list(joint[i], "areas", w, false))
      if (!code.is_string() || !codes.count(code.get<std::string>()))
        c.fail(w + ".areas", "'" + code.dump() + "' is not an area in this file");
  }
  return c.problems;
}

void count(ImportReport& r, core::Change ch) {
  if (ch == core::Change::created) ++r.created;
  else if (ch == core::Change::updated) ++r.updated;
  else ++r.unchanged;
}

}  // namespace

core::Result<ImportReport> import_place_json(core::Database& db, const std::string& json_text) {
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) return core::Error::invalid("The place file is not valid JSON");
  auto problems = validate(doc);
  if (!problems.empty()) return core::Error::invalid("The place file has " + std::to_string(problems.size()) + " problem(s)", problems);

  ImportReport report;
  const json& p = doc["place"];
  report.place_slug = p["slug"].get<std::string>();
  for (const auto& [key, _] : doc.items())
    if (!std::set<std::string>{"format", "place", "areas", "ambitions", "building_blocks", "recommendations",
                               "vision_projects", "joint_working", "pledges"}
             .count(key))
      report.warnings.push_back("ignored unknown key '" + key + "'");

  auto conn = db.acquire();
  core::Transaction tx(*conn);
  const std::string now = core::now_utc();
  json epigraph = p.value("epigraph", json::object());
  auto place = core::upsert(*conn, {"places",
                                    {{"slug", report.place_slug}},
                                    {{"name", text_or_empty(p, "name")},
                                     {"vision_title", text_or_empty(p, "vision_title")},
                                     {"partnership", text_or_empty(p, "partnership")},
                                     {"purpose", text_or_empty(p, "purpose")},
                                     {"why", text_or_empty(p, "why")},
                                     {"who_started", text_or_empty(p, "who_started")},
                                     {"epigraph_text", text_or_empty(epigraph, "text")},
                                     {"epigraph_by", text_or_empty(epigraph, "by")},
                                     {"ambitions_intro", text_or_empty(p, "ambitions_intro")},
                                     {"statement_of_intent", text_or_empty(p, "statement_of_intent")},
                                     {"quotes_json", strings_json(p, "quotes")},
                                     {"sources_json", strings_json(p, "sources")},
                                     {"attribution_json", strings_json(p, "attribution")}}});
  count(report, place.change);
  if (place.change != core::Change::unchanged) stamp_place(*conn, place.id, place.change == core::Change::created, now);
  const core::Value pid = place.id;

  std::int64_t pos = 0;
  for (const auto& a : doc["areas"]) {
    core::Value parent = nullptr;
    if (auto pc = text_or_empty(a, "parent_code"); !pc.empty()) parent = pc;
    count(report, core::upsert(*conn, {"areas",
                                       {{"place_id", pid}, {"code", a["code"].get<std::string>()}},
                                       {{"name", text_or_empty(a, "name")},
                                        {"area_type", text_or_empty(a, "type")},
                                        {"tier", text_or_empty(a, "tier")},
                                        {"parent_code", parent},
                                        {"council", text_or_empty(a, "council")},
                                        {"org_id", text_or_empty(a, "org_id")},
                                        {"gov_uk_slug", text_or_empty(a, "gov_uk_slug")},
                                        {"position", ++pos}}})
                          .change);
  }
  pos = 0;
  for (const auto& a : doc["ambitions"]) {
    ++pos;
    auto amb = core::upsert(*conn, {"ambitions",
                                    {{"place_id", pid}, {"slug", a["slug"].get<std::string>()}},
                                    {{"number", static_cast<std::int64_t>(int_or(a, "number", static_cast<int>(pos)))},
                                     {"title", text_or_empty(a, "title")},
                                     {"summary", text_or_empty(a, "summary")},
                                     {"description", text_or_empty(a, "description")},
                                     {"quote", text_or_empty(a, "quote")},
                                     {"priority_statement", text_or_empty(a, "priority_statement")}}});
    count(report, amb.change);
    std::int64_t ppos = 0;
    for (const auto& pr : a["priorities"])
      count(report, core::upsert(*conn, {"priorities",
                                         {{"ambition_id", amb.id}, {"slug", pr["slug"].get<std::string>()}},
                                         {{"position", ++ppos},
                                          {"title", text_or_empty(pr, "title")},
                                          {"also_known_as_json", strings_json(pr, "also_known_as")}}})
                            .change);
  }
  for (const auto& b : doc.value("building_blocks", json::array()))
    count(report, core::upsert(*conn, {"building_blocks",
                                       {{"place_id", pid}, {"slug", b["slug"].get<std::string>()}},
                                       {{"number", static_cast<std::int64_t>(int_or(b, "number", 0))},
                                        {"title", text_or_empty(b, "title")},
                                        {"description", text_or_empty(b, "description")}}})
                          .change);
  for (const auto& r : doc.value("recommendations", json::array()))
    count(report, core::upsert(*conn, {"recommendations",
                                       {{"place_id", pid}, {"slug", r["slug"].get<std::string>()}},
                                       {{"number", static_cast<std::int64_t>(int_or(r, "number", 0))},
                                        {"title", text_or_empty(r, "title")},
                                        {"horizon", text_or_empty(r, "horizon")},
                                        {"aim", text_or_empty(r, "aim")},
                                        {"actions_json", strings_json(r, "actions")},
                                        {"building_blocks_json", strings_json(r, "building_blocks")},
                                        {"building_blocks_note", text_or_empty(r, "building_blocks_note")}}})
                          .change);
  pos = 0;
  for (const auto& v : doc.value("vision_projects", json::array()))
    count(report, core::upsert(*conn, {"vision_projects",
                                       {{"place_id", pid}, {"slug", v["slug"].get<std::string>()}},
                                       {{"position", ++pos},
                                        {"name", text_or_empty(v, "name")},
                                        {"focus", text_or_empty(v, "focus")},
                                        {"ambitions_json", strings_json(v, "ambitions")},
                                        {"priorities_json", strings_json(v, "priorities")},
                                        {"links_note", text_or_empty(v, "links_note")}}})
                          .change);
  pos = 0;
  for (const auto& j : doc.value("joint_working", json::array()))
    count(report, core::upsert(*conn, {"joint_working",
                                       {{"place_id", pid},
                                        {"ambition_slug", j["ambition"].get<std::string>()},
                                        {"priority_slug", j["priority"].get<std::string>()},
                                        {"activity", j["activity"].get<std::string>()}},
                                       {{"position", ++pos},
                                        {"initiatives_json", strings_json(j, "initiatives")},
                                        {"partners_json", strings_json(j, "partners")}}})
                          .change);
  // pledges[] stays the record of what the source reported; the pledges capability seeds the
  // register from "<place>-pledges.json" (keys, sectors, ambitions): docs/PLACE_FORMAT.md.
  index_vision(*conn, place.id);
  if (report.created + report.updated > 0)
    core::audit::record(*conn, core::audit::Actor{},
                        {"import", "place", std::to_string(place.id), "",
                         json{{"slug", report.place_slug}, {"created", report.created}, {"updated", report.updated}}.dump()});
  tx.commit();
  return report;
}

core::Result<ImportReport> import_place_file(core::Database& db, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error::not_found("Cannot open place file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return import_place_json(db, ss.str());
}

}  // namespace goldthread::places
