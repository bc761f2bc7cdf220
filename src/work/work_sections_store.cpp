// Queries of the sections the work capability adds to other capabilities' pages. Organisation
// names and areas come from the views partners publishes (partners.hpp).
#include "work/work_store.hpp"

namespace goldthread::work {

std::string marks(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

std::map<std::int64_t, std::int64_t> initiative_counts_by_priority(core::Connection& c, std::int64_t ambition_id) {
  std::map<std::int64_t, std::int64_t> out;
  for (const auto& r : c.query("SELECT priority_id, count(*) FROM initiative_alignments WHERE ambition_id = ? "
                               "GROUP BY priority_id",
                               {ambition_id})
                           .rows)
    out[r.integer(0)] = r.integer(1);
  return out;
}

std::vector<PriorityItem> initiatives_by_priority(core::Connection& c, std::int64_t ambition_id,
                                                  std::int64_t per_priority) {
  std::vector<PriorityItem> out;
  for (const auto& r :
       c.query("SELECT priority_id, slug, title, status, basis FROM (SELECT a.priority_id, i.slug, i.title, i.status, "
               "a.basis, "
               "ROW_NUMBER() OVER (PARTITION BY a.priority_id ORDER BY i.is_vision_project DESC, i.title, i.id) AS rn "
               "FROM initiative_alignments a JOIN initiatives i ON i.id = a.initiative_id WHERE a.ambition_id = ?) x "
               "WHERE rn <= ? ORDER BY priority_id, rn",
               {ambition_id, per_priority})
           .rows)
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4)});
  return out;
}

std::vector<PriorityItem> strategies_by_priority(core::Connection& c, std::int64_t ambition_id) {
  std::vector<PriorityItem> out;
  for (const auto& r : c.query("SELECT a.priority_id, s.slug, s.title, a.statement FROM strategy_alignments a "
                               "JOIN strategies s ON s.id = a.strategy_id WHERE a.ambition_id = ? ORDER BY s.title",
                               {ambition_id})
                           .rows)
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), ""});
  return out;
}

std::vector<PriorityItem> partners_by_priority(core::Connection& c, std::int64_t ambition_id,
                                               std::int64_t per_priority) {
  std::vector<PriorityItem> out;
  for (const auto& r :
       c.query(
            "SELECT priority_id, slug, name FROM (SELECT x.priority_id, o.slug, o.name, ROW_NUMBER() OVER "
            "(PARTITION BY x.priority_id ORDER BY o.name, o.organisation_id) AS rn FROM (SELECT DISTINCT priority_id, "
            "org FROM (SELECT a.priority_id, i.owner_organisation_id AS org FROM initiative_alignments a JOIN "
            "initiatives i ON i.id = a.initiative_id WHERE a.ambition_id = ? UNION SELECT a.priority_id, "
            "p.organisation_id FROM initiative_alignments a JOIN initiative_partners p ON p.initiative_id = "
            "a.initiative_id AND p.status = 'confirmed' WHERE a.ambition_id = ? UNION SELECT a.priority_id, "
            "s.owner_organisation_id FROM "
            "strategy_alignments a JOIN strategies s ON s.id = a.strategy_id WHERE a.ambition_id = ?) u "
            "WHERE org IS NOT NULL) x JOIN partner_organisations o ON o.organisation_id = x.org) y "
            "WHERE rn <= ? ORDER BY priority_id, rn",
            {ambition_id, ambition_id, ambition_id, per_priority})
           .rows)
    out.push_back({r.integer(0), r.text(1), r.text(2), "", ""});
  return out;
}

std::vector<PriorityItem> strategies_in_area(core::Connection& c, std::int64_t place_id,
                                             const std::vector<std::string>& area_codes) {
  std::vector<PriorityItem> out;
  if (area_codes.empty()) return out;
  std::vector<core::Value> params{place_id};
  for (const auto& a : area_codes) params.emplace_back(a);
  for (const auto& r : c.query("SELECT slug, title FROM strategies WHERE place_id = ? AND owner_organisation_id IN "
                               "(SELECT organisation_id FROM partner_organisation_areas WHERE area_code IN (" +
                                   marks(area_codes.size()) + ")) ORDER BY title",
                               params)
                           .rows)
    out.push_back({0, r.text(0), r.text(1), "", ""});
  return out;
}

}  // namespace goldthread::work
