// The register as CSV and JSON, with the register's filters. Read in batches of kBatch by id
// (keyset), so memory per batch is bounded and no query grows with the offset; the body is
// then sent whole (core::Response has no streaming body yet: see docs/DECISIONS.md).
#include <nlohmann/json.hpp>

#include "core/page.hpp"
#include "pledges/commitment_internal.hpp"
#include "pledges/pledge_handlers.hpp"

namespace goldthread::pledges {
using core::Response;
using nlohmann::json;

namespace {

constexpr int kBatch = 500;

std::string csv_cell(const std::string& v) {
  // A leading =, +, - or @ would be a formula in a spreadsheet: prefix it with an apostrophe.
  std::string s = (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) ? "'" + v : v;
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string csv_row(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
  return out + "\r\n";
}

std::string text_of(const json& j) {
  return j.is_string() ? j.get<std::string>() : "";
}

// Calls `each` with every filtered pledge's JSON (with its latest update), newest first.
template <class Each>
std::optional<Response> each_pledge(core::Context& ctx, Each&& each) {
  auto conn = ctx.db().acquire();
  auto ambitions = ambition_index(ctx, *conn);
  auto read = read_register_query(ctx, *conn, ambitions);
  if (auto* e = std::get_if<core::Error>(&read)) return core::error_response(ctx, *e);
  const auto& q = std::get<RegisterQuery>(read);
  const auto today = today_utc();
  std::int64_t before = 0;
  for (;;) {
    auto batch = store::pledges_batch(*conn, q.filter, before, kBatch);
    if (batch.empty()) break;
    std::vector<Commitment> cs;
    for (const auto& p : batch) cs.push_back(p.commitment);
    fill_organisation_names(*conn, cs);
    json items = json::array();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      batch[i].commitment = cs[i];
      items.push_back(pledge_json(batch[i], ambitions, today));
    }
    attach_latest_updates(*conn, items);
    for (auto& i : items) each(i);
    before = batch.back().commitment.id;
    if (static_cast<int>(batch.size()) < kBatch) break;
  }
  return std::nullopt;
}

}  // namespace

Response register_csv(core::Context& ctx) {
  std::string out = csv_row({"id", "url", "pledge", "person", "role", "organisation", "sector", "side", "made_on",
                             "due_on", "status", "staleness", "ambitions", "latest_update_on", "latest_update"});
  auto err = each_pledge(ctx, [&](const json& p) {
    std::string ambitions;
    for (const auto& a : p["ambitions"]) ambitions += (ambitions.empty() ? "" : "; ") + a["title"].get<std::string>();
    const auto& u = p["latest_update"];
    out += csv_row({std::to_string(p["id"].get<std::int64_t>()), p["href"], p["text"], p["owner_name"],
                    text_of(p["owner_role"]), p["organisation"].is_object() ? text_of(p["organisation"]["name"]) : "",
                    text_of(p["sector"]), p["side"], p["made_on"], text_of(p["due_on"]), p["status"], p["staleness"],
                    ambitions, u.is_object() ? text_of(u["created_at"]).substr(0, 10) : "",
                    u.is_object() ? text_of(u["note"]) : ""});
  });
  if (err) return std::move(*err);
  auto res = Response::text(std::move(out), 200, "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"pledges.csv\"");
  return res;
}

Response register_json(core::Context& ctx) {
  json list = json::array();
  auto err = each_pledge(ctx, [&](json& p) {
    for (const char* k : {"status_class", "staleness_class"}) p.erase(k);
    list.push_back(std::move(p));
  });
  if (err) return std::move(*err);
  auto res = Response::json(json{{"pledges", list}, {"total", list.size()}}.dump());
  res.headers.set("Content-Disposition", "attachment; filename=\"pledges.json\"");
  return res;
}

}  // namespace goldthread::pledges
