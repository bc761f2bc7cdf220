#include "core/csv.hpp"

namespace goldthread::core::csv {

ParseResult parse(std::string_view text) {
  ParseResult out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t i = 0, line = 1;
  while (i < text.size()) {
    Record rec;
    rec.line = line;
    std::string cur;
    bool quoted = false, was_quoted = false, end_of_record = false;
    while (i < text.size() && !end_of_record) {
      char ch = text[i];
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') cur.push_back('"'), i += 2;
          else quoted = false, ++i;
        } else {
          if (ch == '\n') ++line;
          cur.push_back(ch), ++i;
        }
        continue;
      }
      switch (ch) {
        case '"':
          if (!cur.empty() || was_quoted) {
            out.error = "line " + std::to_string(line) + ": a quote appears inside an unquoted field";
            out.error_line = line;
            return out;
          }
          quoted = was_quoted = true, ++i;
          break;
        case ',':
          rec.fields.push_back(std::move(cur)), cur.clear(), was_quoted = false, ++i;
          break;
        case '\r':
          ++i;
          if (i < text.size() && text[i] == '\n') ++i;
          end_of_record = true, ++line;
          break;
        case '\n':
          ++i, end_of_record = true, ++line;
          break;
        default:
          if (was_quoted) {
            out.error = "line " + std::to_string(line) + ": text follows a closing quote";
            out.error_line = line;
            return out;
          }
          cur.push_back(ch), ++i;
      }
    }
    if (quoted) {
      out.error = "line " + std::to_string(rec.line) + ": a quoted field is not closed";
      out.error_line = rec.line;
      return out;
    }
    rec.fields.push_back(std::move(cur));
    bool blank = rec.fields.size() == 1 && rec.fields[0].empty() && !was_quoted;
    if (!blank) out.records.push_back(std::move(rec));
  }
  return out;
}

std::string field(std::string_view value) {
  std::string v(value);
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v.insert(v.begin(), '\'');
  bool quote = v.find_first_of(",\"\r\n") != std::string::npos || (!v.empty() && v[0] == ' ');
  if (!quote) return v;
  std::string out = "\"";
  for (char ch : v) {
    if (ch == '"') out.push_back('"');
    out.push_back(ch);
  }
  return out + "\"";
}

std::string row(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    out += field(fields[i]);
  }
  return out + "\r\n";
}

}  // namespace goldthread::core::csv
