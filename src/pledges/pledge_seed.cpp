// Seeds the pledges named in the place data: "<place>-pledges.json" beside the place file
// (format goldthread-pledges/1), attributed to the people and organisations it names; an
// organisation that is not in the directory yet is created through partners.hpp. Idempotent:
// each pledge has a key (commitments.source_key), organisations are matched by name.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "pledges/commitment_internal.hpp"
#include "pledges/pledge_store.hpp"
#include "pledges/pledges.hpp"
#include "work/work.hpp"

namespace goldthread::pledges {
using nlohmann::json;

namespace {

std::string text(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return s;
}

// The organisation called `name` (case-insensitive), created with `sector` when absent.
core::Result<std::int64_t> organisation_named(core::Connection& c, const std::string& name, const std::string& sector,
                                              int& organisations_created) {
  for (const auto& o : partners::list_organisations(c, name, 50))
    if (lower(o.name) == lower(name)) return o.id;
  auto o = partners::create_organisation_in(c, core::audit::Actor{}, {name, sector, "", "", "", {}});
  if (!o) return o.error();
  ++organisations_created;
  return o->id;
}

}  // namespace

core::Result<core::SeedReport> seed_from_place_file(core::Database& db, const std::string& place_file) {
  core::SeedReport rep;
  int organisations_created = 0;
  auto path = std::filesystem::path(place_file);
  path.replace_filename(path.stem().string() + "-pledges.json");
  std::ifstream in(path, std::ios::binary);
  if (!in) return rep;  // optional: a place without bundled pledges
  std::ostringstream ss;
  ss << in.rdbuf();
  auto doc = json::parse(ss.str(), nullptr, false);
  if (!doc.is_object() || text(doc, "format") != "goldthread-pledges/1")
    return core::Error::invalid(path.string() + " is not a goldthread-pledges/1 file");
  auto conn = db.acquire();
  core::Transaction tx(*conn);
  auto place = places::try_current_place(*conn);
  if (!place) return core::Error::invalid("import the place before seeding its pledges");
  std::map<std::string, std::int64_t> ambitions;
  for (const auto& a : places::list_ambitions(*conn, place->id)) ambitions[a.slug] = a.id;
  std::map<std::string, std::string> sectors;
  for (const auto& o : doc.value("organisations", json::array())) sectors[text(o, "name")] = text(o, "sector");
  const auto made_on = text(doc, "made_on");
  const core::audit::Actor system;
  for (const auto& p : doc.value("pledges", json::array())) {
    const auto key = text(p, "key");
    if (key.empty()) return core::Error::invalid(path.string() + ": every pledge needs a key");
    if (store::commitment_by_source_key(*conn, key)) {
      ++rep.unchanged;
      continue;
    }
    CommitmentInput ci;
    ci.kind = "pledge";
    ci.href_prefix = "/pledges/";
    ci.text = text(p, "text");
    ci.owner_name = text(p, "person");
    ci.owner_role = text(p, "role");
    ci.source_key = key;
    ci.created_at = made_on.empty() ? "" : made_on + "T00:00:00Z";
    if (auto org = text(p, "organisation"); !org.empty()) {
      auto sector = sectors.count(org) ? sectors[org] : "other";
      auto id = organisation_named(*conn, org, sector, organisations_created);
      if (!id) return core::Error::invalid(path.string() + ": organisation " + org + ": " + id.error().message);
      ci.organisation_id = *id;
    }
    std::vector<std::int64_t> ids;
    for (const auto& a : p.value("ambitions", json::array()))
      if (a.is_string() && ambitions.count(a.get<std::string>()))
        ids.push_back(ambitions[a.get<std::string>()]);
      else
        rep.warnings.push_back(key + ": no ambition " + a.dump());
    std::int64_t initiative = 0;
    if (auto slug = text(p, "initiative"); !slug.empty()) {
      if (auto i = work::try_find_initiative(*conn, place->id, slug))
        initiative = i->id;
      else
        rep.warnings.push_back(key + ": no initiative " + slug);
    }
    auto m = insert_commitment_unaudited(*conn, ci);
    if (!m) return core::Error::invalid(path.string() + ": pledge " + key + ": " + m.error().message);
    store::insert_pledge(*conn, m->id, ci.organisation_id ? "organisation" : "self", initiative, text(doc, "made_at"),
                         ids);
    auto after = commitment_audit_json(*m);
    after["ambition_ids"] = ids;
    after["initiative_id"] = initiative;
    after["source_key"] = key;
    core::audit::record(*conn, system, {"create", "pledge", std::to_string(m->id), "", core::audit::to_text(after)});
    ++rep.created;
  }
  tx.commit();
  rep.summary = "Seeded the pledges: " + std::to_string(rep.created) + " created, " + std::to_string(rep.unchanged) +
                " unchanged, " + std::to_string(organisations_created) + " organisations added";
  return rep;
}

}  // namespace goldthread::pledges
