#pragma once
// View models shared by the pages, their JSON twins, the exports and the sections.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "places/places.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::pledges {

struct AmbitionRef {
  std::string title, slug;
};
using AmbitionIndex = std::map<std::int64_t, AmbitionRef>;
// The current place's ambitions by id (through the memoised place).
AmbitionIndex ambition_index(core::Context& ctx, core::Connection& c);

std::string sector_label(const std::string& code);
// A commitment of any kind: who, what, due date, status, staleness (today's), its page.
nlohmann::json commitment_json(const Commitment& m, const std::string& today);
// A pledge: the commitment plus who it was made for and the ambitions it serves.
nlohmann::json pledge_json(const Pledge& p, const AmbitionIndex& ambitions, const std::string& today);
nlohmann::json update_json(const ProgressUpdate& u);
// Adds `room` to each item: {id, title, href} of the solution room it was made in, or null
// (one query through assemblies.hpp for all of them).
void attach_rooms(core::Connection& c, nlohmann::json& items);
// Adds `latest_update` to each item (one query for all of them).
void attach_latest_updates(core::Connection& c, nlohmann::json& items);
// The JSON twin carries resource fields and links, not screen state: removes the CSS classes
// (status_class, staleness_class) at any depth when the client asked for JSON.
void drop_screen_state(const core::Context& ctx, nlohmann::json& model);
// The same for a resource always (the status and staleness tag classes, at every depth).
void drop_classes(nlohmann::json& model);
// Mustache treats every string as true: optional text is null when empty.
inline nlohmann::json opt(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace goldthread::pledges
