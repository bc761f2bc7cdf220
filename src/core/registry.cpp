#include "core/registry.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <stdexcept>

#include "core/contributions.hpp"
#include "core/embedded.hpp"
#include "core/site_map.hpp"

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

void Registry::set_token_authenticated(const std::string& method, const std::string& pattern) {
  for (auto& r : routes_)
    if (r.method == method && r.pattern == pattern) {
      r.token_authenticated = true;
      return;
    }
  throw std::logic_error("set_token_authenticated: no route " + method + " " + pattern);
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

void Registry::add_site_section(SiteSection s) {
  for (const auto& e : site_sections_)
    if (e.key == s.key || e.href == s.href) throw std::logic_error("site section registered twice: " + s.key);
  if (site_sections_.size() >= kMaxSiteSections)
    throw std::logic_error("at most six site sections (docs/SITEMAP.md); add a section link instead: " + s.key);
  if (s.core_landing) {
    auto saved = current_module_;
    current_module_ = "core";
    add_cached_page(s.href, section_landing_handler(s.key));
    current_module_ = std::move(saved);
  }
  site_sections_.push_back(std::move(s));
}

void Registry::add_section_link(SectionLink l) {
  for (const auto& e : section_links_)
    if (e.section == l.section && e.key == l.key && e.planned == l.planned)
      throw std::logic_error("section link registered twice: " + l.section + "/" + l.key);
  if (!l.planned && l.href.empty()) throw std::logic_error("a built section link needs an href: " + l.key);
  section_links_.push_back(std::move(l));
}

std::vector<SiteSection> Registry::site_sections() const {
  for (const auto& l : section_links_) {
    bool known = std::any_of(site_sections_.begin(), site_sections_.end(),
                             [&](const SiteSection& s) { return s.key == l.section; });
    if (!known) throw std::logic_error("section link '" + l.key + "' names an unknown section: " + l.section);
  }
  auto out = site_sections_;
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  return out;
}

std::vector<SectionLink> Registry::section_links(const std::string& section) const {
  std::vector<SectionLink> built, planned;
  for (const auto& l : section_links_)
    if (l.section == section) (l.planned ? planned : built).push_back(l);
  for (const auto& p : planned) {
    bool taken = std::any_of(built.begin(), built.end(), [&](const SectionLink& b) { return b.key == p.key; });
    if (!taken) built.push_back(p);
  }
  std::stable_sort(built.begin(), built.end(), [](const auto& a, const auto& b) {
    if (a.planned != b.planned) return !a.planned;
    return a.order < b.order;
  });
  return built;
}

namespace {
// "/areas" covers "/areas" and "/areas/E07000075", not "/areas-old".
bool covers(const std::string& href, const std::string& path) {
  if (href.empty() || href == "/" || path.rfind(href, 0) != 0) return false;
  return path.size() == href.size() || path[href.size()] == '/' || path[href.size()] == '.';
}
}  // namespace

const SiteSection* Registry::section_for_path(const std::string& path) const {
  const SiteSection* best = nullptr;
  std::size_t best_len = 0;
  auto consider = [&](const std::string& href, const std::string& key) {
    if (!covers(href, path) || href.size() <= best_len) return;
    for (const auto& s : site_sections_)
      if (s.key == key) {
        best = &s;
        best_len = href.size();
      }
  };
  for (const auto& s : site_sections_) consider(s.href, s.key);
  for (const auto& l : section_links_)
    if (!l.planned && l.claims_path) consider(l.href, l.section);
  return best;
}

// --- Contribution removers (core/contributions.hpp) ---------------------------------------
namespace {
std::mutex& removers_mutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, ContributionRemover>& removers() {
  static std::map<std::string, ContributionRemover> r;
  return r;
}
}  // namespace

void add_contribution_remover(const std::string& key, ContributionRemover remove) {
  std::lock_guard g(removers_mutex());
  removers()[key] = std::move(remove);
}

void remove_contributions(Connection& c, std::int64_t user_id) {
  std::map<std::string, ContributionRemover> copy;
  {
    std::lock_guard g(removers_mutex());
    copy = removers();
  }
  for (const auto& [key, remove] : copy) remove(c, user_id);
}

}  // namespace goldthread::core
