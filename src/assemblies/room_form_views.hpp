#pragma once
// Typed view models of the solution-room forms and write answers (room_handlers.cpp,
// next_step_handlers.cpp): the new-room form, the values the room page shows again after a
// failed next-step or advice form, the progress-update form, and the answers to a progress
// update and to marking a carried-forward step reviewed. Their representations are written in
// one place, assemblies/room_form_json.cpp.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "assemblies/assemblies.hpp"
#include "core/result.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::assemblies {

// The organisers' form for a new room (a form page: its twin describes the form).
struct RoomForm {
  const Event& event;
  std::vector<std::pair<std::int64_t, std::string>> organisations;  // id, name
  std::vector<std::pair<std::string, std::string>> ambitions;       // slug, title
  const RoomInput& values;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const RoomForm& f);
void screen_json(nlohmann::json& j, const RoomForm& f);

// What the room page shows again in its next-step or advice form after a failed post.
struct RoomFormValues {
  std::string text, owner_name, due_on;  // the next-step form
  std::string body;                      // the advice form
};
void to_json(nlohmann::json& j, const RoomFormValues& v);

// The form for a dated progress update on one of the room's next steps.
struct ProgressForm {
  std::string room_title, room_href;
  std::int64_t next_step_id = 0;
  const pledges::ProgressInput& values;
  const core::Error* error = nullptr;
  std::string action() const;
};
void to_json(nlohmann::json& j, const ProgressForm& f);
void screen_json(nlohmann::json& j, const ProgressForm& f);

// The answer to a write on a room (sign-up, leaving, advice and its moderation): the room's
// link, and the advice when the write was about one.
struct RoomAnswer {
  std::string room_href;
  const Advice* advice = nullptr;
};
void to_json(nlohmann::json& j, const RoomAnswer& a);

// The answer to a progress update on a next step.
struct ProgressAnswer {
  const pledges::ProgressUpdate& update;
  std::string room_href;
};
void to_json(nlohmann::json& j, const ProgressAnswer& a);

// The answer to marking a carried-forward next step reviewed at the next event.
struct ReviewedAnswer {
  std::int64_t next_step_id = 0;
  std::string event_href;
};
void to_json(nlohmann::json& j, const ReviewedAnswer& a);

}  // namespace goldthread::assemblies
