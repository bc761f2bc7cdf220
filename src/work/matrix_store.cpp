// Matrix aggregation. Each count is one GROUP BY over a link table, with the filters as
// semi-joins, so the page costs six queries however many initiatives there are.
#include <random>
#include <tuple>

#include "partners/partners.hpp"
#include "places/places.hpp"
#include "work/matrix.hpp"
#include "work/work_store.hpp"

namespace goldthread::work {
namespace {

struct Sql {
  std::string where;
  std::vector<core::Value> params;
};

// Filters on initiatives aliased `i` (area served by the initiative, sector of its owner).
// Organisations' sectors and areas come from the views partners publishes (partners.hpp).
// An area filter also counts work and organisations covering a wider area containing it
// (`codes`: the area and its parents, places::area_codes_covering).
Sql initiative_filter(const MatrixFilter& f, const std::vector<std::string>& codes) {
  Sql s{" WHERE i.place_id = ?", {f.place_id}};
  if (!f.area_code.empty()) {
    s.where +=
        " AND i.id IN (SELECT initiative_id FROM initiative_areas WHERE area_code IN (" + marks(codes.size()) + "))";
    for (const auto& code : codes) s.params.emplace_back(code);
  }
  if (!f.sector.empty()) {
    s.where += " AND i.owner_organisation_id IN (SELECT organisation_id FROM partner_organisations WHERE sector = ?)";
    s.params.emplace_back(f.sector);
  }
  return s;
}

// Filters on strategies aliased `s` (area served by its owner, sector of its owner).
Sql strategy_filter(const MatrixFilter& f, const std::vector<std::string>& codes) {
  Sql s{" WHERE s.place_id = ?", {f.place_id}};
  if (!f.area_code.empty()) {
    s.where +=
        " AND s.owner_organisation_id IN (SELECT organisation_id FROM partner_organisation_areas WHERE area_code IN (" +
        marks(codes.size()) + "))";
    for (const auto& code : codes) s.params.emplace_back(code);
  }
  if (!f.sector.empty()) {
    s.where += " AND s.owner_organisation_id IN (SELECT organisation_id FROM partner_organisations WHERE sector = ?)";
    s.params.emplace_back(f.sector);
  }
  return s;
}

std::vector<core::Value> twice(const std::vector<core::Value>& p) {
  auto out = p;
  out.insert(out.end(), p.begin(), p.end());
  return out;
}

// Runs "per priority UNION ALL per ambition" and stores each count through `field`.
void count_into(core::Connection& c, MatrixData& m, const std::string& inner, const std::vector<core::Value>& params,
                std::int64_t Counts::*field) {
  auto rs = c.query("SELECT ambition_id, priority_id, count(DISTINCT ref) FROM (" + inner +
                        ") x WHERE priority_id <> 0 GROUP BY ambition_id, priority_id "
                        "UNION ALL SELECT ambition_id, 0, count(DISTINCT ref) FROM (" +
                        inner + ") y GROUP BY ambition_id",
                    twice(params));
  for (const auto& r : rs.rows) m.cells[{r.integer(0), r.integer(1)}].*field = r.integer(2);
}

constexpr std::size_t kMaxEntries = 512;  // filters are bounded (areas × sectors) but be safe

std::pair<std::string, std::int64_t> state_of(core::Connection& c) {
  auto r = c.query("SELECT token, version FROM work_state WHERE id = 1").rows.at(0);
  if (!r.text(0).empty()) return {r.text(0), r.integer(1)};
  std::random_device rd;
  std::string token = std::to_string(rd()) + "-" + std::to_string(rd()) + "-" + std::to_string(rd());
  c.query("UPDATE work_state SET token = ? WHERE id = 1 AND token = ''", {token});
  r = c.query("SELECT token, version FROM work_state WHERE id = 1").rows.at(0);
  return {r.text(0), r.integer(1)};
}

}  // namespace

void bump_work_version(core::Connection& c) {
  c.query("UPDATE work_state SET version = version + 1 WHERE id = 1");
}

bool MatrixCache::Key::operator<(const Key& o) const {
  return std::tie(token, place_id, area, sector) < std::tie(o.token, o.place_id, o.area, o.sector);
}

MatrixData cached_matrix(MatrixCache& cache, core::Connection& c, const MatrixFilter& f) {
  auto [token, version] = state_of(c);
  auto partners_version = partners::organisations_version(c);
  MatrixCache::Key key{token, f.place_id, f.area_code, f.sector};
  {
    std::lock_guard lock(cache.mu);
    auto it = cache.entries.find(key);
    if (it != cache.entries.end() && it->second.version == version && it->second.partners_version == partners_version)
      return it->second.data;
  }
  auto data = load_matrix(c, f);
  std::lock_guard lock(cache.mu);
  if (cache.entries.size() >= kMaxEntries) cache.entries.clear();
  cache.entries[key] = {version, partners_version, data};
  return data;
}

MatrixData load_matrix(core::Connection& c, const MatrixFilter& f) {
  MatrixData m;
  std::vector<std::string> codes;
  if (!f.area_code.empty()) codes = places::area_codes_covering(c, f.area_code);
  auto fi = initiative_filter(f, codes);
  auto fs = strategy_filter(f, codes);
  count_into(c, m,
             "SELECT a.ambition_id, a.priority_id, a.initiative_id AS ref FROM initiative_alignments a "
             "JOIN initiatives i ON i.id = a.initiative_id" +
                 fi.where,
             fi.params, &Counts::initiatives);
  count_into(c, m,
             "SELECT a.ambition_id, a.priority_id, a.strategy_id AS ref FROM strategy_alignments a "
             "JOIN strategies s ON s.id = a.strategy_id" +
                 fs.where,
             fs.params, &Counts::strategies);
  // Organisations serving a priority: owners and partners of its initiatives, owners of its
  // strategies (the filters apply to the initiative or strategy, as in the other counts).
  std::string orgs =
      "SELECT a.ambition_id, a.priority_id, i.owner_organisation_id AS ref FROM initiative_alignments a "
      "JOIN initiatives i ON i.id = a.initiative_id" +
      fi.where +
      " AND i.owner_organisation_id IS NOT NULL "
      "UNION ALL SELECT a.ambition_id, a.priority_id, p.organisation_id FROM initiative_alignments a "
      "JOIN initiative_partners p ON p.initiative_id = a.initiative_id AND p.status = 'confirmed' JOIN initiatives i "
      "ON i.id = a.initiative_id" +
      fi.where +
      " UNION ALL SELECT a.ambition_id, a.priority_id, s.owner_organisation_id FROM strategy_alignments a "
      "JOIN strategies s ON s.id = a.strategy_id" +
      fs.where + " AND s.owner_organisation_id IS NOT NULL";
  std::vector<core::Value> op = fi.params;
  op.insert(op.end(), fi.params.begin(), fi.params.end());
  op.insert(op.end(), fs.params.begin(), fs.params.end());
  count_into(c, m, orgs, op, &Counts::organisations);

  // Activity by area ignores the area filter (it is the breakdown) but keeps the sector one.
  MatrixFilter by_sector{f.place_id, "", f.sector};
  auto fa = initiative_filter(by_sector, {});
  for (const auto& r : c.query("SELECT ia.area_code, count(DISTINCT ia.initiative_id) FROM initiative_areas ia "
                               "JOIN initiatives i ON i.id = ia.initiative_id" +
                                   fa.where + " GROUP BY ia.area_code",
                               fa.params)
                           .rows)
    m.initiatives_by_area[r.text(0)] = r.integer(1);
  for (const auto& r :
       c.query("SELECT ia.area_code, a.ambition_id, count(DISTINCT ia.initiative_id) "
               "FROM initiative_areas ia JOIN initiative_alignments a ON a.initiative_id = ia.initiative_id "
               "JOIN initiatives i ON i.id = ia.initiative_id" +
                   fa.where + " GROUP BY ia.area_code, a.ambition_id",
               fa.params)
           .rows)
    m.area_ambition[{r.text(0), r.integer(1)}] = r.integer(2);
  return m;
}

}  // namespace goldthread::work
