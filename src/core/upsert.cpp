#include "core/upsert.hpp"

namespace goldthread::core {

std::string value_text(const Value& v) {
  if (std::holds_alternative<std::nullptr_t>(v)) return "";
  if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return std::get<std::string>(v);
}

UpsertResult upsert(Connection& c, const UpsertSpec& spec) {
  std::string where;
  std::vector<Value> key_values;
  for (const auto& [k, v] : spec.keys) {
    where += (where.empty() ? "" : " AND ") + k + " = ?";
    key_values.push_back(v);
  }
  std::string cols = "id";
  for (const auto& [k, _] : spec.fields) cols += ", " + k;
  auto rs = c.query("SELECT " + cols + " FROM " + spec.table + " WHERE " + where, key_values);
  if (rs.rows.empty()) {
    std::string names, marks;
    std::vector<Value> values;
    for (const auto* list : {&spec.keys, &spec.fields}) {
      for (const auto& [k, v] : *list) {
        names += (names.empty() ? "" : ", ") + k;
        marks += marks.empty() ? "?" : ", ?";
        values.push_back(v);
      }
    }
    auto ins = c.query("INSERT INTO " + spec.table + " (" + names + ") VALUES (" + marks + ") RETURNING id", values);
    return {ins.rows.at(0).integer(0), Change::created};
  }
  const Row& row = rs.rows[0];
  std::int64_t id = row.integer(0);
  std::string sets;
  std::vector<Value> values;
  for (std::size_t i = 0; i < spec.fields.size(); ++i) {
    const auto& [k, v] = spec.fields[i];
    bool same = std::holds_alternative<std::nullptr_t>(v) ? row.is_null(i + 1)
                                                          : (!row.is_null(i + 1) && row.text(i + 1) == value_text(v));
    if (same) continue;
    sets += (sets.empty() ? "" : ", ") + k + " = ?";
    values.push_back(v);
  }
  if (sets.empty()) return {id, Change::unchanged};
  values.emplace_back(id);
  c.query("UPDATE " + spec.table + " SET " + sets + " WHERE id = ?", values);
  return {id, Change::updated};
}

}  // namespace goldthread::core
