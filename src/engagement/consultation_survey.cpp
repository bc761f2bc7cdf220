// The survey's pure rules: its text format, conditions, answer checks; linked documents.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/text.hpp"
#include "engagement/consultation.hpp"

namespace goldthread::engagement {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) out.push_back(core::trim(part));
  if (!s.empty() && s.back() == sep) out.push_back("");
  return out;
}

bool has_option(const Question& q, const std::string& v) {
  return std::find(q.options.begin(), q.options.end(), v) != q.options.end();
}

}  // namespace

bool is_question_kind(const std::string& k) {
  return k == "short" || k == "long" || k == "single" || k == "multiple" || k == "scale" || k == "ranking";
}

core::Result<std::vector<Question>> parse_survey(const std::string& text) {
  std::vector<Question> out;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    line = core::trim(line);
    if (line.empty()) continue;
    auto where = "Line " + std::to_string(n) + ": ";
    auto parts = split(line, '|');
    Question q;
    q.number = static_cast<int>(out.size()) + 1;
    q.kind = parts.empty() ? "" : parts[0];
    if (!q.kind.empty() && q.kind.back() == '*') {
      q.required = true;
      q.kind = core::trim(q.kind.substr(0, q.kind.size() - 1));
    }
    if (!is_question_kind(q.kind))
      return core::Error::invalid(where + "start with a kind: short, long, single, multiple, scale or ranking");
    if (parts.size() < 2 || parts[1].empty()) return core::Error::invalid(where + "enter the question after the kind");
    if (parts.size() > 4) return core::Error::invalid(where + "use at most 4 parts separated by |");
    q.text = parts[1];
    if (parts.size() > 2 && !parts[2].empty())
      for (auto& o : split(parts[2], ';'))
        if (!o.empty()) q.options.push_back(o);
    bool choice = !q.free_text();
    if (choice && q.options.size() < 2) return core::Error::invalid(where + "give at least 2 options separated by ;");
    if (!choice && !q.options.empty())
      return core::Error::invalid(where + "a " + q.kind + " text question has no options");
    if (q.options.size() > kMaxOptions)
      return core::Error::invalid(where + "give at most " + std::to_string(kMaxOptions) + " options");
    if (std::set<std::string>(q.options.begin(), q.options.end()).size() != q.options.size())
      return core::Error::invalid(where + "each option must be different");
    if (parts.size() > 3 && !parts[3].empty()) {
      auto cond = parts[3];
      auto eq = cond.find('=');
      if (cond.rfind("if ", 0) != 0 || eq == std::string::npos)
        return core::Error::invalid(where + "write the condition as: if 2 = Yes");
      auto num = core::trim(cond.substr(3, eq - 3));
      q.if_answer = core::trim(cond.substr(eq + 1));
      q.if_question =
          std::all_of(num.begin(), num.end(), ::isdigit) && !num.empty() && num.size() < 4 ? std::stoi(num) : 0;
      if (q.if_question < 1 || q.if_question >= q.number)
        return core::Error::invalid(where + "a condition names an earlier question by its number");
      const auto& on = out[q.if_question - 1];
      if (on.kind != "single" && on.kind != "scale")
        return core::Error::invalid(where + "a condition names a single-choice or scale question");
      if (on.if_question) return core::Error::invalid(where + "conditions go one level deep only");
      if (!has_option(on, q.if_answer))
        return core::Error::invalid(where + "\"" + q.if_answer + "\" is not an option of question " +
                                    std::to_string(q.if_question));
    }
    out.push_back(std::move(q));
    if (out.size() > kMaxQuestions)
      return core::Error::invalid("Use at most " + std::to_string(kMaxQuestions) + " questions");
  }
  return out;
}

std::vector<Question> survey_of(const Consultation& x) {
  auto s = parse_survey(x.survey);
  return s ? *s : std::vector<Question>{};
}

std::string answers_to_text(const Answers& a) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [n, v] : a) j[std::to_string(n)] = v;
  return j.dump();
}

Answers answers_from_text(const std::string& text) {
  Answers a;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return a;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_array()) continue;
    std::vector<std::string> v;
    for (const auto& s : it.value())
      if (s.is_string()) v.push_back(s.get<std::string>());
    try {
      a[std::stoi(it.key())] = std::move(v);
    } catch (const std::exception&) {
    }
  }
  return a;
}

bool is_shown(const Question& q, const Answers& a) {
  if (!q.if_question) return true;
  auto it = a.find(q.if_question);
  return it != a.end() && it->second.size() == 1 && it->second[0] == q.if_answer;
}

std::vector<core::FieldError> check_answers(const std::vector<Question>& survey, Answers& a, bool final) {
  std::vector<core::FieldError> errors;
  Answers kept;
  for (const auto& q : survey) {
    auto field = "q" + std::to_string(q.number);
    auto it = a.find(q.number);
    std::vector<std::string> v = it == a.end() ? std::vector<std::string>{} : it->second;
    v.erase(std::remove(v.begin(), v.end(), std::string()), v.end());
    if (!is_shown(q, kept)) continue;  // the condition does not hold: the answer is ignored
    auto label = "Question " + std::to_string(q.number);
    if (v.empty()) {
      if (final && q.required)
        errors.push_back({field, q.kind == "multiple"  ? "Select at least one option for " + label
                                 : q.free_text()       ? "Enter an answer to " + label
                                 : q.kind == "ranking" ? "Rank every option of " + label
                                                       : "Select an answer to " + label});
      continue;
    }
    if (q.free_text()) {
      auto max = q.kind == "short" ? kMaxShortAnswer : kMaxLongAnswer;
      if (v.size() != 1 || core::utf8_length(v[0]) > max) {
        errors.push_back({field, label + " must be " + std::to_string(max) + " characters or fewer"});
        continue;
      }
    } else if (q.kind == "ranking") {
      std::set<std::string> seen(v.begin(), v.end());
      bool ok = v.size() == q.options.size() && seen.size() == v.size() &&
                std::all_of(v.begin(), v.end(), [&](const auto& o) { return has_option(q, o); });
      if (!ok) {
        errors.push_back({field, "Give each option of " + label + " a different rank"});
        continue;
      }
    } else {
      bool ok = std::all_of(v.begin(), v.end(), [&](const auto& o) { return has_option(q, o); }) &&
                (q.kind == "multiple" || v.size() == 1) && std::set<std::string>(v.begin(), v.end()).size() == v.size();
      if (!ok) {
        errors.push_back({field, "Select an answer to " + label + " from the list"});
        continue;
      }
    }
    kept[q.number] = std::move(v);
  }
  a = std::move(kept);
  return errors;
}

std::vector<Document> parse_documents(const std::vector<std::string>& lines, std::vector<core::FieldError>& errors) {
  std::vector<Document> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto bar = lines[i].rfind('|');
    Document d;
    if (bar != std::string::npos) {
      d.title = core::trim(lines[i].substr(0, bar));
      d.url = core::trim(lines[i].substr(bar + 1));
    }
    bool url_ok = d.url.rfind("https://", 0) == 0 || d.url.rfind("http://", 0) == 0 ||
                  (d.url.size() > 1 && d.url[0] == '/' && d.url[1] != '/');
    if (d.title.empty() || !url_ok || d.url.find_first_of(" <>\"") != std::string::npos) {
      errors.push_back({"documents", "Write document " + std::to_string(i + 1) +
                                         " as a title, a | and an address starting https://"});
      return {};
    }
    out.push_back(d);
  }
  return out;
}

std::string Consultation::state(const std::string& today) const {
  if (today < opens_on) return "upcoming";
  if (today > closes_on) return "closed";
  return "open";
}

std::string today_iso() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace goldthread::engagement
