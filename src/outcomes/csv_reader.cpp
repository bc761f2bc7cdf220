#include "outcomes/csv_reader.hpp"

#include <cctype>

namespace goldthread::outcomes::csv {

bool Reader::next(std::vector<std::string>& fields) {
  // The line buffer and the fields' strings are reused from record to record, so a
  // million-row import allocates only when a field is longer than any before it.
  std::string& line = line_buf_;
  for (;;) {
    if (!std::getline(in_, line)) {
      fields.clear();
      return false;
    }
    ++line_;
    bytes_ += line.size() + 1;
    if (first_) {
      first_ = false;
      if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    record_line_ = line_;
    std::size_t n = 0;
    auto next_field = [&]() -> std::string& {
      if (n == fields.size()) fields.emplace_back();
      auto& f = fields[n++];
      f.clear();
      return f;
    };
    std::string* cur = &next_field();
    bool quoted = false, was_quoted = false;
    std::size_t i = 0;
    for (;;) {
      if (i >= line.size()) {
        if (!quoted) break;
        // A quoted field continues on the next line.
        if (!std::getline(in_, line)) {
          error_ = "line " + std::to_string(record_line_) + ": a quoted field is not closed";
          fields.clear();
          return false;
        }
        ++line_;
        bytes_ += line.size() + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        *cur += '\n';
        i = 0;
        continue;
      }
      if (!quoted) {
        // The common case: copy a run of plain characters at once.
        // (A plain loop: find_first_of calls memchr once per character.)
        std::size_t stop = i;
        while (stop < line.size() && line[stop] != ',' && line[stop] != '"') ++stop;
        if (stop > i) {
          cur->append(line, i, stop - i);
          i = stop;
          continue;
        }
      }
      char c = line[i++];
      if (quoted) {
        if (c == '"') {
          if (i < line.size() && line[i] == '"') {
            *cur += '"';
            ++i;
          } else {
            quoted = false;
          }
        } else {
          *cur += c;
        }
      } else if (c == ',') {
        cur = &next_field();
        was_quoted = false;
      } else if (c == '"' && cur->empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else {
        *cur += c;
      }
    }
    fields.resize(n);
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
