// Curated indicator metadata (data/outcomes/essex-indicators.json) and the bundled Essex data.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/service.hpp"
#include "core/text.hpp"
#include "outcomes/outcomes.hpp"
#include "outcomes/outcomes_store.hpp"

namespace goldthread::outcomes {
using nlohmann::json;

namespace {

const std::vector<std::string> kValueTypes = {"percentage", "rate",  "count", "mean",
                                              "index",      "money", "years", "other"};

std::string str(const json& j, const char* key, const std::string& fallback = "") {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}
std::vector<std::string> strs(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it != j.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

core::Status apply_indicator_metadata(core::Database& db, const std::string& json_text) {
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("indicators") || !doc["indicators"].is_array())
    return core::Error::invalid("The indicator metadata is not a JSON object with an \"indicators\" array");
  std::vector<store::Indicator> list;
  std::vector<core::FieldError> problems;
  for (const auto& j : doc["indicators"]) {
    store::Indicator in;
    in.slug = str(j, "slug");
    in.name = str(j, "name");
    in.definition = str(j, "definition");
    in.unit = str(j, "unit");
    in.value_type = str(j, "value_type", "other");
    in.multiplier = j.value("multiplier", 0);
    in.polarity = str(j, "polarity", "neither");
    in.source_org = str(j, "source_org");
    in.source_url = str(j, "source_url");
    in.licence = str(j, "licence", str(doc, "licence"));
    in.attribution = str(j, "attribution", str(doc, "attribution"));
    in.frequency = str(j, "frequency");
    in.dataset = str(j, "dataset");
    in.suppress_below = j.value("suppress_below", 0);
    in.ambitions = strs(j, "ambitions");
    in.priorities = strs(j, "priorities");
    if (in.slug.empty() || core::slugify(in.slug) != in.slug) problems.push_back({in.slug, "slug must be a slug"});
    if (in.name.empty()) problems.push_back({in.slug, "name is required"});
    if (in.polarity != "higher" && in.polarity != "lower" && in.polarity != "neither")
      problems.push_back({in.slug, "polarity must be higher, lower or neither"});
    if (std::find(kValueTypes.begin(), kValueTypes.end(), in.value_type) == kValueTypes.end())
      problems.push_back({in.slug, "value_type is not one of the known types"});
    list.push_back(std::move(in));
  }
  if (!problems.empty()) return core::Error::invalid("The indicator metadata has problems", problems);
  auto r =
      core::transact<core::Unit>(db, "The indicators changed at the same time; try again", [&](core::Connection& c) {
        for (const auto& in : list) {
          auto before = store::find_indicator(c, in.slug);
          auto [id, changed] = store::save_indicator(c, in, false);
          bool links_changed = !before || before->ambitions != in.ambitions || before->priorities != in.priorities;
          if (links_changed) {
            store::set_links(c, id, "ambition", in.ambitions);
            store::set_links(c, id, "priority", in.priorities);
          }
          if (changed || links_changed)
            core::audit::record(
                c, core::audit::Actor{},
                {before ? "update" : "create", "indicator", std::to_string(id), "",
                 core::audit::to_text(
                     {{"slug", in.slug}, {"name", in.name}, {"polarity", in.polarity}, {"ambitions", in.ambitions}})});
        }
        return core::Result<core::Unit>(core::Unit{});
      });
  if (!r) return r.error();
  return core::ok_status();
}

core::Status seed_bundled_indicators(core::Database& db, const std::string& dir) {
  {
    auto conn = db.acquire();
    if (store::count_indicators(*conn) > 0) return core::ok_status();
  }
  std::ifstream meta(dir + "/essex-indicators.json", std::ios::binary);
  if (!meta) return core::ok_status();  // no bundled data beside this place
  std::ostringstream ss;
  ss << meta.rdbuf();
  if (auto st = apply_indicator_metadata(db, ss.str()); !st) return st;
  std::ifstream data(dir + "/essex-indicators.csv", std::ios::binary);
  if (!data) return core::Error::invalid("cannot read " + dir + "/essex-indicators.csv");
  ImportOptions opts;
  opts.file_name = "essex-indicators.csv";
  auto rep = import_indicators_csv(db, core::audit::Actor{}, data, opts);
  if (!rep.written)
    return core::Error::invalid(
        "the bundled indicator data did not import: " +
        (rep.error.empty()
             ? (rep.problems.empty() ? std::string("unknown")
                                     : "line " + std::to_string(rep.problems[0].row) + ": " + rep.problems[0].problem)
             : rep.error));
  return core::ok_status();
}

}  // namespace goldthread::outcomes
