#pragma once
// View-model helpers shared by the work pages: the same JSON is the page's JSON twin.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>

#include "core/context.hpp"
#include "places/places.hpp"
#include "work/work.hpp"

namespace goldthread::work {
struct AlignmentView;

// The install's place, or nullopt (pages answer 404 "no place yet").
std::optional<places::Place> current_place(core::Connection& c);
// The same, loaded once per request (places::current_place): for pages and sections.
const std::optional<places::Place>& current_place(core::Context& ctx, core::Connection& c);
core::Response no_place(core::Context& ctx);
core::Response not_found(core::Context& ctx, const std::string& what);

// Titles of the place's ambitions and priorities by id, for labelling alignments.
struct VisionIndex {
  std::vector<places::Ambition> ambitions;
  std::map<std::int64_t, const places::Ambition*> ambition;
  std::map<std::int64_t, std::pair<const places::Ambition*, const places::Priority*>> priority;
};
VisionIndex vision_index(core::Connection& c, std::int64_t place_id);
nlohmann::json alignments_json(const VisionIndex& v, const std::vector<Alignment>& alignments);
// The same alignments as typed views (initiative_views.hpp), in the same order.
std::vector<AlignmentView> alignment_views(const VisionIndex& v, const std::vector<Alignment>& alignments);

std::string label_of(const std::vector<std::pair<std::string, std::string>>& codes, const std::string& code);
nlohmann::json options_json(const std::vector<std::pair<std::string, std::string>>& codes, const std::string& selected);
nlohmann::json summary_json(const InitiativeSummary& s);
// The success banner after a form was saved (POST, redirect, GET): the text for
// ?saved=created|updated (or ?connected=1), else null. Render with {{>work/banner}}.
nlohmann::json saved_banner(const core::Context& ctx, const std::string& created, const std::string& updated);
std::optional<std::string> saved_message(const core::Context& ctx, const std::string& created,
                                         const std::string& updated);
// The "Owner organisation" options: every organisation for place and site admins, the
// principal's own organisations for partner members; [{"value","text","selected"}].
nlohmann::json owner_options(const core::Context& ctx, core::Connection& c, std::int64_t selected);
// Query string of the given filters (skipping empty ones), starting with "?" or "".
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace goldthread::work
