#include "core/audit.hpp"

#include <nlohmann/json.hpp>
#include <optional>

#include "core/text.hpp"

namespace goldthread::core::audit {

Actor Actor::from(const Principal& p, std::int64_t organisation_id, std::string request_id) {
  Actor a;
  a.user_id = p.user_id;
  a.name = p.signed_in() ? p.name : "anonymous";
  a.organisation_id = organisation_id;
  a.request_id = std::move(request_id);
  return a;
}

std::string to_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void record(Connection& c, const Actor& actor, const Change& ch) {
  auto opt = [](const std::string& s) -> Value { return s.empty() ? Value(nullptr) : Value(valid_utf8(s)); };
  auto id_or_null = [](std::int64_t v) -> Value { return v == 0 ? Value(nullptr) : Value(v); };
  c.query(
      "INSERT INTO audit_events (occurred_at, actor_user_id, actor_name, organisation_id, action, resource_type, "
      "resource_id, before_json, after_json, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {now_utc(), id_or_null(actor.user_id), valid_utf8(actor.name), id_or_null(actor.organisation_id),
       valid_utf8(ch.action), valid_utf8(ch.resource_type), valid_utf8(ch.resource_id), opt(ch.before_json),
       opt(ch.after_json), valid_utf8(actor.request_id)});
}

Page list(Connection& c, const Filter& f) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (f.actor_user_id) where += " AND actor_user_id = ?", params.emplace_back(*f.actor_user_id);
  if (f.organisation_id) where += " AND organisation_id = ?", params.emplace_back(*f.organisation_id);
  if (!f.resource_type.empty()) where += " AND resource_type = ?", params.emplace_back(f.resource_type);
  if (!f.resource_id.empty()) where += " AND resource_id = ?", params.emplace_back(f.resource_id);
  if (!f.from_date.empty()) where += " AND occurred_at >= ?", params.emplace_back(f.from_date);
  if (!f.to_date.empty()) where += " AND occurred_at < ?", params.emplace_back(f.to_date + "T99");
  Page page;
  page.total = c.query("SELECT count(*) FROM audit_events" + where, params).rows.at(0).integer(0);
  int per = f.per_page < 1 ? 50 : f.per_page;
  int pg = f.page < 1 ? 1 : f.page;
  params.emplace_back(static_cast<std::int64_t>(per));
  params.emplace_back(static_cast<std::int64_t>((pg - 1) * per));
  auto rs = c.query(
      "SELECT id, occurred_at, actor_user_id, actor_name, organisation_id, action, resource_type, resource_id, "
      "before_json, after_json, request_id FROM audit_events" +
          where + " ORDER BY id DESC LIMIT ? OFFSET ?",
      params);
  for (const auto& r : rs.rows) {
    Event e;
    e.id = r.integer(0);
    e.occurred_at = r.text(1);
    e.actor_user_id = r.integer(2);
    e.actor_name = r.text(3);
    e.organisation_id = r.integer(4);
    e.action = r.text(5);
    e.resource_type = r.text(6);
    e.resource_id = r.text(7);
    e.before_json = r.text(8);
    e.after_json = r.text(9);
    e.request_id = r.text(10);
    page.events.push_back(std::move(e));
  }
  return page;
}

std::int64_t latest_id(Connection& c) {
  return c.query("SELECT coalesce(max(id), 0) FROM audit_events").rows.at(0).integer(0);
}

namespace {

struct Redaction {
  const std::string &name, &email, &as_name, &as_email;
  std::string apply(const std::string& s) const {
    std::string out = replace_all_ignoring_case(s, email, as_email);
    if (out == name) return as_name;
    return name.size() >= 3 ? replace_all(out, name, as_name) : out;
  }
  void walk(nlohmann::json& j) const {
    if (j.is_string()) j = apply(j.get<std::string>());
    else if (j.is_structured())
      for (auto& v : j) walk(v);
  }
  Value text(const std::optional<std::string>& stored) const {
    if (!stored) return Value(nullptr);
    auto j = nlohmann::json::parse(*stored, nullptr, false);
    if (j.is_discarded()) return Value(apply(*stored));
    walk(j);
    return Value(to_text(j));
  }
};

}  // namespace

std::int64_t redact_person(Connection& c, std::int64_t user_id, const std::string& name, const std::string& email,
                           const std::string& as_name, const std::string& as_email) {
  const Redaction r{name, email, as_name, as_email};
  std::string where = "actor_user_id = ?";
  std::vector<Value> params{user_id};
  for (const auto* needle : {&email, &name}) {
    if (needle->empty()) continue;
    where += " OR lower(before_json) LIKE ? ESCAPE '\\' OR lower(after_json) LIKE ? ESCAPE '\\'";
    params.emplace_back(like_contains(*needle));
    params.emplace_back(like_contains(*needle));
  }
  std::int64_t changed = 0;
  for (const auto& row : c.query("SELECT id, actor_user_id, actor_name, before_json, after_json FROM audit_events "
                                 "WHERE " + where, params).rows) {
    const bool own = !row.is_null(1) && row.integer(1) == user_id;
    auto before = r.text(row.opt_text(3)), after = r.text(row.opt_text(4));
    c.query("UPDATE audit_events SET actor_name = ?, before_json = ?, after_json = ? WHERE id = ?",
            {own ? as_name : row.text(2), before, after, row.integer(0)});
    ++changed;
  }
  return changed;
}

}  // namespace goldthread::core::audit
