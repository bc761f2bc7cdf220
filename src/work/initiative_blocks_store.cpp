// Initiatives by building block, for the readiness capability's weak blocks (one query).
#include "work/work.hpp"

namespace goldthread::work {

std::vector<std::pair<std::string, InitiativeSummary>> initiatives_by_building_block(
    core::Connection& c, std::int64_t place_id, const std::vector<std::string>& block_slugs) {
  std::vector<std::pair<std::string, InitiativeSummary>> out;
  if (block_slugs.empty()) return out;
  std::string marks;
  std::vector<core::Value> params{place_id};
  for (const auto& s : block_slugs) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(s);
  }
  auto rs = c.query(
      "SELECT t.value, i.id, i.slug, i.title, i.summary, i.status, i.is_vision_project FROM initiative_tags t "
      "JOIN initiatives i ON i.id = t.initiative_id WHERE i.place_id = ? AND t.kind = 'building-block' AND t.value "
      "IN (" +
          marks + ") ORDER BY t.value, i.is_vision_project DESC, i.title, i.id",
      params);
  for (const auto& r : rs.rows)
    out.push_back({r.text(0), {r.integer(1), r.text(2), r.text(3), r.text(4), r.text(5), "", r.integer(6) != 0, ""}});
  return out;
}

}  // namespace goldthread::work
