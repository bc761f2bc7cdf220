// CSV import of organisations (docs/IMPORT_FORMATS.md), and the partners seed: the councils
// named by the place's areas.
#include <set>

#include "core/csv_import.hpp"
#include "partners/partner_store.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::partners {
namespace {

const std::vector<std::string> kColumns = {"name", "sector", "org_id", "website", "areas", "description"};

std::string sector_of_area(const std::string& type) {
  if (type == "County") return "county-council";
  if (type.find("nitary") != std::string::npos) return "unitary-council";
  return "district-council";
}

}  // namespace

core::ImportReport import_organisations_csv(core::Database& db, const std::string& text,
                                            const core::ImportOptions& opts, const core::ImportProgress& progress) {
  core::ImportReport rep;
  auto table = core::csv::read_table(text, kColumns, {"name", "sector"}, rep);
  if (!table) return rep;
  auto conn = db.acquire();
  core::Transaction tx(*conn);
  const core::audit::Actor system;
  std::set<std::size_t> bad_rows;
  for (const auto& p : rep.problems) bad_rows.insert(p.row);
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    if (progress) progress(r + 1, table->rows.size());
    if (bad_rows.count(r + 1)) {
      ++rep.skipped;
      continue;
    }
    OrganisationInput in{table->get(r, "name"),        table->get(r, "sector"),
                         table->get(r, "org_id"),      table->get(r, "website"),
                         table->get(r, "description"), core::csv::split_list(table->get(r, "areas"))};
    std::int64_t existing = 0;
    if (!in.org_id.empty()) {
      auto found = organisation_ids_by_org_id(*conn, {in.org_id});
      if (!found.empty()) existing = found.begin()->second;
    }
    if (!existing) existing = organisation_id_by_name(*conn, in.name);
    auto errors = validate_organisation(in);
    if (errors.empty() && existing) {
      auto cur = try_find_organisation(*conn, existing);
      bool same = cur && cur->name == in.name && cur->sector == in.sector && cur->org_id == in.org_id &&
                  cur->website == in.website && cur->description == in.description && cur->areas == in.areas;
      if (same) {
        ++rep.unchanged;
        continue;
      }
      auto res = update_organisation_in(*conn, system, existing, in);
      if (res) {
        ++rep.updated;
        continue;
      }
      for (const auto& f : res.error().fields) errors.push_back(f);
    } else if (errors.empty()) {
      auto res = create_organisation_in(*conn, system, in);
      if (res) {
        ++rep.created;
        continue;
      }
      for (const auto& f : res.error().fields) errors.push_back(f);
    }
    ++rep.skipped;
    for (const auto& f : errors) rep.problems.push_back({r + 1, f.field, f.message});
  }
  core::csv::finish(tx, rep, opts);
  return rep;
}

core::Result<core::SeedReport> seed_from_place(core::Database& db) {
  auto conn = db.acquire();
  core::Transaction tx(*conn);
  auto place = places::try_current_place(*conn);
  if (!place) return core::Error::invalid("import the place before seeding its organisations");
  core::SeedReport rep;
  const core::audit::Actor system;
  auto areas = places::list_areas(*conn, place->id);
  std::vector<std::string> codes;
  for (const auto& a : areas) codes.push_back(a.org_id);
  auto known = organisation_ids_by_org_id(*conn, codes);
  for (const auto& a : areas) {
    if (a.council.empty() || a.org_id.empty()) continue;
    if (known.count(a.org_id)) {
      ++rep.unchanged;
      continue;
    }
    auto o =
        create_organisation_in(*conn, system, {a.council, sector_of_area(a.area_type), a.org_id, "", "", {a.code}});
    if (!o)
      rep.warnings.push_back("council " + a.council + ": " + o.error().message);
    else
      ++rep.created, known[a.org_id] = o->id;
  }
  index_all_organisations(*conn);
  tx.commit();
  rep.summary = "Seeded the councils: " + std::to_string(rep.created) + " created, " + std::to_string(rep.unchanged) +
                " unchanged";
  return rep;
}

}  // namespace goldthread::partners
