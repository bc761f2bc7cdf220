#pragma once
// The search page as a typed view (search_handlers.cpp). Its two representations are written
// in one place, work/search_json.cpp: the resource (the JSON twin, docs/API.md "Search") and
// the screen (the mustache template's model).
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/search.hpp"

namespace goldthread::work {

struct SearchView {
  std::string q;  // "" before a search
  core::search::Page result;
  int page = 1, per_page = 10;
  std::string base_href() const;  // /search?q=… for page links
};
void to_json(nlohmann::json& j, const SearchView& v);
void screen_json(nlohmann::json& j, const SearchView& v);

}  // namespace goldthread::work
