// The representations of the place admin's readiness pages, in one place
// (readiness/admin_views.hpp), and the small model helpers the readiness views share.
#include <nlohmann/json.hpp>

#include "core/json_values.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "readiness/admin_views.hpp"
#include "readiness/readiness_internal.hpp"
#include "readiness/readiness_page_views.hpp"

namespace goldthread::readiness {
using core::text_or_null;
using nlohmann::json;

// kainjow mustache treats "" as true: an absent text is null in a template model.
void framework_again_json(json& j, core::Context& ctx, core::Connection& c, const Framework& f,
                          const FrameworkFormValues& v, const core::Error& err) {
  auto model = framework_model(ctx, c, f);
  model["values"] = {{"code", v.code},           {"text", v.text},         {"same_meaning", v.same_meaning},
                     {"add_block", v.add_block}, {"add_text", v.add_text}, {"remove_code", v.remove_code}};
  for (auto& o : model["statement_options"]) o["selected"] = o["value"] == v.code;
  for (auto& o : model["remove_options"]) o["selected"] = o["value"] == v.remove_code;
  for (auto& o : model["block_options"]) o["selected"] = o["value"] == v.add_block;
  core::attach_errors(model, err);
  j = std::move(model);
}

void to_json(json& j, const BlockView& v) {
  const auto& b = v.block;
  json levels = json::object();
  for (const auto& [k, t] : b.levels) levels[std::to_string(k)] = t;
  j = {{"slug", b.slug},   {"number", b.number},
       {"title", b.title}, {"description", b.description},
       {"levels", levels}, {"links", {{"framework", "/readiness/framework"}}}};
}

void to_json(json& j, const BlockForm& f) {
  const auto& b = f.block;
  auto level = [&](int n) { return f.values.levels.count(n) ? f.values.levels.at(n) : std::string(); };
  j = {{"block", {{"slug", b.slug}, {"title", b.title}, {"number", b.number}}},
       {"action", "/readiness/framework/blocks/" + b.slug},
       {"values",
        {{"description", f.values.description},
         {"level_1", level(1)},
         {"level_3", level(3)},
         {"level_5", level(5)},
         {"same_meaning", f.values.same_meaning}}}};
  if (f.error) core::attach_errors(j, *f.error);
}

namespace {
json date_json(const DateParts& d) {
  return {{"day", d.day}, {"month", d.month}, {"year", d.year}};
}
}  // namespace

void to_json(json& j, const RoundForm& f) {
  const auto& in = f.values;
  std::string invited;
  for (const auto& l : f.invited_lines) invited += l + "\n";
  j = {{"values",
        {{"name", in.name},
         {"invited", invited},
         {"threshold", std::to_string(in.threshold)},
         {"opens_on", date_json(f.opens_on)},
         {"closes_on", date_json(f.closes_on)}}},
       {"mode_options",
        core::select_options({{"facilitated", mode_label("facilitated")}, {"individual", mode_label("individual")}},
                             in.mode)},
       {"scope_options", core::select_options({{"everyone", "Every partner"},
                                               {"organisations", "Named organisations (their ids on the site)"},
                                               {"sectors", "Sectors (codes such as nhs, voluntary-community)"},
                                               {"areas", "Areas (ONS codes such as E07000066)"}},
                                              in.invite_scope)}};
  if (f.error) core::attach_errors(j, *f.error);
}

void action_again_json(json& j, const RoundPage& p, const ActionInput& in, const core::Error& err) {
  j = round_model(p);
  j["action_values"] = {{"text", in.text}, {"block", in.block_slug}};
  for (auto& o : j["block_options"]) o["selected"] = o["value"] == in.block_slug;
  core::attach_errors(j, err);
}

namespace {
json history_of(const ActionView& v) {
  json history = json::array();
  for (auto it = v.updates.rbegin(); it != v.updates.rend(); ++it)
    history.push_back({{"status", it->status},
                       {"status_label", pledges::completion_label(it->status)},
                       {"note", it->note},
                       {"evidence_text", text_or_null(it->evidence_text)},
                       {"evidence_url", it->evidence_url},
                       {"author", it->author_name},
                       {"date", it->created_at.substr(0, 10)},
                       {"date_label", core::display_date(it->created_at)}});
  return history;
}
}  // namespace

void to_json(json& j, const ActionView& v) {
  const auto& m = v.commitment;
  j = {{"id", m.id},
       {"kind", m.kind},
       {"text", m.text},
       {"href", m.href},
       {"owner_name", m.owner_name},
       {"organisation_name", text_or_null(m.organisation_name)},
       {"due_on", text_or_null(m.due_on)},
       {"status", m.status},
       {"staleness", pledges::staleness_code(v.staleness)},
       {"building_block", text_or_null(v.block_slug)},
       {"round", v.round ? json("/readiness/rounds/" + v.round->slug) : json(nullptr)},
       {"progress", history_of(v)}};
}

void screen_json(json& j, const ActionView& v, const ActionScreen& s) {
  const auto& m = v.commitment;
  json resource = v;
  auto history = resource["progress"];
  json status_options = json::array();
  for (const auto& [code, label] : pledges::completion_scale())
    status_options.push_back(
        {{"id", "status-" + code}, {"value", code}, {"text", label}, {"checked", code == s.values.status}});
  j = {{"action", resource},
       {"status_label", pledges::completion_label(m.status)},
       {"staleness_label", text_or_null(pledges::staleness_label(v.staleness))},
       {"due_label", m.due_on.empty() ? "No due date" : core::display_date(m.due_on)},
       {"block_title", v.block_title},
       {"round_name", text_or_null(v.round ? v.round->name : "")},
       {"history", history},
       {"has_history", !history.empty()},
       {"can_update", s.can_update},
       {"status_options", status_options},
       {"values",
        {{"note", s.values.note}, {"evidence_text", s.values.evidence_text}, {"evidence_url", s.values.evidence_url}}},
       {"progress_href", m.href + "/progress"},
       {"banner", text_or_null(s.saved ? "Your progress update has been saved." : "")}};
  if (s.error) core::attach_errors(j, *s.error);
}

}  // namespace goldthread::readiness
