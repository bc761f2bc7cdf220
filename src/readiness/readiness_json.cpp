// The two representations of the readiness pages that read, in one place
// (readiness/readiness_page_views.hpp). Handlers build the structs and never write JSON.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "readiness/readiness_internal.hpp"
#include "readiness/readiness_page_views.hpp"
#include "readiness/readiness_store.hpp"

namespace goldthread::readiness {
using nlohmann::json;

namespace {

json summaries(const IndexView& v) {
  json rounds = json::array();
  for (const auto& r : v.rounds) rounds.push_back(round_summary(r, v.today));
  return rounds;
}

}  // namespace

void to_json(json& j, const IndexView& v) {
  j = {{"rounds", summaries(v)}, {"links", {{"framework", "/readiness/framework"}}}};
}

void screen_json(json& j, const IndexView& v, bool can_admin) {
  auto rounds = summaries(v);
  j = {{"rounds", rounds},
       {"has_rounds", !rounds.empty()},
       {"rounds_label", core::count_of(static_cast<std::int64_t>(rounds.size()), "round")},
       {"version", v.framework_version},
       {"can_admin", can_admin}};
}

void to_json(json& j, const FrameworkView& v) {
  j = framework_resource(v.framework);
}

void screen_json(json& j, const FrameworkView& v, const FrameworkScreen& s) {
  const auto& f = v.framework;
  j = framework_resource(f);
  json statements = json::array();
  for (auto& b : j["blocks"]) {
    json levels = json::array();
    for (const auto& [k, t] : b["levels"].items()) levels.push_back({{"level", k}, {"text", t}});
    b["level_rows"] = levels;
    for (const auto& st : b["statements"])
      statements.push_back({{"value", st["code"]},
                            {"text", b["number"].get<int>() > 0
                                         ? std::to_string(b["number"].get<int>()) + ". " + st["text"].get<std::string>()
                                         : st["text"].get<std::string>()}});
  }
  json versions = json::array();
  for (const auto& [n, at] : v.versions) versions.push_back({{"version", n}, {"date", core::display_date(at)}});
  j["versions"] = versions;
  j["statement_options"] = statements;
  j["remove_options"] = statements;
  json blocks = json::array();
  for (const auto& b : f.blocks)
    blocks.push_back({{"value", b.slug}, {"text", std::to_string(b.number) + ". " + b.title}, {"selected", false}});
  j["block_options"] = blocks;
  j["can_admin"] = s.can_admin;
  if (s.saved == "add")
    j["banner"] = "Statement added: a new version of the framework has been saved.";
  else if (s.saved == "remove")
    j["banner"] = "Statement removed: a new version of the framework has been saved.";
  else if (s.saved == "block")
    j["banner"] = "Building block changed: a new version of the framework has been saved.";
  else if (!s.saved.empty())
    j["banner"] = "A new version of the framework has been saved.";
}

json framework_model(core::Context& ctx, core::Connection& c, const Framework& f) {
  FrameworkView v{f, store::framework_versions(c)};
  json j;
  screen_json(j, v, {is_place_admin(ctx.principal), ctx.query("saved").value_or("")});
  return j;
}

void to_json(json& j, const RoundPage& p) {
  j = round_resource(p);
}

void screen_json(json& j, const RoundPage& p) {
  j = round_model(p);
}

void report_json(json& j, const RoundPage& p) {
  j = round_model(p);
  j["framework"] = framework_resource(p.framework);
  j["printed_on"] = core::display_date(p.today);
}

void to_json(json& j, const Comparison& c) {
  j = comparison_json(c);
  for (auto& r : j["rows"]) r.erase("before_text"), r.erase("after_text");
}

void screen_json(json& j, const Comparison& c) {
  j = comparison_json(c);
  j["threshold"] = c.threshold;
}

}  // namespace goldthread::readiness
