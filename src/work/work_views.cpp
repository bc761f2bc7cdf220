#include "work/work_views.hpp"

#include <nlohmann/json.hpp>

#include "core/json_values.hpp"
#include "core/page.hpp"
#include "partners/partners.hpp"
#include "work/initiative_views.hpp"

namespace goldthread::work {
using nlohmann::json;

std::optional<places::Place> current_place(core::Connection& c) {
  return places::try_current_place(c);
}
const std::optional<places::Place>& current_place(core::Context& ctx, core::Connection& c) {
  return places::current_place(ctx, c);
}

core::Response no_place(core::Context& ctx) {
  return core::error_page(ctx, 404, "No place has been set up yet",
                          "An administrator needs to import a place file: goldthread import place FILE.");
}

core::Response not_found(core::Context& ctx, const std::string& what) {
  return core::error_page(ctx, 404, "Page not found", "There is no " + what + " at this address.");
}

std::optional<std::string> saved_message(const core::Context& ctx, const std::string& created,
                                         const std::string& updated) {
  auto saved = ctx.query("saved").value_or("");
  if (saved == "created") return created;
  if (saved == "updated") return updated;
  if (ctx.query("connected").value_or("") == "1") return "Your request to connect has been sent";
  return std::nullopt;
}

json saved_banner(const core::Context& ctx, const std::string& created, const std::string& updated) {
  auto m = saved_message(ctx, created, updated);
  return m ? json(*m) : json(nullptr);
}

json owner_options(const core::Context& ctx, core::Connection& c, std::int64_t selected) {
  json owners = json::array();
  if (ctx.principal.has(core::Role::place_admin) || ctx.principal.has(core::Role::site_admin)) {
    for (const auto& o : partners::list_organisations(c, "", 500))
      owners.push_back({{"value", o.id}, {"text", o.name}, {"selected", o.id == selected}});
    return owners;
  }
  for (const auto& m : ctx.principal.memberships)
    owners.push_back(
        {{"value", m.organisation_id}, {"text", m.organisation_name}, {"selected", m.organisation_id == selected}});
  return owners;
}

VisionIndex vision_index(core::Connection& c, std::int64_t place_id) {
  VisionIndex v;
  v.ambitions = places::list_ambitions(c, place_id);
  for (const auto& a : v.ambitions) {
    v.ambition[a.id] = &a;
    for (const auto& p : a.priorities) v.priority[p.id] = {&a, &p};
  }
  return v;
}

std::vector<AlignmentView> alignment_views(const VisionIndex& v, const std::vector<Alignment>& alignments) {
  std::vector<AlignmentView> out;
  for (const auto& al : alignments) {
    auto a = v.ambition.find(al.ambition_id);
    if (a == v.ambition.end()) continue;
    AlignmentView item{a->second->title, a->second->slug, "", al.statement, "/ambitions/" + a->second->slug};
    if (auto p = v.priority.find(al.priority_id); p != v.priority.end()) {
      item.priority = p->second.second->title;
      item.href = "/ambitions/" + a->second->slug + "#priority-" + p->second.second->slug;
    }
    out.push_back(std::move(item));
  }
  return out;
}

json alignments_json(const VisionIndex& v, const std::vector<Alignment>& alignments) {
  json out = json::array();
  for (const auto& a : alignment_views(v, alignments)) {
    json item = {
        {"ambition", a.ambition}, {"ambition_slug", a.ambition_slug}, {"href", a.href}, {"statement", a.statement}};
    if (!a.priority.empty()) item["priority"] = a.priority;
    out.push_back(std::move(item));
  }
  return out;
}

std::string label_of(const std::vector<std::pair<std::string, std::string>>& codes, const std::string& code) {
  for (const auto& [c, l] : codes)
    if (c == code) return l;
  return code;
}

json options_json(const std::vector<std::pair<std::string, std::string>>& codes, const std::string& selected) {
  json out = json::array();
  for (const auto& [c, l] : codes) out.push_back({{"value", c}, {"text", l}, {"selected", c == selected}});
  return out;
}

json summary_json(const InitiativeSummary& s) {
  return {{"slug", s.slug},
          {"title", s.title},
          {"summary", s.summary},
          {"status", s.status},
          {"status_label", label_of(statuses(), s.status)},
          {"owner", core::text_or_null(s.owner_name)},
          {"is_vision_project", s.is_vision_project},
          {"href", "/initiatives/" + s.slug},
          {"wider_area", core::text_or_null(s.wider_area)}};
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params)
    if (!v.empty()) out += (out.empty() ? "?" : "&") + k + "=" + core::url_encode(v);
  return out;
}

}  // namespace goldthread::work
