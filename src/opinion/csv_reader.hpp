#pragma once
// RFC 4180 CSV tokenizer over an in-memory buffer: commas, double-quoted fields with ""
// escapes and embedded newlines, LF or CRLF line ends, optional UTF-8 BOM. Lenient about a
// quote inside an unquoted field (kept literally); an unterminated quoted field is an error.
// The reader does not own the text: it must outlive the reader.

#include <string>
#include <string_view>
#include <vector>

namespace goldthread::opinion {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);
  // Reads the next record into fields. Returns false at end of input or on error (then
  // error() is non-empty). Blank lines are skipped.
  bool next(std::vector<std::string>& fields);
  const std::string& error() const { return error_; }
  // 1-based line number where the last record returned started.
  std::size_t line() const { return record_line_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t record_line_ = 0;
  std::string error_;
};

}  // namespace goldthread::opinion
