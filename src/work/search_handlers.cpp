// The /search page: a GOV.UK search form, ranked hits with escaped, highlighted snippets, over
// core's search index (core/search.hpp), which every capability fills for its own types.
#include <nlohmann/json_fwd.hpp>

#include "core/page.hpp"
#include "core/search.hpp"
#include "work/search_views.hpp"
#include "work/work_handlers.hpp"

namespace goldthread::work {

namespace {
constexpr int kResultsPerPage = 10;
constexpr std::size_t kMaxQuery = 200;
}  // namespace

core::Response search_page(core::Context& ctx) {
  SearchView v;
  v.q = ctx.query("q").value_or("");
  if (v.q.size() > kMaxQuery) v.q.resize(kMaxQuery);
  v.page = core::page_param(ctx);
  v.per_page = kResultsPerPage;
  if (!v.q.empty()) {
    auto conn = ctx.db().acquire();
    v.result = core::search::query(*conn, v.q, v.page, kResultsPerPage);
  }
  return core::render_page(ctx, {.template_name = "work/search",
                                 .title = v.q.empty() ? "Search" : "Search results for ‘" + v.q + "’",
                                 .crumbs = {{"Home", "/"}},
                                 .resource = [&](nlohmann::json& j) { to_json(j, v); },
                                 .screen = [&](nlohmann::json& j) { screen_json(j, v); }});
}

}  // namespace goldthread::work
