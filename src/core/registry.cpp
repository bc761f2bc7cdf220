#include "core/registry.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "core/embedded.hpp"

namespace goldthread::core {

void Registry::add_route(std::string method, std::string pattern, Access access, Handler handler) {
  routes_.push_back({std::move(method), std::move(pattern), std::move(access), std::move(handler), current_module_});
}

void Registry::add_cached_page(std::string pattern, Handler handler) {
  add_route("GET", std::move(pattern), Access::anyone(), std::move(handler));
  routes_.back().cache_anonymous = true;
}

void Registry::set_heavy(const std::string& method, const std::string& pattern) {
  for (auto& r : routes_)
    if (r.method == method && r.pattern == pattern) {
      r.heavy = true;
      return;
    }
  throw std::logic_error("set_heavy: no route " + method + " " + pattern);
}

void Registry::add_command(Command c) {
  c.module = current_module_;
  commands_.push_back(std::move(c));
}

void Registry::add_migrations(const std::string& module) {
  std::string prefix = "src/" + module + "/migrations/";
  for (const auto& [path, content] : embedded_files()) {
    if (path.rfind(prefix, 0) != 0 || path.size() < 4 || path.substr(path.size() - 4) != ".sql") continue;
    std::string file = std::string(path.substr(prefix.size()));
    Migration m;
    m.module = module;
    m.version = std::atoi(file.c_str());
    m.name = file.substr(0, file.size() - 4);
    m.sql = std::string(content);
    migrations_.push_back(std::move(m));
  }
}

std::vector<Section> Registry::sections_for(const std::string& slot, std::type_index subject, Context& ctx,
                                            const void* value) const {
  std::vector<Section> out;
  for (const auto& p : sections_) {
    if (p.slot != slot) continue;
    if (p.subject != subject)
      throw std::logic_error("section slot '" + slot + "' was registered for a different subject type");
    if (auto s = p.provide(ctx, value)) out.push_back(std::move(*s));
  }
  return out;
}

std::vector<NavItem> Registry::nav() const {
  auto out = nav_;
  std::stable_sort(out.begin(), out.end(), [](const NavItem& a, const NavItem& b) { return a.order < b.order; });
  return out;
}

}  // namespace goldthread::core
