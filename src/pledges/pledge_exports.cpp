// The register as CSV and JSON, with the register's filters. Read in batches of kBatch by id
// (keyset), so memory per batch is bounded and no query grows with the offset; the body is
// streamed, one batch a piece (core/streaming.hpp).
#include <memory>
#include <nlohmann/json.hpp>
#include <variant>

#include "core/page.hpp"
#include "core/streaming.hpp"
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

// The filtered register, newest first, as keyset pages of pledge JSON (with the latest update
// of each): one page is read, with its organisations' names and updates, per streamed piece.
// The filters and ambitions are read from the request before the answer starts.
std::variant<core::RowPages<json>, Response> pledge_pages(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto ambitions = std::make_shared<const AmbitionIndex>(ambition_index(ctx, *conn));
  auto read = read_register_query(ctx, *conn, *ambitions);
  if (auto* e = std::get_if<core::Error>(&read)) return core::error_response(ctx, *e);
  core::RowPages<json> pages;
  pages.page_size = kBatch;
  pages.read = [filter = std::get<RegisterQuery>(read).filter, ambitions, today = today_utc()](
                   core::Connection& c, const json* after, std::size_t limit) {
    auto batch =
        store::pledges_batch(c, filter, after ? (*after)["id"].get<std::int64_t>() : 0, static_cast<int>(limit));
    std::vector<Commitment> cs;
    for (const auto& p : batch) cs.push_back(p.commitment);
    fill_organisation_names(c, cs);
    json items = json::array();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      batch[i].commitment = cs[i];
      items.push_back(pledge_json(batch[i], *ambitions, today));
    }
    attach_latest_updates(c, items);
    attach_rooms(c, items);
    std::vector<json> out;
    out.reserve(items.size());
    for (auto& i : items) out.push_back(std::move(i));
    return out;
  };
  return pages;
}

}  // namespace

Response register_csv(core::Context& ctx) {
  auto made = pledge_pages(ctx);
  if (auto* r = std::get_if<Response>(&made)) return std::move(*r);
  auto pages = std::get<core::RowPages<json>>(std::move(made));
  pages.head = csv_row({"id", "url", "pledge", "person", "role", "organisation", "sector", "side", "made_on", "due_on",
                        "status", "staleness", "ambitions", "latest_update_on", "latest_update", "room", "room_url"});
  pages.write = [](std::string& out, const std::vector<json>& page, bool) {
    for (const auto& p : page) {
      std::string ambitions;
      for (const auto& a : p["ambitions"]) ambitions += (ambitions.empty() ? "" : "; ") + a["title"].get<std::string>();
      const auto& u = p["latest_update"];
      out += csv_row({std::to_string(p["id"].get<std::int64_t>()), p["href"], p["text"], p["owner_name"],
                      text_of(p["owner_role"]), p["organisation"].is_object() ? text_of(p["organisation"]["name"]) : "",
                      text_of(p["sector"]), p["side"], p["made_on"], text_of(p["due_on"]), p["status"], p["staleness"],
                      ambitions, u.is_object() ? text_of(u["created_at"]).substr(0, 10) : "",
                      u.is_object() ? text_of(u["note"]) : "", p["room"].is_object() ? text_of(p["room"]["title"]) : "",
                      p["room"].is_object() ? text_of(p["room"]["href"]) : ""});
    }
  };
  auto res = core::stream_rows("text/csv; charset=utf-8", ctx.db(), std::move(pages));
  res.headers.set("Content-Disposition", "attachment; filename=\"pledges.csv\"");
  return res;
}

// {"pledges":[...],"total":N}: the total is written after the last page.
Response register_json(core::Context& ctx) {
  auto made = pledge_pages(ctx);
  if (auto* r = std::get_if<Response>(&made)) return std::move(*r);
  auto pages = std::get<core::RowPages<json>>(std::move(made));
  pages.head = "{\"pledges\":[";
  pages.write = [](std::string& out, const std::vector<json>& page, bool first) {
    for (auto p : page) {
      for (const char* k : {"status_class", "staleness_class"}) p.erase(k);
      if (!first) out += ',';
      first = false;
      out += p.dump();
    }
  };
  pages.tail = [](std::string& out, std::size_t rows) { out += "],\"total\":" + std::to_string(rows) + "}"; };
  auto res = core::stream_rows("application/json", ctx.db(), std::move(pages));
  res.headers.set("Content-Disposition", "attachment; filename=\"pledges.json\"");
  return res;
}

}  // namespace goldthread::pledges
