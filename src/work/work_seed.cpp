// Seeds the work map from the place data after a place import and the partners seed (the
// councils): the vision projects and Appendix 3's examples of joint working as initiatives,
// and the optional "<place>-work.json" (endorsements, strategies). Idempotent: upserts by
// slug/org-id. The vision is indexed for search by places, organisations by partners.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "partners/partners.hpp"
#include "places/places.hpp"
#include "work/work.hpp"
#include "work/work_rules.hpp"

namespace goldthread::work {
using nlohmann::json;

namespace {

struct Vision {
  std::map<std::string, std::int64_t> ambitions;                           // slug → id
  std::map<std::pair<std::string, std::string>, std::int64_t> priorities;  // (ambition, priority) → id
};

std::string text(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  if (j.is_object() && j.contains(key) && j[key].is_array())
    for (const auto& s : j[key])
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void count(SeedReport& r, bool created, bool changed) {
  if (created)
    ++r.created;
  else if (changed)
    ++r.updated;
  else
    ++r.unchanged;
}

void seed_initiatives(core::Connection& c, std::int64_t place_id, const json& doc, const Vision& v, SeedReport& rep) {
  const core::audit::Actor system;
  std::vector<Initiative> list;
  for (const auto& p : doc.value("vision_projects", json::array())) {
    Initiative i;
    i.place_id = place_id;
    i.slug = text(p, "slug");
    i.title = text(p, "name");
    i.summary = text(p, "focus");
    i.is_vision_project = true;
    i.status = "active";
    // Links the place file marks with a links_note (e.g. inferred from the project's
    // description) carry it, so every page shows they are not the partnership's decision.
    const auto note = text(p, "links_note");
    std::set<std::string> with_priority;
    for (const auto& pr : p.value("priorities", json::array())) {
      if (!pr.is_string()) continue;
      for (const auto& a : p.value("ambitions", json::array())) {
        auto key = std::pair(a.is_string() ? a.get<std::string>() : "", pr.get<std::string>());
        if (!v.priorities.count(key)) continue;
        i.alignments.push_back({v.ambitions.at(key.first), v.priorities.at(key), note});
        with_priority.insert(key.first);
      }
    }
    for (const auto& a : p.value("ambitions", json::array()))
      if (a.is_string() && v.ambitions.count(a.get<std::string>()) && !with_priority.count(a.get<std::string>()))
        i.alignments.push_back({v.ambitions.at(a), 0, note});
    i.areas = strings(p, "areas");
    i.partner_labels = strings(p, "partners");
    list.push_back(std::move(i));
  }
  // Joint-working rows sharing an activity become one initiative serving several priorities.
  std::map<std::string, std::size_t> by_slug;
  for (const auto& row : doc.value("joint_working", json::array())) {
    auto activity = text(row, "activity");
    auto key = std::pair(text(row, "ambition"), text(row, "priority"));
    if (activity.empty() || !v.priorities.count(key)) continue;
    auto slug = slugify(activity);
    if (!by_slug.count(slug)) {
      Initiative i;
      i.place_id = place_id;
      i.slug = slug;
      i.title = activity;
      i.status = "active";
      i.summary = text(row, "summary");
      if (i.summary.empty()) i.summary = "An example of joint working between partners.";
      std::string d = "Listed among the examples of joint working (Appendix 3) in the report on The Future of Essex.";
      if (!row.value("initiatives", json::array()).empty()) d += "\n\nWork that is part of it:\n";
      for (const auto& n : row.value("initiatives", json::array()))
        if (n.is_string()) d += "\n- " + n.get<std::string>();
      i.description = d;
      by_slug[slug] = list.size();
      list.push_back(std::move(i));
    }
    auto& i = list[by_slug[slug]];
    i.alignments.push_back({v.ambitions.at(key.first), v.priorities.at(key), ""});
    for (const auto& code : strings(row, "areas"))
      if (std::find(i.areas.begin(), i.areas.end(), code) == i.areas.end()) i.areas.push_back(code);
    for (const auto& p : row.value("partners", json::array()))
      if (p.is_string() &&
          std::find(i.partner_labels.begin(), i.partner_labels.end(), p.get<std::string>()) == i.partner_labels.end())
        i.partner_labels.push_back(p.get<std::string>());
  }
  for (auto& i : list) {
    bool existed = try_find_initiative(c, place_id, i.slug).has_value(), changed = false;
    auto title = i.title;
    auto r = upsert_initiative(c, system, std::move(i), &changed);
    if (!r)
      rep.warnings.push_back("initiative " + title + ": " + r.error().message);
    else
      count(rep, !existed, changed);
  }
}

void seed_extras(core::Connection& c, std::int64_t place_id, const json& extra, const Vision& v, SeedReport& rep) {
  const core::audit::Actor system;
  std::vector<std::string> codes;
  for (const auto& e : extra.value("endorsements", json::array())) codes.push_back(text(e, "organisation_org_id"));
  for (const auto& s : extra.value("strategies", json::array())) codes.push_back(text(s, "owner_org_id"));
  const auto orgs = partners::organisation_ids_by_org_id(c, codes);
  auto org_by_code = [&](const std::string& org_id) -> std::int64_t {
    auto it = orgs.find(org_id);
    return it == orgs.end() ? 0 : it->second;
  };
  for (const auto& e : extra.value("endorsements", json::array())) {
    auto id = org_by_code(text(e, "organisation_org_id"));
    if (!id) {
      rep.warnings.push_back("endorsement: no organisation " + text(e, "organisation_org_id"));
      continue;
    }
    auto r = partners::record_endorsement(
        c, system, place_id,
        {id, text(e, "endorsed_on"), text(e, "body"), text(e, "decision_reference"), text(e, "note")});
    if (!r) rep.warnings.push_back("endorsement: " + r.error().message);
  }
  for (const auto& s : extra.value("strategies", json::array())) {
    Strategy st;
    st.place_id = place_id;
    st.slug = text(s, "slug");
    st.title = text(s, "title");
    st.summary = text(s, "summary");
    st.owner_label = text(s, "owner_label");
    st.owner_organisation_id = org_by_code(text(s, "owner_org_id"));
    st.url = text(s, "url");
    for (const auto& a : s.value("alignments", json::array())) {
      auto amb = text(a, "ambition"), pri = text(a, "priority");
      if (!v.ambitions.count(amb) || (!pri.empty() && !v.priorities.count({amb, pri}))) {
        rep.warnings.push_back("strategy " + st.title + ": unknown ambition or priority " + amb + "/" + pri);
        continue;
      }
      st.alignments.push_back(
          {v.ambitions.at(amb), pri.empty() ? 0 : v.priorities.at({amb, pri}), text(a, "statement")});
    }
    bool existed = try_find_strategy(c, place_id, st.slug).has_value(), changed = false;
    auto r = upsert_strategy(c, system, std::move(st), &changed);
    if (!r)
      rep.warnings.push_back("strategy " + text(s, "title") + ": " + r.error().message);
    else
      count(rep, !existed, changed);
  }
}

}  // namespace

core::Result<SeedReport> seed_from_place_file(core::Database& db, const std::string& place_file) {
  auto text_in = read_file(place_file);
  if (!text_in) return core::Error::invalid("cannot read " + place_file);
  auto doc = json::parse(*text_in, nullptr, false);
  if (!doc.is_object()) return core::Error::invalid(place_file + " is not a place file");
  json extra = json::object();
  auto extra_path = std::filesystem::path(place_file);
  extra_path.replace_filename(extra_path.stem().string() + "-work.json");
  if (auto t = read_file(extra_path.string())) {
    extra = json::parse(*t, nullptr, false);
    if (!extra.is_object() || text(extra, "format") != "goldthread-work/1")
      return core::Error::invalid(extra_path.string() + " is not a goldthread-work/1 file");
  }
  auto conn = db.acquire();
  core::Transaction tx(*conn);
  auto place = places::try_current_place(*conn);
  if (!place) return core::Error::invalid("import the place before seeding its work");
  Vision v;
  auto ambitions = places::list_ambitions(*conn, place->id);
  for (const auto& a : ambitions) {
    v.ambitions[a.slug] = a.id;
    for (const auto& p : a.priorities) v.priorities[{a.slug, p.slug}] = p.id;
  }
  SeedReport rep;
  seed_initiatives(*conn, place->id, doc, v, rep);
  seed_extras(*conn, place->id, extra, v, rep);
  tx.commit();
  rep.summary = "Seeded the work map: " + std::to_string(rep.created) + " created, " + std::to_string(rep.updated) +
                " updated, " + std::to_string(rep.unchanged) + " unchanged";
  return rep;
}

}  // namespace goldthread::work
