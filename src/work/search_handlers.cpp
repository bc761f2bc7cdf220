// The /search page: a GOV.UK search form, ranked hits with escaped, highlighted snippets, over
// core's search index (core/search.hpp), which every capability fills for its own types.
#include <nlohmann/json.hpp>

#include "core/page.hpp"
#include "core/search.hpp"
#include "work/work_handlers.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using nlohmann::json;

namespace {
constexpr int kPerPage = 10;
constexpr std::size_t kMaxQuery = 200;

std::string kind_label(const std::string& kind) {
  if (kind == "organisation") return "Organisation";
  if (kind == "initiative") return "Initiative";
  if (kind == "strategy") return "Strategy or plan";
  if (kind == "ambition") return "Ambition";
  if (kind == "priority") return "Priority";
  return kind;
}
}  // namespace

core::Response search_page(core::Context& ctx) {
  auto q = ctx.query("q").value_or("");
  if (q.size() > kMaxQuery) q.resize(kMaxQuery);
  int page = core::page_param(ctx);
  core::search::Page result;
  if (!q.empty()) {
    auto conn = ctx.db().acquire();
    result = core::search::query(*conn, q, page, kPerPage);
  }
  json hits = json::array();
  for (const auto& h : result.hits) {
    json hit = {{"kind", h.type}, {"kind_label", kind_label(h.type)}, {"title", h.title}, {"href", h.url},
                {"rank", h.rank}};
    // The JSON twin carries the markers as <mark> too, already escaped: safe to insert as HTML.
    hit["title_html"] = h.title_html;
    hit["snippet_html"] = h.snippet_html;
    hits.push_back(hit);
  }
  json model = {{"q", q},
                {"searched", !q.empty()},
                {"total", result.total},
                {"hits", hits},
                {"has_hits", !hits.empty()},
                {"pagination", core::pagination("/search" + query_string({{"q", q}}), page, kPerPage, result.total)}};
  return core::render_page(ctx, "work/search", q.empty() ? "Search" : "Search results for ‘" + q + "’", model, 200,
                           {{"Home", "/"}});
}

}  // namespace goldthread::work
