// CSV import of initiatives and organisations (docs/IMPORT_FORMATS.md).
#include <map>
#include <set>

#include "partners/partners.hpp"
#include "places/places.hpp"
#include "work/csv.hpp"
#include "work/work.hpp"
#include "work/work_rules.hpp"

namespace goldthread::work {
namespace {

const std::vector<std::string> kInitiativeColumns = {
    "slug", "title", "summary", "description", "owner_org_id", "status", "start_date", "end_date", "lead_name",
    "sponsors", "partner_org_ids", "partner_labels", "ambitions", "priorities", "areas", "principles",
    "building_blocks", "links", "vision_project"};
const std::vector<std::string> kOrganisationColumns = {"name", "sector", "org_id", "website", "areas", "description"};

// Service field names → the CSV column that carries them.
const std::map<std::string, std::string> kFieldColumn = {
    {"owner_organisation_id", "owner_org_id"}, {"partner_ids", "partner_org_ids"}, {"alignments", "priorities"}};

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    auto b = cur.find_first_not_of(" \t"), e = cur.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (char ch : s) {
    if (ch == ';') flush();
    else cur.push_back(ch);
  }
  flush();
  return out;
}

struct Table {
  std::map<std::string, std::size_t> index;
  std::vector<csv::Record> rows;
  std::string get(std::size_t row, const std::string& col) const {
    auto it = index.find(col);
    if (it == index.end() || it->second >= rows[row].fields.size()) return "";
    return rows[row].fields[it->second];
  }
};

// Parses and checks the header; problems go to the report (row 0).
std::optional<Table> read_table(const std::string& text, const std::vector<std::string>& known,
                                const std::vector<std::string>& required, ImportReport& rep) {
  auto parsed = csv::parse(text);
  if (!parsed.error.empty()) {
    rep.problems.push_back({0, "", "The file is not valid CSV: " + parsed.error});
    return std::nullopt;
  }
  if (parsed.records.empty()) {
    rep.problems.push_back({0, "", "The file is empty: it needs a header row"});
    return std::nullopt;
  }
  Table t;
  const auto& header = parsed.records[0].fields;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (std::find(known.begin(), known.end(), header[i]) == known.end())
      rep.problems.push_back({0, header[i], "Unknown column; see docs/IMPORT_FORMATS.md"});
    else if (t.index.count(header[i]))
      rep.problems.push_back({0, header[i], "The column appears twice"});
    t.index[header[i]] = i;
  }
  for (const auto& r : required)
    if (!t.index.count(r)) rep.problems.push_back({0, r, "The required column is missing"});
  if (!rep.problems.empty()) return std::nullopt;
  t.rows.assign(parsed.records.begin() + 1, parsed.records.end());
  for (std::size_t i = 0; i < t.rows.size(); ++i)
    if (t.rows[i].fields.size() != header.size())
      rep.problems.push_back({i + 1, "", "The row has " + std::to_string(t.rows[i].fields.size()) + " fields; the header has " +
                                             std::to_string(header.size())});
  rep.rows = t.rows.size();
  return t;
}

std::int64_t org_by_code(core::Connection& c, const std::string& code) {
  auto rs = c.query("SELECT id FROM organisations WHERE org_id = ?", {code});
  return rs.rows.empty() ? 0 : rs.rows[0].integer(0);
}

// One row → an Initiative; references that cannot be resolved become problems.
Initiative initiative_from(core::Connection& c, const Table& t, std::size_t r, std::int64_t place_id,
                           const std::vector<places::Ambition>& ambitions, std::vector<ImportProblem>& problems) {
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
  if (vp == "yes" || vp == "true" || vp == "1") i.is_vision_project = true;
  else if (!vp.empty() && vp != "no" && vp != "false" && vp != "0")
    problems.push_back({r + 1, "vision_project", "Enter yes or no"});
  if (auto owner = t.get(r, "owner_org_id"); !owner.empty()) {
    i.owner_organisation_id = org_by_code(c, owner);
    if (!i.owner_organisation_id) problems.push_back({r + 1, "owner_org_id", "No organisation has the org-id " + owner});
  }
  for (const auto& code : split_list(t.get(r, "partner_org_ids"))) {
    auto id = org_by_code(c, code);
    if (!id) problems.push_back({r + 1, "partner_org_ids", "No organisation has the org-id " + code});
    else i.partner_ids.push_back(id);
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
    if (auto* a = find_ambition(slug)) i.alignments.push_back({a->id, 0, ""});
    else problems.push_back({r + 1, "ambitions", "No ambition has the slug " + slug});
  }
  for (const auto& pair : split_list(t.get(r, "priorities"))) {
    auto slash = pair.find('/');
    const places::Ambition* a = slash == std::string::npos ? nullptr : find_ambition(pair.substr(0, slash));
    const places::Priority* p = nullptr;
    if (a)
      for (const auto& x : a->priorities)
        if (x.slug == pair.substr(slash + 1)) p = &x;
    if (p) i.alignments.push_back({a->id, p->id, ""});
    else problems.push_back({r + 1, "priorities", "No priority " + pair + " (write ambition-slug/priority-slug)"});
  }
  return i;
}

void finish(core::Transaction& tx, ImportReport& rep, const ImportOptions& opts) {
  bool ok = rep.problems.empty() || opts.skip_invalid;
  if (ok && !opts.dry_run) {
    tx.commit();
    rep.written = true;
  }
}

}  // namespace

ImportReport import_initiatives_csv(core::Database& db, const std::string& text, const ImportOptions& opts,
                                    const ImportProgress& progress) {
  ImportReport rep;
  auto table = read_table(text, kInitiativeColumns, {"title"}, rep);
  if (!table) return rep;
  auto conn = db.acquire();
  auto place = places::try_current_place(*conn);
  if (!place) {
    rep.problems.push_back({0, "", "Import the place first: goldthread import place FILE"});
    return rep;
  }
  auto ambitions = places::list_ambitions(*conn, place->id);
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
    auto in = initiative_from(*conn, *table, r, place->id, ambitions, problems);
    if (!problems.empty())  // report the plain field problems of this row too
      for (const auto& f : validate_initiative(in))
        problems.push_back({r + 1, kFieldColumn.count(f.field) ? kFieldColumn.at(f.field) : f.field, f.message});
    if (problems.empty()) {
      bool existed = !in.slug.empty() && try_find_initiative(*conn, place->id, in.slug), changed = false;
      auto res = upsert_initiative(*conn, system, std::move(in), &changed);
      if (res) {
        if (!existed && changed) ++rep.created;
        else if (changed) ++rep.updated;
        else ++rep.unchanged;
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
  finish(tx, rep, opts);
  return rep;
}

ImportReport import_organisations_csv(core::Database& db, const std::string& text, const ImportOptions& opts,
                                      const ImportProgress& progress) {
  ImportReport rep;
  auto table = read_table(text, kOrganisationColumns, {"name", "sector"}, rep);
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
    partners::OrganisationInput in{table->get(r, "name"), table->get(r, "sector"), table->get(r, "org_id"),
                                   table->get(r, "website"), table->get(r, "description"),
                                   split_list(table->get(r, "areas"))};
    std::int64_t existing = in.org_id.empty() ? 0 : org_by_code(*conn, in.org_id);
    if (!existing) {
      auto rs = conn->query("SELECT id FROM organisations WHERE name = ?", {in.name});
      if (!rs.rows.empty()) existing = rs.rows[0].integer(0);
    }
    auto errors = partners::validate_organisation(in);
    if (errors.empty() && existing) {
      auto cur = partners::try_find_organisation(*conn, existing);
      bool same = cur && cur->name == in.name && cur->sector == in.sector && cur->org_id == in.org_id &&
                  cur->website == in.website && cur->description == in.description && cur->areas == in.areas;
      if (same) {
        ++rep.unchanged;
        continue;
      }
      auto res = partners::update_organisation_in(*conn, system, existing, in);
      if (res) {
        ++rep.updated;
        continue;
      }
      for (const auto& f : res.error().fields) errors.push_back(f);
    } else if (errors.empty()) {
      auto res = partners::create_organisation_in(*conn, system, in);
      if (res) {
        ++rep.created;
        continue;
      }
      for (const auto& f : res.error().fields) errors.push_back(f);
    }
    ++rep.skipped;
    for (const auto& f : errors) rep.problems.push_back({r + 1, f.field, f.message});
  }
  finish(tx, rep, opts);
  return rep;
}

}  // namespace goldthread::work
