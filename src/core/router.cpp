#include "core/router.hpp"

#include <algorithm>

namespace goldthread::core {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    std::size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

Router::Router(const std::vector<Route>& routes) {
  for (const auto& r : routes) {
    Compiled c{&r, split_path(r.pattern), 0};
    for (const auto& s : c.segments)
      if (s.empty() || s.front() != '{') ++c.literal_count;
    routes_.push_back(std::move(c));
  }
  // More literal segments first, so /ambitions/new beats /ambitions/{slug}.
  std::stable_sort(routes_.begin(), routes_.end(),
                   [](const Compiled& a, const Compiled& b) { return a.literal_count > b.literal_count; });
}

Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  auto segs = split_path(path);
  const std::string& want = method == "HEAD" ? std::string("GET") : method;
  for (const auto& c : routes_) {
    if (c.segments.size() != segs.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& p = c.segments[i];
      if (!p.empty() && p.front() == '{') params[p.substr(1, p.size() - 2)] = segs[i];
      else ok = (p == segs[i]);
    }
    if (!ok) continue;
    if (c.route->method != want) {
      m.method_not_allowed = true;
      continue;
    }
    m.route = c.route;
    m.params = std::move(params);
    m.method_not_allowed = false;
    return m;
  }
  return m;
}

}  // namespace goldthread::core
