// CSV import of initiatives (docs/IMPORT_FORMATS.md); organisations are imported by partners.
#include <map>
#include <set>

#include "core/csv_import.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "work/work.hpp"
#include "work/work_rules.hpp"

namespace goldthread::work {
namespace {

const std::vector<std::string> kInitiativeColumns = {
    "slug",     "title",      "summary",         "description",     "owner_org_id",   "status",    "start_date",
    "end_date", "lead_name",  "sponsors",        "partner_org_ids", "partner_labels", "ambitions", "priorities",
    "areas",    "principles", "building_blocks", "links",           "vision_project"};

// Service field names → the CSV column that carries them.
const std::map<std::string, std::string> kFieldColumn = {
    {"owner_organisation_id", "owner_org_id"}, {"partner_ids", "partner_org_ids"}, {"alignments", "priorities"}};

using core::csv::split_list;
using core::csv::Table;

// Every org-id the file names (owner and partners), resolved in one query.
std::map<std::string, std::int64_t> organisations_named(core::Connection& c, const Table& t) {
  std::vector<std::string> codes;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (auto owner = t.get(r, "owner_org_id"); !owner.empty()) codes.push_back(owner);
    for (const auto& code : split_list(t.get(r, "partner_org_ids"))) codes.push_back(code);
  }
  return partners::organisation_ids_by_org_id(c, codes);
}

// One row → an Initiative; references that cannot be resolved become problems.
Initiative initiative_from(const std::map<std::string, std::int64_t>& orgs, const Table& t, std::size_t r,
                           std::int64_t place_id, const std::vector<places::Ambition>& ambitions,
                           std::vector<ImportProblem>& problems) {
  auto org_by_code = [&](const std::string& code) -> std::int64_t {
    auto it = orgs.find(code);
    return it == orgs.end() ? 0 : it->second;
  };
  Initiative i;
  i.place_id = place_id;
  i.slug = t.get(r, "slug");
  i.title = t.get(r, "title");
  i.summary = t.get(r, "summary");
  i.description = t.get(r, "description");
  i.status = t.get(r, "status").empty() ? "active" : t.get(r, "status");
  i.start_date = t.get(r, "start_date");
  i.end_date = t.get(r, "end_date");
  i.lead_name = t.get(r, "lead_name");
  i.sponsors = split_list(t.get(r, "sponsors"));
  i.partner_labels = split_list(t.get(r, "partner_labels"));
  i.areas = split_list(t.get(r, "areas"));
  i.principles = split_list(t.get(r, "principles"));
  i.building_blocks = split_list(t.get(r, "building_blocks"));
  auto vp = t.get(r, "vision_project");
  if (vp == "yes" || vp == "true" || vp == "1")
    i.is_vision_project = true;
  else if (!vp.empty() && vp != "no" && vp != "false" && vp != "0")
    problems.push_back({r + 1, "vision_project", "Enter yes or no"});
  if (auto owner = t.get(r, "owner_org_id"); !owner.empty()) {
    i.owner_organisation_id = org_by_code(owner);
    if (!i.owner_organisation_id)
      problems.push_back({r + 1, "owner_org_id", "No organisation has the org-id " + owner});
  }
  for (const auto& code : split_list(t.get(r, "partner_org_ids"))) {
    auto id = org_by_code(code);
    if (!id)
      problems.push_back({r + 1, "partner_org_ids", "No organisation has the org-id " + code});
    else
      i.partner_ids.push_back(id);
  }
  for (const auto& l : split_list(t.get(r, "links"))) {
    auto bar = l.find('|');
    i.links.push_back(bar == std::string::npos ? Link{"", l} : Link{l.substr(0, bar), l.substr(bar + 1)});
  }
  auto find_ambition = [&](const std::string& slug) -> const places::Ambition* {
    for (const auto& a : ambitions)
      if (a.slug == slug) return &a;
    return nullptr;
  };
  for (const auto& slug : split_list(t.get(r, "ambitions"))) {
    if (auto* a = find_ambition(slug))
      i.alignments.push_back({a->id, 0, ""});
    else
      problems.push_back({r + 1, "ambitions", "No ambition has the slug " + slug});
  }
  for (const auto& pair : split_list(t.get(r, "priorities"))) {
    auto slash = pair.find('/');
    const places::Ambition* a = slash == std::string::npos ? nullptr : find_ambition(pair.substr(0, slash));
    const places::Priority* p = nullptr;
    if (a)
      for (const auto& x : a->priorities)
        if (x.slug == pair.substr(slash + 1)) p = &x;
    if (p)
      i.alignments.push_back({a->id, p->id, ""});
    else
      problems.push_back({r + 1, "priorities", "No priority " + pair + " (write ambition-slug/priority-slug)"});
  }
  return i;
}

}  // namespace

ImportReport import_initiatives_csv(core::Database& db, const std::string& text, const ImportOptions& opts,
                                    const ImportProgress& progress) {
  ImportReport rep;
  auto table = core::csv::read_table(text, kInitiativeColumns, {"title"}, rep);
  if (!table) return rep;
  auto conn = db.acquire();
  auto place = places::try_current_place(*conn);
  if (!place) {
    rep.problems.push_back({0, "", "Import the place first: goldthread import place FILE"});
    return rep;
  }
  auto ambitions = places::list_ambitions(*conn, place->id);
  auto orgs = organisations_named(*conn, *table);
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
    std::vector<ImportProblem> problems;
    auto in = initiative_from(orgs, *table, r, place->id, ambitions, problems);
    if (!problems.empty())  // report the plain field problems of this row too
      for (const auto& f : validate_initiative(in))
        problems.push_back({r + 1, kFieldColumn.count(f.field) ? kFieldColumn.at(f.field) : f.field, f.message});
    if (problems.empty()) {
      bool existed = !in.slug.empty() && try_find_initiative(*conn, place->id, in.slug), changed = false;
      auto res = upsert_initiative(*conn, system, std::move(in), &changed);
      if (res) {
        if (!existed && changed)
          ++rep.created;
        else if (changed)
          ++rep.updated;
        else
          ++rep.unchanged;
        continue;
      }
      for (const auto& f : res.error().fields) {
        auto col = kFieldColumn.count(f.field) ? kFieldColumn.at(f.field) : f.field;
        problems.push_back({r + 1, col, f.message});
      }
      if (res.error().fields.empty()) problems.push_back({r + 1, "", res.error().message});
    }
    ++rep.skipped;
    rep.problems.insert(rep.problems.end(), problems.begin(), problems.end());
  }
  core::csv::finish(tx, rep, opts);
  return rep;
}

}  // namespace goldthread::work
