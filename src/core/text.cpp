#include "core/text.hpp"

#include <algorithm>
#include <cctype>

namespace goldthread::core {
namespace {

// The length of the UTF-8 sequence at s[i], or 0 when it is not valid.
std::size_t sequence_length(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](std::size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(i + 1) >= 0x90) return 0;  // over U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

std::string slugify(const std::string& text) {
  std::string out;
  for (unsigned char ch : text) {
    if (std::isalnum(ch))
      out.push_back(static_cast<char>(std::tolower(ch)));
    else if (!out.empty() && out.back() != '-')
      out.push_back('-');
    if (out.size() >= 80) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string unique_slug(const std::string& text, const std::string& kind,
                        const std::function<bool(const std::string&)>& taken) {
  auto base = slugify(text);
  if (base.empty()) {
    for (int n = 1;; ++n)
      if (auto s = kind + "-" + std::to_string(n); !taken(s)) return s;
  }
  if (!taken(base)) return base;
  for (int n = 2;; ++n)
    if (auto s = base + "-" + std::to_string(n); !taken(s)) return s;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::optional<std::int64_t> parse_id(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto n = sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto n = sequence_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool has_control_characters(std::string_view s, std::string_view allowed) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 || c == 0x7F) && allowed.find(static_cast<char>(c)) == std::string_view::npos) return true;
    // U+0080..U+009F are encoded C2 80..C2 9F.
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F)
      return true;
  }
  return false;
}

std::string like_contains(std::string_view search) {
  std::string pattern = "%";
  for (unsigned char ch : search) {
    if (ch == '%' || ch == '_' || ch == '\\') pattern.push_back('\\');
    pattern.push_back(static_cast<char>(std::tolower(ch)));
  }
  return pattern + "%";
}

bool is_area_code(std::string_view s) {
  if (s.size() != 9 || (s[0] != 'E' && s[0] != 'W' && s[0] != 'S' && s[0] != 'N')) return false;
  for (std::size_t i = 1; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

std::string with_commas(std::size_t n) {
  auto digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string count_of(std::int64_t n, std::string_view singular, std::string_view plural_form) {
  std::string noun =
      n == 1 ? std::string(singular) : (plural_form.empty() ? std::string(singular) + "s" : std::string(plural_form));
  std::string number =
      n < 0 ? "-" + with_commas(static_cast<std::size_t>(-n)) : with_commas(static_cast<std::size_t>(n));
  return number + " " + noun;
}

namespace {
bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
}  // namespace

std::string display_date(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-' || !digits(iso.substr(0, 4)) || !digits(iso.substr(5, 2)) ||
      !digits(iso.substr(8, 2)) || (iso.size() > 10 && iso[10] != 'T' && iso[10] != ' '))
    return std::string(iso);
  int month = std::stoi(std::string(iso.substr(5, 2)));
  int day = std::stoi(std::string(iso.substr(8, 2)));
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::string(iso);
  return std::to_string(day) + " " + kMonths[month - 1] + " " + std::string(iso.substr(0, 4));
}

std::string display_date_time(std::string_view iso) {
  std::string date = display_date(iso);
  if (date == iso || iso.size() < 16 || !digits(iso.substr(11, 2)) || iso[13] != ':' || !digits(iso.substr(14, 2)))
    return date;
  int hour = std::stoi(std::string(iso.substr(11, 2)));
  std::string minutes(iso.substr(14, 2));
  std::string time = hour == 0 && minutes == "00" ? "midnight"
                     : hour == 12 && minutes == "00"
                         ? "midday"
                         : std::to_string(hour % 12 == 0 ? 12 : hour % 12) + ":" + minutes + (hour < 12 ? "am" : "pm");
  return date + " at " + time;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  if (from.empty()) return s;
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

std::string replace_all_ignoring_case(const std::string& s, std::string_view from, std::string_view to) {
  if (from.empty() || s.size() < from.size()) return s;
  auto lower = [](std::string_view v) {
    std::string out(v);
    for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
  };
  const std::string hay = lower(s), needle = lower(from);
  std::string out;
  std::size_t last = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, last)) {
    out.append(s, last, at - last).append(to);
    last = at + needle.size();
  }
  return out.append(s, last, std::string::npos);
}

void append_html_escaped(std::string& out, char ch) {
  switch (ch) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out.push_back(ch);
  }
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char ch : s) append_html_escaped(out, ch);
  return out;
}

}  // namespace goldthread::core
