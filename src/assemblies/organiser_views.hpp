#pragma once
// Typed view models of the organisers' pages (organiser_handlers.cpp): the attendee list and
// the check-in page. Written in one place, assemblies/organiser_json.cpp.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "assemblies/assemblies.hpp"

namespace goldthread::assemblies {

struct AttendeesView {
  Event event;
  std::vector<Registration> registrations;  // every one, in arrival order
  Counts counts;
};
void to_json(nlohmann::json& j, const AttendeesView& v);
void screen_json(nlohmann::json& j, const AttendeesView& v);

struct CheckInView {
  Event event;
  std::string q;
  std::vector<Registration> people;  // confirmed, matching q
  std::int64_t total = 0, attended = 0;
  std::string checked_in;  // the name just checked in ("" for none)
};
void to_json(nlohmann::json& j, const CheckInView& v);
void screen_json(nlohmann::json& j, const CheckInView& v);

// The answer to checking someone in: {id, attended_at}.
struct CheckedIn {
  std::int64_t id = 0;
  std::string attended_at;
};
void to_json(nlohmann::json& j, const CheckedIn& c);

}  // namespace goldthread::assemblies
