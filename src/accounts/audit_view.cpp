// Turning audit records into sentences and differences (see audit_view.hpp).
#include "accounts/audit_view.hpp"

#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "core/http.hpp"
#include "core/text.hpp"

namespace goldthread::accounts {
namespace {

using nlohmann::json;
constexpr std::size_t kMaxValue = 300;  // characters of one value shown in a difference

json parse(const std::string& text) {
  if (text.empty()) return nullptr;
  auto j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json(text) : j;
}

std::string field_of(const json& before, const json& after, const char* key) {
  for (const auto* j : {&after, &before})
    if (j->is_object() && j->contains(key) && (*j)[key].is_string()) return (*j)[key].get<std::string>();
  return "";
}

std::int64_t id_of(const json& before, const json& after, const char* key) {
  for (const auto* j : {&after, &before})
    if (j->is_object() && j->contains(key) && (*j)[key].is_number_integer()) return (*j)[key].get<std::int64_t>();
  return 0;
}

std::string label(std::string key) {
  static const std::map<std::string, std::string> kLabels = {{"owner_organisation_id", "Owner"},
                                                             {"partner_ids", "Partner organisations"},
                                                             {"organisation_id", "Organisation"},
                                                             {"user_id", "Person"},
                                                             {"organisation_admin", "Organisation administrator"},
                                                             {"partner_labels", "Other partners"},
                                                             {"is_vision_project", "Vision project"},
                                                             {"lead_name", "Project lead"},
                                                             {"lead_user_id", "Project lead (person)"},
                                                             {"org_id", "Org-id"},
                                                             {"start_date", "Start date"},
                                                             {"end_date", "End date"},
                                                             {"building_blocks", "Building blocks"},
                                                             {"initiative_slug", "Initiative address"},
                                                             {"listed_by", "Listed by"}};
  if (auto it = kLabels.find(key); it != kLabels.end()) return it->second;
  for (auto& ch : key)
    if (ch == '_') ch = ' ';
  if (!key.empty()) key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
  return key;
}

std::string shorten(std::string s) {
  if (core::utf8_length(s) <= kMaxValue) return s;
  std::size_t bytes = 0, chars = 0;
  while (bytes < s.size() && chars < kMaxValue) {
    unsigned char ch = static_cast<unsigned char>(s[bytes]);
    bytes += ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
    ++chars;
  }
  return s.substr(0, std::min(bytes, s.size())) + "…";
}

std::string value_text(const std::string& key, const json& v, const std::map<std::int64_t, std::string>& orgs) {
  auto org = [&](const json& id) -> std::string {
    if (!id.is_number_integer() || id.get<std::int64_t>() == 0) return "(none)";
    auto it = orgs.find(id.get<std::int64_t>());
    return it != orgs.end() ? it->second : "organisation " + id.dump();
  };
  const bool is_org = key == "owner_organisation_id" || key == "organisation_id" || key == "partner_ids";
  if (v.is_null()) return "(none)";
  if (v.is_boolean()) return v.get<bool>() ? "Yes" : "No";
  if (v.is_string()) return v.get<std::string>().empty() ? "(empty)" : shorten(v.get<std::string>());
  if (v.is_number()) return is_org ? org(v) : v.dump();
  if (v.is_array()) {
    if (v.empty()) return "(none)";
    std::string out;
    for (const auto& x : v) {
      if (!out.empty()) out += ", ";
      if (is_org)
        out += org(x);
      else if (x.is_string())
        out += x.get<std::string>();
      else if (x.is_object() && x.contains("text"))
        out += x.value("text", "") + " (" + x.value("href", "") + ")";
      else
        out += x.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    return shorten(out);
  }
  return shorten(v.dump(-1, ' ', false, json::error_handler_t::replace));
}

json differences(const json& before, const json& after, const std::map<std::int64_t, std::string>& orgs) {
  json out = json::array();
  const json empty = json::object();
  const json& b = before.is_object() ? before : empty;
  const json& a = after.is_object() ? after : empty;
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (const auto* j : {&a, &b})
    for (auto it = j->begin(); it != j->end(); ++it)
      if (seen.insert(it.key()).second) keys.push_back(it.key());
  const bool created = !before.is_object(), deleted = !after.is_object();
  for (const auto& k : keys) {
    if (k == "id") continue;
    const json bv = b.contains(k) ? b[k] : json(nullptr), av = a.contains(k) ? a[k] : json(nullptr);
    if (!created && !deleted && bv == av) continue;
    const auto shown = deleted ? bv : av;
    // A new or removed record lists what it held, not its empty fields.
    if ((created || deleted) && (shown.is_null() || (shown.is_string() && shown.get<std::string>().empty()) ||
                                 (shown.is_array() && shown.empty())))
      continue;
    json d = {{"field", label(k)}, {"key", k}};
    if (created || deleted) {
      d["value"] = value_text(k, shown, orgs);
      d["text"] = label(k) + ": " + d["value"].get<std::string>();
    } else {
      d["before"] = value_text(k, bv, orgs);
      d["after"] = value_text(k, av, orgs);
      d["text"] = label(k) + ": " + d["before"].get<std::string>() + " → " + d["after"].get<std::string>();
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string verb(const std::string& action) {
  static const std::map<std::string, std::string> kVerbs = {
      {"create", "created"},   {"update", "changed"},      {"delete", "deleted"},    {"approve", "approved"},
      {"decline", "declined"}, {"claim", "listed"},        {"confirm", "confirmed"}, {"reply", "replied to"},
      {"follow", "followed"},  {"unfollow", "unfollowed"}, {"retry", "retried"}};
  auto it = kVerbs.find(action);
  return it != kVerbs.end() ? it->second : action;
}

std::string type_label(const std::string& type) {
  if (type == "partner_claim") return "partner listing";
  if (type == "connect_request") return "request to connect";
  std::string s = type;
  for (auto& ch : s)
    if (ch == '_') ch = ' ';
  return s;
}

}  // namespace

std::string readable_time(const std::string& iso) {
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  if (iso.size() < 16 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T') return iso;
  int month = std::atoi(iso.substr(5, 2).c_str()), day = std::atoi(iso.substr(8, 2).c_str());
  if (month < 1 || month > 12 || day < 1) return iso;
  return std::to_string(day) + " " + kMonths[month - 1] + " " + iso.substr(0, 4) + ", " + iso.substr(11, 5);
}

void collect_organisation_ids(const core::audit::Event& e, std::vector<std::int64_t>& out) {
  if (e.organisation_id) out.push_back(e.organisation_id);
  for (const auto* text : {&e.before_json, &e.after_json}) {
    auto j = parse(*text);
    if (!j.is_object()) continue;
    for (const char* k : {"owner_organisation_id", "organisation_id"})
      if (j.contains(k) && j[k].is_number_integer()) out.push_back(j[k].get<std::int64_t>());
    if (j.contains("partner_ids") && j["partner_ids"].is_array())
      for (const auto& x : j["partner_ids"])
        if (x.is_number_integer()) out.push_back(x.get<std::int64_t>());
  }
}

json readable_event(const core::audit::Event& e, const std::map<std::int64_t, std::string>& organisations,
                    bool with_json) {
  const json before = parse(e.before_json), after = parse(e.after_json);
  const auto& t = e.resource_type;
  std::string name = field_of(before, after, "title");
  if (name.empty()) name = field_of(before, after, "name");
  std::string href;
  const auto slug = field_of(before, after, "slug");
  if (t == "initiative" && !slug.empty()) href = "/initiatives/" + slug;
  if (t == "strategy" && !slug.empty()) href = "/strategies/" + slug;
  if (t == "organisation" && !slug.empty()) href = "/organisations/" + slug;
  if (t == "partner_claim" || t == "connect_request") {
    const auto initiative = field_of(before, after, "initiative");
    const auto org = field_of(before, after, "organisation");
    if (!initiative.empty()) name = org.empty() ? initiative : org + " as a partner of " + initiative;
    if (auto s = field_of(before, after, "initiative_slug"); !s.empty()) href = "/initiatives/" + s;
  }
  if (t == "membership") {
    auto org = id_of(before, after, "organisation_id");
    if (auto it = organisations.find(org); it != organisations.end()) name = "membership of " + it->second;
    if (org) href = "/memberships/" + std::to_string(org);
  }
  if (t == "user" && e.action != "delete") href = "/admin/users/" + e.resource_id;
  if (name.empty()) name = type_label(t) + " " + e.resource_id;
  std::string actor = e.actor_name.empty() ? "system" : e.actor_name;
  if (e.organisation_id)
    if (auto it = organisations.find(e.organisation_id); it != organisations.end()) actor += " for " + it->second;
  const std::string history =
      "/audit?resource_type=" + core::url_encode(t) + "&resource_id=" + core::url_encode(e.resource_id);
  json j = {{"id", e.id},
            {"at", e.occurred_at},
            {"when", readable_time(e.occurred_at)},
            {"actor", actor},
            {"actor_user_id", e.actor_user_id},
            {"actor_href", e.actor_user_id ? json("/audit?person=" + std::to_string(e.actor_user_id)) : json(nullptr)},
            {"organisation_id", e.organisation_id},
            {"action", e.action},
            {"verb", verb(e.action)},
            {"resource_type", t},
            {"resource_id", e.resource_id},
            {"resource",
             {{"type", t},
              {"type_label", type_label(t)},
              {"id", e.resource_id},
              {"name", name},
              {"href", href.empty() ? json(nullptr) : json(href)},
              {"history_href", history}}},
            {"summary", actor + " " + verb(e.action) + " " + type_label(t) + " " + name},
            {"changes", differences(before, after, organisations)}};
  j["has_changes"] = !j["changes"].empty();
  if (with_json) {
    j["before"] = before;
    j["after"] = after;
  }
  return j;
}

}  // namespace goldthread::accounts
