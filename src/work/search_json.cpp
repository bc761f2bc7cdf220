// The two representations of the search page, in one place (work/search_views.hpp).
#include <nlohmann/json.hpp>

#include "core/page.hpp"
#include "core/text.hpp"
#include "work/search_views.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using nlohmann::json;

namespace {

std::string kind_label(const std::string& kind) {
  if (kind == "organisation") return "Organisation";
  if (kind == "initiative") return "Initiative";
  if (kind == "strategy") return "Strategy or plan";
  if (kind == "ambition") return "Ambition";
  if (kind == "priority") return "Priority";
  return kind;
}

json hits_of(const SearchView& v, bool screen) {
  json hits = json::array();
  for (const auto& h : v.result.hits) {
    // Both carry the markers as <mark>, already escaped: safe to insert as HTML.
    json hit = {{"kind", h.type}, {"title", h.title},           {"href", h.url},
                {"rank", h.rank}, {"title_html", h.title_html}, {"snippet_html", h.snippet_html}};
    if (screen) hit["kind_label"] = kind_label(h.type);
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace

std::string SearchView::base_href() const {
  return "/search" + query_string({{"q", q}});
}

void to_json(json& j, const SearchView& v) {
  j = {{"q", v.q},
       {"total", v.result.total},
       {"hits", hits_of(v, false)},
       {"pagination", core::resource_pagination(v.base_href(), v.page, v.per_page, v.result.total)}};
}

void screen_json(json& j, const SearchView& v) {
  auto hits = hits_of(v, true);
  j = {{"q", v.q},
       {"searched", !v.q.empty()},
       {"total", v.result.total},
       {"total_text", core::count_of(v.result.total, "result")},
       {"hits", hits},
       {"has_hits", !hits.empty()},
       {"pagination", core::pagination(v.base_href(), v.page, v.per_page, v.result.total)}};
}

}  // namespace goldthread::work
