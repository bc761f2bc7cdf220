#include "core/form.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace goldthread::core {
namespace {

using nlohmann::json;

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// "Project lead" → "project lead" (for the middle of a sentence); "ONS code" stays.
std::string lower_first(const std::string& label) {
  if (label.size() > 1 && std::isupper(static_cast<unsigned char>(label[1]))) return label;
  std::string out = label;
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

// A JSON scalar as a field value; false for objects and arrays.
bool scalar_text(const json& v, std::string& out) {
  switch (v.type()) {
    case json::value_t::string:
      out = v.get<std::string>();
      return true;
    case json::value_t::boolean:
      out = v.get<bool>() ? "1" : "0";
      return true;
    case json::value_t::number_integer:
      out = std::to_string(v.get<std::int64_t>());
      return true;
    case json::value_t::number_unsigned:
      out = std::to_string(v.get<std::uint64_t>());
      return true;
    case json::value_t::number_float:
      out = v.dump();
      return true;
    default:
      return false;
  }
}

Body parse_json(const std::string& text) {
  Body b;
  bool too_deep = false;
  json::parser_callback_t limit = [&](int depth, json::parse_event_t, json&) {
    if (depth > kMaxJsonDepth) too_deep = true;
    return !too_deep;
  };
  auto j = json::parse(text, limit, false);
  if (too_deep) {
    b.problem = "The request body is nested too deeply (at most " + std::to_string(kMaxJsonDepth) + " levels)";
    return b;
  }
  if (j.is_discarded()) {
    b.problem = "The request body is not valid JSON";
    return b;
  }
  if (!j.is_object()) {
    b.problem = "The request body must be a JSON object";
    return b;
  }
  for (const auto& [key, v] : j.items()) {
    std::string s;
    if (v.is_null()) continue;
    if (scalar_text(v, s)) {
      b.fields.emplace(key, std::move(s));
    } else if (v.is_array()) {
      b.lists.push_back(key);
      for (const auto& e : v) {
        if (e.is_null()) continue;
        if (scalar_text(e, s))
          b.fields.emplace(key, std::move(s));
        else if (!contains(b.nested, key))
          b.nested.push_back(key);
      }
    } else {
      b.nested.push_back(key);
    }
  }
  return b;
}

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool real_date(int y, int m, int d) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string two(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

}  // namespace

Body parse_body(const Request& req) {
  auto type = req.header("content-type").value_or("");
  if (type.rfind("application/x-www-form-urlencoded", 0) == 0) return Body{parse_query(req.body), "", {}, {}};
  if (type.rfind("application/json", 0) == 0) return parse_json(req.body);
  return Body{};
}

void Form::field(const std::string& name) {
  if (!contains(order_, name)) order_.push_back(name);
}

void Form::error(const std::string& name, const std::string& message) {
  field(name);
  errors_.push_back({name, message});
}

void Form::add(const std::vector<FieldError>& errors) {
  for (const auto& e : errors) error(e.field, e.message);
}

void Form::add(const Error& e) {
  if (!e.fields.empty())
    add(e.fields);
  else if (general_.empty())
    general_ = e.message;
}

std::vector<FieldError> Form::errors() const {
  auto rank = [&](const std::string& f) { return std::find(order_.begin(), order_.end(), f) - order_.begin(); };
  std::vector<FieldError> sorted = errors_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const FieldError& a, const FieldError& b) { return rank(a.field) < rank(b.field); });
  std::vector<FieldError> out;
  for (auto& e : sorted)
    if (std::none_of(out.begin(), out.end(), [&](const FieldError& o) { return o.field == e.field; }))
      out.push_back(std::move(e));
  return out;
}

Error Form::invalid(const std::string& summary) const {
  if (!body_.problem.empty()) return Error::invalid(body_.problem);
  if (errors_.empty() && !general_.empty()) return Error::invalid(general_);
  return Error::invalid(summary, errors());
}

// The field's only value; an error when JSON sent an object or an array for it.
const std::string* Form::one(const std::string& name, const std::string& label) {
  field(name);
  if (contains(body_.nested, name) || contains(body_.lists, name)) {
    error(name, label + " must be a single value");
    return nullptr;
  }
  auto it = body_.fields.find(name);
  return it == body_.fields.end() ? nullptr : &it->second;
}

std::vector<const std::string*> Form::all(const std::string& name, const std::string& label) {
  field(name);
  std::vector<const std::string*> out;
  if (contains(body_.nested, name)) {
    error(name, label + " must be a list of values");
    return out;
  }
  auto [b, e] = body_.fields.equal_range(name);
  for (auto it = b; it != e; ++it) out.push_back(&it->second);
  return out;
}

// Checks bytes and length; on a problem records it and leaves a displayable value.
bool Form::check(const std::string& name, const std::string& label, std::string& value, bool multiline,
                 std::size_t max_chars) {
  if (!is_valid_utf8(value) || has_control_characters(value, multiline ? "\t\n" : "")) {
    rejected_ = true;
    error(name, label + " must not contain control characters or invalid text");
    std::string shown;
    for (char c : valid_utf8(value))
      if (static_cast<unsigned char>(c) >= 0x20 || (multiline && (c == '\n' || c == '\t'))) shown.push_back(c);
    value = shown;
    return false;
  }
  if (utf8_length(value) > max_chars) {
    error(name, label + " must be " + with_commas(max_chars) + " characters or fewer");
    return false;
  }
  return true;
}

std::string Form::text(const std::string& name, const std::string& label, std::size_t max_chars) {
  const auto* raw = one(name, label);
  if (!raw) return "";
  auto v = trim(*raw);
  check(name, label, v, false, max_chars);
  return v;
}

std::string Form::paragraph(const std::string& name, const std::string& label, std::size_t max_chars) {
  const auto* raw = one(name, label);
  if (!raw) return "";
  std::string v;
  v.reserve(raw->size());
  for (std::size_t i = 0; i < raw->size(); ++i) {
    if ((*raw)[i] == '\r') {
      v.push_back('\n');
      if (i + 1 < raw->size() && (*raw)[i + 1] == '\n') ++i;
    } else {
      v.push_back((*raw)[i]);
    }
  }
  v = trim(v);
  check(name, label, v, true, max_chars);
  return v;
}

std::vector<std::string> Form::lines(const std::string& name, const std::string& label, std::size_t max_lines,
                                     std::size_t max_chars) {
  std::vector<std::string> out;
  bool bad = false, too_long = false;
  for (const auto* raw : all(name, label)) {
    std::size_t start = 0;
    while (start <= raw->size()) {
      auto end = raw->find('\n', start);
      if (end == std::string::npos) end = raw->size();
      auto line = trim(std::string_view(*raw).substr(start, end - start));
      start = end + 1;
      if (line.empty()) continue;
      if (!is_valid_utf8(line) || has_control_characters(line)) {
        bad = true;
        line = valid_utf8(line);
        line.erase(
            std::remove_if(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }),
            line.end());
      } else if (utf8_length(line) > max_chars) {
        too_long = true;
      }
      out.push_back(std::move(line));
    }
  }
  if (bad) {
    rejected_ = true;
    error(name, label + " must not contain control characters or invalid text");
  } else if (out.size() > max_lines) {
    error(name, label + " must be " + with_commas(max_lines) + " lines or fewer");
  } else if (too_long) {
    error(name, "Each line of " + lower_first(label) + " must be " + with_commas(max_chars) + " characters or fewer");
  }
  return out;
}

std::vector<std::string> Form::values(const std::string& name, const std::string& label, std::size_t max_count,
                                      std::size_t max_chars) {
  std::vector<std::string> out;
  bool bad = false, too_long = false;
  for (const auto* raw : all(name, label)) {
    auto v = trim(*raw);
    if (v.empty()) continue;
    if (!is_valid_utf8(v) || has_control_characters(v)) {
      bad = true;
      continue;
    }
    if (utf8_length(v) > max_chars) too_long = true;
    out.push_back(std::move(v));
  }
  if (bad) {
    rejected_ = true;
    error(name, label + " must not contain control characters or invalid text");
  } else if (out.size() > max_count) {
    error(name, label + ": select " + with_commas(max_count) + " or fewer");
  } else if (too_long) {
    error(name, label + " must be chosen from the list");
  }
  return out;
}

std::string Form::secret(const std::string& name, const std::string& label, std::size_t max_chars) {
  const auto* raw = one(name, label);
  if (!raw) return "";
  std::string v = *raw;
  if (!check(name, label, v, false, max_chars)) return "";
  return v;
}

std::int64_t Form::id(const std::string& name, const std::string& message) {
  const auto* raw = one(name, message);
  if (!raw) return 0;
  auto v = trim(*raw);
  if (v.empty()) return 0;
  auto id = parse_id(v);
  if (!id) {
    if (!is_valid_utf8(v) || has_control_characters(v)) rejected_ = true;
    error(name, message);
    return 0;
  }
  return *id;
}

std::optional<std::int64_t> Form::number(const std::string& name, const std::string& label, std::int64_t min,
                                         std::int64_t max) {
  const auto* raw = one(name, label);
  if (!raw) return std::nullopt;
  auto v = trim(*raw);
  if (v.empty()) return std::nullopt;
  bool negative = v[0] == '-';
  auto digits = negative ? v.substr(1) : v;
  if (!all_digits(digits) || digits.size() > 18) {
    if (!is_valid_utf8(v) || has_control_characters(v)) rejected_ = true;
    error(name, label + " must be a whole number");
    return std::nullopt;
  }
  auto n = std::stoll(digits) * (negative ? -1 : 1);
  if (n < min || n > max) {
    error(name, label + " must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::string Form::date(const std::string& name, const std::string& label) {
  const auto& f = body_.fields;
  bool parts = f.count(name + "-day") || f.count(name + "-month") || f.count(name + "-year");
  auto before = errors_.size();
  if (!parts) {
    auto v = text(name, label, 40);
    if (v.empty() || errors_.size() != before) return v;
    int y = 0, m = 0, d = 0;
    bool shape = v.size() == 10 && v[4] == '-' && v[7] == '-' && all_digits(v.substr(0, 4)) &&
                 all_digits(v.substr(5, 2)) && all_digits(v.substr(8, 2));
    if (shape) y = std::stoi(v.substr(0, 4)), m = std::stoi(v.substr(5, 2)), d = std::stoi(v.substr(8, 2));
    if (!shape || !real_date(y, m, d)) error(name, label + " must be a real date, like 2026-04-01");
    return v;
  }
  field(name);
  auto day = text(name + "-day", label, 20), month = text(name + "-month", label, 20),
       year = text(name + "-year", label, 20);
  // The three inputs share one error, shown against the first input.
  for (const auto* part : {"-day", "-month", "-year"})
    for (auto& e : errors_)
      if (e.field == name + part) e.field = name;
  if (errors_.size() != before)
    return day.empty() && month.empty() && year.empty() ? "" : year + "-" + month + "-" + day;
  if (day.empty() && month.empty() && year.empty()) return "";
  std::vector<std::string> missing;
  if (day.empty()) missing.push_back("a day");
  if (month.empty()) missing.push_back("a month");
  if (year.empty()) missing.push_back("a year");
  if (!missing.empty()) {
    std::string what = missing[0];
    if (missing.size() == 2) what += " and " + missing[1];
    error(name, label + " must include " + what);
    return "";
  }
  if (!all_digits(day) || !all_digits(month) || !all_digits(year)) {
    error(name, label + " must be a real date");
    return "";
  }
  if (year.size() != 4) {
    error(name, "Year must include 4 numbers");
    return "";
  }
  if (day.size() > 2 || month.size() > 2) {  // also keeps std::stoi in range
    error(name, label + " must be a real date");
    return "";
  }
  int y = std::stoi(year), m = std::stoi(month), d = std::stoi(day);
  if (!real_date(y, m, d)) {
    error(name, label + " must be a real date");
    return "";
  }
  return year + "-" + two(m) + "-" + two(d);
}

bool Form::flag(const std::string& name) {
  field(name);
  auto it = body_.fields.find(name);
  if (it == body_.fields.end()) return false;
  auto v = trim(it->second);
  return v == "1" || v == "true" || v == "on" || v == "yes";
}

}  // namespace goldthread::core
