// The framework's format and versions, aggregation and the anonymity rule (pure).
#include "readiness/readiness_model.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>

namespace goldthread::readiness {
using nlohmann::json;

const Statement* Framework::statement(const std::string& code) const {
  for (const auto& b : blocks)
    for (const auto& s : b.statements)
      if (s.code == code) return &s;
  return nullptr;
}

const Block* Framework::block(const std::string& slug) const {
  for (const auto& b : blocks)
    if (b.slug == slug) return &b;
  return nullptr;
}

namespace {
std::map<int, std::string> levels_of(const json& j) {
  std::map<int, std::string> out;
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items())
    if (v.is_string() && (k == "1" || k == "2" || k == "3" || k == "4" || k == "5")) out[std::stoi(k)] = v;
  return out;
}
json levels_json(const std::map<int, std::string>& m) {
  json out = json::object();
  for (const auto& [k, v] : m) out[std::to_string(k)] = v;
  return out;
}
}  // namespace

core::Result<Framework> parse_framework(const std::string& json_text) {
  json j = json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return core::Error::invalid("The framework is not a JSON object");
  Framework f;
  f.version = j.value("version", 1);
  f.note = j.value("note", "");
  f.scale = levels_of(j.value("scale", json::object()));
  f.recommendations_note = j.value("recommendations_note", "");
  if (!j.contains("blocks") || !j["blocks"].is_array()) return core::Error::invalid("The framework has no blocks");
  for (const auto& jb : j["blocks"]) {
    if (!jb.is_object()) return core::Error::invalid("A block is not an object");
    Block b;
    b.slug = jb.value("slug", "");
    b.title = jb.value("title", "");
    b.description = jb.value("description", "");
    b.number = jb.value("number", 0);
    b.levels = levels_of(jb.value("levels", json::object()));
    for (const auto& js : jb.value("statements", json::array())) {
      if (!js.is_object()) return core::Error::invalid("A statement is not an object");
      b.statements.push_back({js.value("code", ""), js.value("text", ""), js.value("since", 1)});
    }
    f.blocks.push_back(std::move(b));
  }
  for (const auto& jr : j.value("recommendations", json::array())) {
    if (!jr.is_object()) continue;
    Recommendation r{jr.value("slug", ""), jr.value("title", ""), jr.value("horizon", ""), jr.value("aim", ""), {}};
    for (const auto& s : jr.value("building_blocks", json::array()))
      if (s.is_string()) r.building_blocks.push_back(s);
    f.recommendations.push_back(std::move(r));
  }
  if (auto errors = validate_framework(f); !errors.empty())
    return core::Error::invalid("The framework is not valid: " + errors.front().message, errors);
  return f;
}

std::string framework_json(const Framework& f) {
  json blocks = json::array();
  for (const auto& b : f.blocks) {
    json st = json::array();
    for (const auto& s : b.statements) st.push_back({{"code", s.code}, {"text", s.text}, {"since", s.since}});
    blocks.push_back({{"slug", b.slug},
                      {"number", b.number},
                      {"title", b.title},
                      {"description", b.description},
                      {"levels", levels_json(b.levels)},
                      {"statements", st}});
  }
  json recs = json::array();
  for (const auto& r : f.recommendations)
    recs.push_back({{"slug", r.slug},
                    {"title", r.title},
                    {"horizon", r.horizon},
                    {"aim", r.aim},
                    {"building_blocks", r.building_blocks}});
  return json{{"format", "goldthread-readiness/1"},
              {"version", f.version},
              {"note", f.note},
              {"scale", levels_json(f.scale)},
              {"blocks", blocks},
              {"recommendations", recs},
              {"recommendations_note", f.recommendations_note}}
      .dump();
}

std::vector<core::FieldError> validate_framework(const Framework& f) {
  std::vector<core::FieldError> out;
  if (f.blocks.empty() || f.blocks.size() > 20) out.push_back({"blocks", "A framework has 1 to 20 building blocks"});
  std::set<std::string> codes, slugs;
  for (const auto& b : f.blocks) {
    if (b.slug.empty() || b.title.empty()) out.push_back({"blocks", "Every building block needs a slug and a title"});
    if (!slugs.insert(b.slug).second) out.push_back({"blocks", "Building block " + b.slug + " appears twice"});
    if (b.statements.size() < 3 || b.statements.size() > 5)
      out.push_back({"statements", b.title + " needs 3 to 5 statements"});
    for (const auto& s : b.statements) {
      if (s.code.empty() || !codes.insert(s.code).second)
        out.push_back({"statements", "Every statement needs its own code"});
      if (s.text.empty() || s.text.size() > kMaxStatementText * 4)
        out.push_back({"text", "Enter a statement of 300 characters or fewer"});
      if (s.since < 1 || s.since > f.version)
        out.push_back({"statements", "Statement " + s.code + " has a wrong version"});
    }
  }
  return out;
}

Framework reword(const Framework& f, const std::string& code, const std::string& text, bool same_meaning) {
  Framework out = f;
  out.version = f.version + 1;
  for (auto& b : out.blocks)
    for (auto& s : b.statements)
      if (s.code == code && s.text != text) {
        s.text = text;
        if (!same_meaning) s.since = out.version;
      }
  return out;
}

Framework add_statement(const Framework& f, const std::string& block_slug, const std::string& text) {
  Framework out = f;
  out.version = f.version + 1;
  for (auto& b : out.blocks) {
    if (b.slug != block_slug) continue;
    // The next number after the block's highest, so the code is new in this version.
    int next = 0;
    for (const auto& s : b.statements) {
      auto dash = s.code.rfind('-');
      if (dash == std::string::npos) continue;
      int n = 0;
      for (char c : s.code.substr(dash + 1)) n = (c >= '0' && c <= '9' && n < 100000) ? n * 10 + (c - '0') : n;
      next = std::max(next, n);
    }
    std::string code;
    do code = b.slug + "-" + std::to_string(++next);
    while (out.statement(code));
    b.statements.push_back({code, text, out.version});
  }
  return out;
}

Framework remove_statement(const Framework& f, const std::string& code) {
  Framework out = f;
  out.version = f.version + 1;
  for (auto& b : out.blocks) std::erase_if(b.statements, [&](const Statement& s) { return s.code == code; });
  return out;
}

Framework edit_block(const Framework& f, const std::string& slug, const std::string& description,
                     const std::map<int, std::string>& levels, bool same_meaning) {
  Framework out = f;
  out.version = f.version + 1;
  for (auto& b : out.blocks) {
    if (b.slug != slug) continue;
    b.description = description;
    if (levels != b.levels && !same_meaning)
      for (auto& s : b.statements) s.since = out.version;
    b.levels = levels;
  }
  return out;
}

std::vector<std::string> comparable_statements(const Framework& a, const Framework& b) {
  const Framework& older = a.version <= b.version ? a : b;
  const Framework& newer = a.version <= b.version ? b : a;
  std::vector<std::string> out;
  for (const auto& blk : newer.blocks)
    for (const auto& s : blk.statements)
      if (older.statement(s.code) && s.since <= older.version) out.push_back(s.code);
  return out;
}

BlockLevels block_levels(const Block& b, const Submission& r, const std::vector<std::string>& codes) {
  double cur = 0, des = 0;
  int nc = 0, nd = 0;
  for (const auto& s : b.statements) {
    if (!codes.empty() && std::find(codes.begin(), codes.end(), s.code) == codes.end()) continue;
    for (const auto& a : r.answers) {
      if (a.statement_code != s.code) continue;
      if (a.current >= kMinLevel) cur += a.current, ++nc;
      if (a.desired >= kMinLevel) des += a.desired, ++nd;
    }
  }
  BlockLevels out;
  if (nc) out.current = cur / nc;
  if (nd) out.desired = des / nd;
  return out;
}

Spread spread_of(std::vector<double> v) {
  Spread s;
  s.n = static_cast<int>(v.size());
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto q = [&](double p) {
    double h = (v.size() - 1) * p;
    auto lo = static_cast<std::size_t>(std::floor(h));
    auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
  };
  s.median = q(0.5);
  s.q1 = q(0.25);
  s.q3 = q(0.75);
  return s;
}

int clamp_threshold(int n) {
  return std::max(n, kMinThreshold);
}

std::vector<bool> suppress(const std::vector<int>& counts, int threshold) {
  threshold = clamp_threshold(threshold);
  std::vector<bool> hidden(counts.size(), false);
  for (std::size_t i = 0; i < counts.size(); ++i) hidden[i] = counts[i] > 0 && counts[i] < threshold;
  for (;;) {
    int n_hidden = 0, sum_hidden = 0;
    for (std::size_t i = 0; i < counts.size(); ++i)
      if (hidden[i] && counts[i] > 0) ++n_hidden, sum_hidden += counts[i];
    if (n_hidden == 0 || (n_hidden >= 2 && sum_hidden >= threshold)) break;
    std::optional<std::size_t> smallest;
    for (std::size_t i = 0; i < counts.size(); ++i)
      if (!hidden[i] && counts[i] > 0 && (!smallest || counts[i] < counts[*smallest])) smallest = i;
    if (!smallest) break;  // everything with answers is hidden already
    hidden[*smallest] = true;
  }
  return hidden;
}

}  // namespace goldthread::readiness
