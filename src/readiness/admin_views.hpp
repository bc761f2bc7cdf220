#pragma once
// The place admin's readiness pages (admin_handlers.cpp) as typed views: the framework's
// forms shown again with errors, a building block, the round form, and an action on a weak
// block. Written in one place, readiness/admin_json.cpp.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/result.hpp"
#include "pledges/pledges.hpp"
#include "readiness/readiness_service.hpp"
#include "readiness/readiness_views.hpp"

namespace goldthread::readiness {

// What was sent in one of the framework page's forms (reword, add, remove).
struct FrameworkFormValues {
  std::string code, text;
  bool same_meaning = false;
  std::string add_block = "", add_text = "", remove_code = "";
};
// The framework page's model again with the form that was sent and its errors.
void framework_again_json(nlohmann::json& j, core::Context& ctx, core::Connection& c, const Framework& f,
                          const FrameworkFormValues& values, const core::Error& err);

// A building block: its resource, and the form that changes it.
struct BlockView {
  Block block;
};
void to_json(nlohmann::json& j, const BlockView& v);
struct BlockForm {
  const Block& block;
  const FrameworkChange& values;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const BlockForm& f);

// The GOV.UK date input's three boxes as typed (or from the ISO date).
struct DateParts {
  std::string day, month, year;
};
struct RoundForm {
  const RoundInput& values;
  std::vector<std::string> invited_lines;
  DateParts opens_on, closes_on;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const RoundForm& f);

// The round page again with the add-an-action form that was sent and its errors.
void action_again_json(nlohmann::json& j, const RoundPage& p, const ActionInput& in, const core::Error& err);

// An action on a weak block (a commitment of kind "readiness-action").
struct ActionView {
  pledges::Commitment commitment;
  std::string block_slug, block_title;  // "" when not linked
  std::optional<Round> round;
  pledges::Staleness staleness = pledges::Staleness::fresh;
  std::vector<pledges::ProgressUpdate> updates;  // oldest first
};
struct ActionScreen {
  bool can_update = false, saved = false;
  pledges::ProgressInput values;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const ActionView& v);
void screen_json(nlohmann::json& j, const ActionView& v, const ActionScreen& s);

}  // namespace goldthread::readiness
