#include "opinion/csv_reader.hpp"

namespace goldthread::opinion {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

bool CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  if (!error_.empty()) return false;
  // Skip blank lines.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;
  std::string field;
  for (;;) {
    field.clear();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      ++pos_;
      for (;;) {
        if (pos_ >= text_.size()) {
          error_ = "unterminated quoted field starting on line " + std::to_string(record_line_);
          fields.clear();
          return false;
        }
        char ch = text_[pos_++];
        if (ch == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field.push_back('"');
            ++pos_;
            continue;
          }
          break;
        }
        if (ch == '\n') ++line_;
        field.push_back(ch);
      }
      // Anything between the closing quote and the delimiter is kept literally.
      while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r')
        field.push_back(text_[pos_++]);
    } else {
      while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r')
        field.push_back(text_[pos_++]);
    }
    fields.push_back(field);
    if (pos_ >= text_.size()) return true;
    char d = text_[pos_++];
    if (d == ',') continue;
    if (d == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
    return true;
  }
}

}  // namespace goldthread::opinion
