// Template models and JSON resources of the readiness pages.
#include "readiness/readiness_views.hpp"

#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "core/json_values.hpp"
#include "core/text.hpp"
#include "readiness/readiness_service.hpp"

namespace goldthread::readiness {
using core::text_or_null;
using nlohmann::json;

std::string mode_label(const std::string& mode) {
  return mode == "individual" ? "Individual: one answer a person" : "Facilitated: one agreed answer an organisation";
}

namespace {

json num(double v) {
  return std::round(v * 100) / 100;
}

const char* state_code(CellState s) {
  switch (s) {
    case CellState::shown:
      return "shown";
    case CellState::empty:
      return "empty";
    case CellState::small:
      return "fewer-than-threshold";
    case CellState::complementary:
      return "complementary";
  }
  return "";
}

// The resource's view of a cell: figures only when shown.
json cell_resource(const Cell& c) {
  json j = {{"state", state_code(c.state)}};
  if (c.state != CellState::shown) return j;
  j["answers"] = c.current.n;
  j["current"] = {{"median", num(c.current.median)}, {"q1", num(c.current.q1)}, {"q3", num(c.current.q3)}};
  if (c.desired.n)
    j["desired"] = {{"median", num(c.desired.median)}, {"q1", num(c.desired.q1)}, {"q3", num(c.desired.q3)}};
  return j;
}

// The template's view of a cell: text to show.
json cell_model(const Cell& c, int threshold) {
  bool shown = c.state == CellState::shown;
  return {{"shown", shown},
          {"median", shown ? level_text(c.current.median) : ""},
          {"iqr", shown ? level_text(c.current.q1) + " to " + level_text(c.current.q3) : ""},
          {"desired", text_or_null(shown && c.desired.n ? level_text(c.desired.median) : "")},
          {"note", cell_note(c, threshold)}};
}

std::string status_of(const Round& r, const std::string& today) {
  if (today < r.opens_on) return "opens " + core::display_date(r.opens_on);
  if (today > r.closes_on) return "closed";
  return "open";
}

json radar_rows(const Framework& f, const RadarSeries& s) {
  json rows = json::array();
  for (std::size_t i = 0; i < f.blocks.size(); ++i) {
    std::string cur = "Not shown", des = "Not shown";
    if (i < s.current.size() && s.current[i].has_value()) cur = level_text(s.current[i].value());
    if (i < s.desired.size() && s.desired[i].has_value()) des = level_text(s.desired[i].value());
    rows.push_back({{"number", f.blocks[i].number}, {"title", f.blocks[i].title}, {"current", cur}, {"desired", des}});
  }
  return rows;
}

}  // namespace

json framework_resource(const Framework& f) {
  json blocks = json::array();
  for (const auto& b : f.blocks) {
    json st = json::array();
    for (const auto& s : b.statements)
      st.push_back({{"code", s.code}, {"text", s.text}, {"comparable_since_version", s.since}});
    json levels = json::object();
    for (const auto& [k, v] : b.levels) levels[std::to_string(k)] = v;
    blocks.push_back({{"slug", b.slug},
                      {"number", b.number},
                      {"title", b.title},
                      {"description", b.description},
                      {"levels", levels},
                      {"statements", st}});
  }
  json recs = json::array();
  for (const auto& r : f.recommendations)
    recs.push_back({{"slug", r.slug},
                    {"title", r.title},
                    {"horizon", r.horizon},
                    {"aim", r.aim},
                    {"building_blocks", r.building_blocks}});
  return {{"version", f.version},
          {"blocks", blocks},
          {"recommendations", recs},
          {"recommendations_note", f.recommendations_note}};
}

json round_summary(const Round& r, const std::string& today) {
  return {{"slug", r.slug},
          {"name", r.name},
          {"href", "/readiness/rounds/" + r.slug},
          {"mode", r.mode},
          {"mode_label", mode_label(r.mode)},
          {"invite_scope", r.invite_scope},
          {"invited", r.invited},
          {"opens_on", r.opens_on},
          {"closes_on", r.closes_on},
          {"opens_label", core::display_date(r.opens_on)},
          {"closes_label", core::display_date(r.closes_on)},
          {"status", status_of(r, today)},
          {"is_open", round_is_open(r, today)},
          {"threshold", r.threshold},
          {"framework_version", r.framework_version},
          {"is_example", r.is_example}};
}

json heat_map_json(const HeatMap& m) {
  json groups = json::array();
  for (const auto& g : m.groups) groups.push_back({{"key", g.key}, {"label", g.label}});
  json rows = json::array();
  for (const auto& r : m.rows) {
    json cells = json::array();
    for (const auto& c : r.cells) cells.push_back(cell_resource(c));
    rows.push_back({{"block", r.block->slug}, {"all", cell_resource(r.place)}, {"groups", cells}});
  }
  return {{"by", m.by}, {"threshold", m.threshold}, {"groups", groups}, {"rows", rows}};
}

json round_resource(const RoundPage& p) {
  json actions = json::array();
  for (const auto& a : p.actions)
    actions.push_back({{"id", a.id},
                       {"block", a.block_slug},
                       {"text", a.text},
                       {"href", a.href},
                       {"owner_name", a.owner_name},
                       {"organisation_name", a.organisation_name},
                       {"due_on", a.due_on.empty() ? json(nullptr) : json(a.due_on)},
                       {"status", a.status}});
  json initiatives = json::array();
  for (const auto& i : p.initiatives)
    initiatives.push_back({{"block", i.block_slug}, {"title", i.title}, {"href", i.href}});
  auto j = round_summary(p.round, p.today);
  j["submitted_answers"] = p.submitted;
  j["results"] = heat_map_json(p.heat);
  j["weak_blocks"] = {{"below", p.below}, {"blocks", p.weak}};
  j["initiatives"] = initiatives;
  j["actions"] = actions;
  j["links"] = {{"self", "/readiness/rounds/" + p.round.slug},
                {"csv", "/readiness/rounds/" + p.round.slug + "/results.csv"},
                {"json", "/readiness/rounds/" + p.round.slug + "/results.json"},
                {"report", "/readiness/rounds/" + p.round.slug + "/report"},
                {"framework", "/readiness/framework"}};
  return j;
}

json round_model(const RoundPage& p) {
  const auto& f = p.framework;
  json groups = json::array();
  int gi = 0;
  for (const auto& g : p.heat.groups) groups.push_back({{"number", ++gi}, {"label", g.label}});
  json rows = json::array();
  for (const auto& r : p.heat.rows) {
    json cells = json::array();
    for (const auto& c : r.cells) cells.push_back(cell_model(c, p.heat.threshold));
    rows.push_back({{"number", r.block->number},
                    {"title", r.block->title},
                    {"all", cell_model(r.place, p.heat.threshold)},
                    {"cells", cells}});
  }
  json by_options = json::array();
  for (auto [v, t] : std::vector<std::pair<std::string, std::string>>{
           {"sector", "Sector"}, {"area", "Area"}, {"organisation", "Organisation"}})
    by_options.push_back({{"value", v}, {"text", t}, {"selected", v == p.heat.by}});
  std::string by_label = p.heat.by == "area" ? "area" : (p.heat.by == "organisation" ? "organisation" : "sector");
  json weak = json::array();
  for (const auto& slug : p.weak) {
    const Block* b = f.block(slug);
    if (!b) continue;
    json recs = json::array(), inits = json::array(), acts = json::array();
    for (const auto& r : f.recommendations)
      for (const auto& rb : r.building_blocks)
        if (rb == slug) recs.push_back({{"title", r.title}, {"aim", r.aim}, {"horizon", r.horizon}});
    for (const auto& i : p.initiatives)
      if (i.block_slug == slug) inits.push_back({{"title", i.title}, {"href", i.href}});
    for (const auto& a : p.actions)
      if (a.block_slug == slug)
        acts.push_back({{"text", a.text},
                        {"href", a.href},
                        {"owner", a.owner_name + (a.organisation_name.empty() ? "" : ", " + a.organisation_name)},
                        {"due", a.due_on.empty() ? "No due date" : core::display_date(a.due_on)},
                        {"status_label", a.status_label},
                        {"staleness", text_or_null(a.staleness)}});
    const HeatRow* row = nullptr;
    for (const auto& r : p.heat.rows)
      if (r.block->slug == slug) row = &r;
    weak.push_back({{"slug", slug},
                    {"number", b->number},
                    {"title", b->title},
                    {"median", row ? level_text(row->place.current.median) : ""},
                    {"desired", text_or_null(row && row->place.desired.n ? level_text(row->place.desired.median) : "")},
                    {"recommendations", recs},
                    {"has_recommendations", !recs.empty()},
                    {"initiatives", inits},
                    {"has_initiatives", !inits.empty()},
                    {"actions", acts},
                    {"has_actions", !acts.empty()}});
  }
  json org_options = json::array();
  for (const auto& g : p.organisations)
    org_options.push_back({{"value", g.key},
                           {"text", g.label},
                           {"selected", p.organisation_radar && p.organisation_radar->first.key == g.key}});
  json my_orgs = json::array();
  for (const auto& [id, name] : p.my_organisations) my_orgs.push_back({{"value", id}, {"text", name}});
  json choices = json::array();
  for (const auto& ch : p.answer_choices)
    choices.push_back(
        {{"name", ch.name},
         {"href", ch.href},
         {"status", ch.status == "submitted" ? "Submitted" : (ch.status == "draft" ? "Draft saved" : "Not started")},
         {"submitted", ch.status == "submitted"}});
  json compare = json::array();
  for (const auto& r : p.other_rounds) compare.push_back({{"value", r.slug}, {"text", r.name}});
  json block_options = json::array();
  for (const auto& b : f.blocks)
    block_options.push_back({{"value", b.slug}, {"text", std::to_string(b.number) + ". " + b.title}});
  const std::string base = "/readiness/rounds/" + p.round.slug;
  return {{"round", round_summary(p.round, p.today)},
          {"submitted_label", core::count_of(p.submitted, "submitted answer")},
          {"has_results", p.submitted > 0},
          {"heat_svg", heat_map_svg(p.heat, "Median current level of each building block by " + by_label)},
          {"groups", groups},
          {"rows", rows},
          {"by_label", by_label},
          {"by_options", by_options},
          {"attributable", p.heat.attributable},
          {"place_radar_svg", radar_svg(p.place_radar, "The whole place: current and desired level of each block")},
          {"place_radar_rows", radar_rows(f, p.place_radar)},
          {"org_radar", p.organisation_radar
                            ? json{{"name", p.organisation_radar->first.label},
                                   {"svg", radar_svg(p.organisation_radar->second, p.organisation_radar->first.label +
                                                                                       ": current and desired level")},
                                   {"rows", radar_rows(f, p.organisation_radar->second)}}
                            : json(nullptr)},
          {"organisation_options", org_options},
          {"has_organisation_options", !org_options.empty()},
          {"below", level_text(p.below)},
          {"weak", weak},
          {"has_weak", !weak.empty()},
          {"block_options", block_options},
          {"compare_options", compare},
          {"has_compare_options", !compare.empty()},
          {"answer_choices", choices},
          {"has_answer_choices", choices.size() > 1},
          {"my_status", p.my_status},
          {"is_draft", p.my_status == "draft"},
          {"is_submitted", p.my_status == "submitted"},
          {"can_answer", p.can_answer},
          {"can_admin", p.can_admin},
          {"can_add_action", p.can_add_action},
          {"my_organisations", my_orgs},
          {"has_my_organisations", !my_orgs.empty()},
          {"banner", text_or_null(p.banner)},
          {"answer_href", base + "/answer"},
          {"paper_href", base + "/paper"},
          {"actions_href", base + "/actions"},
          {"compare_href", base + "/compare"},
          {"csv_href", base + "/results.csv"},
          {"json_href", base + "/results.json"},
          {"report_href", base + "/report"},
          {"self_href", base}};
}

std::string results_csv(const RoundPage& p) {
  std::string out = core::csv::row({"block", "group_by", "group", "state", "answers", "current_median", "current_q1",
                                    "current_q3", "desired_median"});
  auto row = [&](const HeatRow& r, const std::string& group, const Cell& c) {
    bool shown = c.state == CellState::shown;
    out += core::csv::row({r.block->slug, p.heat.by, group, state_code(c.state),
                           shown ? std::to_string(c.current.n) : "", shown ? level_text(c.current.median) : "",
                           shown ? level_text(c.current.q1) : "", shown ? level_text(c.current.q3) : "",
                           shown && c.desired.n ? level_text(c.desired.median) : ""});
  };
  for (const auto& r : p.heat.rows) {
    row(r, "all", r.place);
    for (std::size_t i = 0; i < r.cells.size(); ++i) row(r, p.heat.groups[i].label, r.cells[i]);
  }
  return out;
}

json comparison_json(const Comparison& c) {
  json rows = json::array();
  for (const auto& m : c.movements)
    rows.push_back({{"block", m.block->slug},
                    {"number", m.block->number},
                    {"title", m.block->title},
                    {"before", cell_resource(m.before)},
                    {"after", cell_resource(m.after)},
                    {"before_text", cell_model(m.before, c.threshold)},
                    {"after_text", cell_model(m.after, c.threshold)},
                    {"moved", m.moved}});
  std::size_t total = 0;
  for (const auto& b : c.framework_after.blocks) total += b.statements.size();
  return {{"before", round_summary(c.before, "")},
          {"after", round_summary(c.after, "")},
          {"comparable_statements", c.codes},
          {"comparable_label",
           core::count_of(static_cast<std::int64_t>(c.codes.size()), "statement") + " of " + std::to_string(total)},
          {"same_version", c.framework_before.version == c.framework_after.version},
          {"rows", rows}};
}

}  // namespace goldthread::readiness
