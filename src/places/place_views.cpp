#include "places/place_views.hpp"

namespace goldthread::places {
using nlohmann::json;

json paragraphs(const std::string& text) {
  json out = json::array();
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find("\n\n", start);
    auto part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!part.empty()) out.push_back(part);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

json place_json(const Place& p) {
  return {{"slug", p.slug},
          {"name", p.name},
          {"vision_title", p.vision_title},
          {"partnership", p.partnership},
          {"purpose", p.purpose},
          {"why", p.why},
          {"who_started", paragraphs(p.who_started)},
          {"epigraph", {{"paragraphs", paragraphs(p.epigraph_text)}, {"by", p.epigraph_by}}},
          {"ambitions_intro", p.ambitions_intro},
          {"quotes", json::parse(p.quotes_json, nullptr, false)},
          {"attribution", json::parse(p.attribution_json, nullptr, false)}};
}

json area_json(const Area& a) {
  return {{"code", a.code},       {"name", a.name},   {"type", a.area_type}, {"tier", a.tier},
          {"parent_code", a.parent_code.empty() ? json(nullptr) : json(a.parent_code)},
          {"council", a.council}, {"org_id", a.org_id}, {"href", "/areas/" + a.code}};
}

json ambition_json(const Ambition& a) {
  json ps = json::array();
  for (const auto& p : a.priorities) ps.push_back({{"slug", p.slug}, {"title", p.title}});
  return {{"slug", a.slug},
          {"number", a.number},
          {"title", a.title},
          {"summary", a.summary},
          {"description", paragraphs(a.description)},
          {"quote", a.quote},
          {"priority_statement", a.priority_statement},
          {"priorities", ps},
          {"href", "/ambitions/" + a.slug}};
}

}  // namespace goldthread::places
