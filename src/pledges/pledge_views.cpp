#include "pledges/pledge_views.hpp"

#include "assemblies/assemblies.hpp"
#include "partners/partners.hpp"
#include "pledges/commitment_internal.hpp"

namespace goldthread::pledges {
using nlohmann::json;

namespace {

const char* status_colour(const std::string& s) {
  if (s == "complete") return "govuk-tag--green";
  if (s == "substantial") return "govuk-tag--blue";
  if (s == "limited") return "govuk-tag--yellow";
  return "govuk-tag--grey";
}

}  // namespace

AmbitionIndex ambition_index(core::Context& ctx, core::Connection& c) {
  AmbitionIndex out;
  if (const auto& place = places::current_place(ctx, c))
    for (const auto& a : places::list_ambitions(c, place->id)) out[a.id] = {a.title, a.slug};
  return out;
}

std::string sector_label(const std::string& code) {
  for (const auto& [c, l] : partners::sectors())
    if (c == code) return l;
  return code;
}

json commitment_json(const Commitment& m, const std::string& today) {
  auto s = staleness_of(m.last_update_at, today, m.status);
  json org = nullptr;
  if (m.organisation_id)
    org = {{"id", m.organisation_id}, {"name", m.organisation_name}, {"href", "/organisations/" + m.organisation_slug}};
  return {{"id", m.id},
          {"kind", m.kind},
          {"href", m.href},
          {"text", m.text},
          {"owner_name", m.owner_name},
          {"owner_role", opt(m.owner_role)},
          {"organisation", org},
          {"sector", opt(m.sector)},
          {"sector_label", opt(m.sector.empty() ? "" : sector_label(m.sector))},
          {"side", m.side},
          {"side_label", side_label(m.side)},
          {"due_on", opt(m.due_on)},
          {"due_label", opt(long_date(m.due_on))},
          {"past_due", past_due(m.due_on, today, m.status)},
          {"status", m.status},
          {"status_label", completion_label(m.status)},
          {"status_class", status_colour(m.status)},
          {"complete", m.status == "complete"},
          {"staleness", staleness_code(s)},
          {"staleness_label", opt(staleness_label(s))},
          {"staleness_class", s == Staleness::overdue_update ? "govuk-tag--red" : "govuk-tag--orange"},
          {"last_update_at", m.last_update_at},
          {"last_update_label", long_date(m.last_update_at)},
          {"made_on", m.created_at.substr(0, 10)},
          {"made_label", long_date(m.created_at)}};
}

json pledge_json(const Pledge& p, const AmbitionIndex& ambitions, const std::string& today) {
  auto j = commitment_json(p.commitment, today);
  j["pledged_as"] = p.pledged_as;
  j["pledged_as_label"] = p.pledged_as == "organisation" ? "For their organisation"
                          : p.pledged_as == "resident"   ? "As a resident"
                                                         : "For themselves";
  j["made_at"] = opt(p.made_at_label);
  j["initiative_id"] = p.initiative_id ? json(p.initiative_id) : json(nullptr);
  j["event_id"] = p.event_id ? json(p.event_id) : json(nullptr);
  j["room_id"] = p.room_id ? json(p.room_id) : json(nullptr);
  json list = json::array();
  for (auto id : p.ambition_ids)
    if (auto it = ambitions.find(id); it != ambitions.end())
      list.push_back({{"id", id}, {"title", it->second.title}, {"href", "/ambitions/" + it->second.slug}});
  j["ambitions"] = list;
  return j;
}

json update_json(const ProgressUpdate& u) {
  return {{"id", u.id},
          {"status", u.status},
          {"status_label", completion_label(u.status)},
          {"status_class", status_colour(u.status)},
          {"note", u.note},
          {"evidence_text", opt(u.evidence_text)},
          {"evidence_url", opt(u.evidence_url)},
          {"author_name", u.author_name},
          {"created_at", u.created_at},
          {"date_label", long_date(u.created_at)}};
}

void drop_classes(json& model) {
  if (model.is_object()) {
    model.erase("status_class");
    model.erase("staleness_class");
    for (auto& [k, v] : model.items()) drop_classes(v);
  } else if (model.is_array()) {
    for (auto& v : model) drop_classes(v);
  }
}

void drop_screen_state(const core::Context& ctx, json& model) {
  if (ctx.wants_json()) drop_classes(model);
}

void attach_rooms(core::Connection& c, json& items) {
  std::vector<std::int64_t> ids;
  for (const auto& i : items)
    if (i["room_id"].is_number()) ids.push_back(i["room_id"].get<std::int64_t>());
  std::map<std::int64_t, json> by_id;
  if (!ids.empty())
    for (const auto& r : assemblies::room_refs(c, ids))
      by_id[r.id] = {{"id", r.id}, {"title", r.title}, {"href", r.href}};
  for (auto& i : items) {
    auto it = i["room_id"].is_number() ? by_id.find(i["room_id"].get<std::int64_t>()) : by_id.end();
    i["room"] = it == by_id.end() ? json(nullptr) : it->second;
  }
}

void attach_latest_updates(core::Connection& c, json& items) {
  std::vector<std::int64_t> ids;
  for (const auto& i : items) ids.push_back(i["id"].get<std::int64_t>());
  std::map<std::int64_t, ProgressUpdate> by_id;
  for (auto& u : latest_updates(c, ids)) by_id[u.commitment_id] = u;
  for (auto& i : items) {
    auto it = by_id.find(i["id"].get<std::int64_t>());
    i["latest_update"] = it == by_id.end() ? json(nullptr) : update_json(it->second);
  }
}

}  // namespace goldthread::pledges
