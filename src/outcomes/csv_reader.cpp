#include "outcomes/csv_reader.hpp"

#include <cctype>

namespace goldthread::outcomes::csv {

bool Reader::next(std::vector<std::string>& fields) {
  std::string line;
  for (;;) {
    fields.clear();
    if (!std::getline(in_, line)) return false;
    ++line_;
    bytes_ += line.size() + 1;
    if (first_) {
      first_ = false;
      if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    record_line_ = line_;
    std::string cur;
    bool quoted = false, was_quoted = false;
    std::size_t i = 0;
    for (;;) {
      if (i >= line.size()) {
        if (!quoted) break;
        // A quoted field continues on the next line.
        std::string more;
        if (!std::getline(in_, more)) {
          error_ = "line " + std::to_string(record_line_) + ": a quoted field is not closed";
          return false;
        }
        ++line_;
        bytes_ += more.size() + 1;
        if (!more.empty() && more.back() == '\r') more.pop_back();
        cur += '\n';
        line = std::move(more);
        i = 0;
        continue;
      }
      char c = line[i++];
      if (quoted) {
        if (c == '"') {
          if (i < line.size() && line[i] == '"') {
            cur += '"';
            ++i;
          } else {
            quoted = false;
          }
        } else {
          cur += c;
        }
      } else if (c == ',') {
        fields.push_back(std::move(cur));
        cur.clear();
        was_quoted = false;
      } else if (c == '"' && cur.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else {
        cur += c;
      }
    }
    fields.push_back(std::move(cur));
    return true;
  }
}

std::string field(std::string_view v) {
  std::string s(v);
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) {
    bool number = s.size() > 1 && (s[0] == '-' || s[0] == '+');
    for (std::size_t i = 1; number && i < s.size(); ++i)
      number = std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == 'e' || s[i] == 'E';
    if (!number) s = "'" + s;
  }
  if (s.find_first_of(",\"\r\n") == std::string::npos && (s.empty() || s[0] != ' ')) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string row(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += field(fields[i]);
  }
  return out + "\r\n";
}

}  // namespace goldthread::outcomes::csv
