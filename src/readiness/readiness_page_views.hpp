#pragma once
// The readiness pages that read (readiness_handlers.cpp) as typed views: the list of rounds,
// the framework, a round (page and printable report) and the comparison of two rounds. Their
// two representations are written in one place, readiness/readiness_json.cpp, on top of the
// serialisers of readiness_views.hpp.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/context.hpp"
#include "core/storage.hpp"
#include "readiness/readiness_views.hpp"

namespace goldthread::readiness {

struct IndexView {
  std::vector<Round> rounds;
  std::string today;
  int framework_version = 0;  // the latest framework's (0: none yet)
};
void to_json(nlohmann::json& j, const IndexView& v);
void screen_json(nlohmann::json& j, const IndexView& v, bool can_admin);

struct FrameworkView {
  Framework framework;
  std::vector<std::pair<int, std::string>> versions;  // version, saved at
};
struct FrameworkScreen {
  bool can_admin = false;
  std::string saved;  // add | remove | block | …: the change just saved
};
void to_json(nlohmann::json& j, const FrameworkView& v);
void screen_json(nlohmann::json& j, const FrameworkView& v, const FrameworkScreen& s);
// The framework page's model for `ctx` (admin_handlers.cpp shows it again with a form's errors).
nlohmann::json framework_model(core::Context& ctx, core::Connection& c, const Framework& f);

// A round: the resource (round_resource) and the page (round_model) or the printable report.
void to_json(nlohmann::json& j, const RoundPage& p);
void screen_json(nlohmann::json& j, const RoundPage& p);
void report_json(nlohmann::json& j, const RoundPage& p);

// Two rounds compared: the resource leaves out the display text of each movement.
void to_json(nlohmann::json& j, const Comparison& c);
void screen_json(nlohmann::json& j, const Comparison& c);

}  // namespace goldthread::readiness
