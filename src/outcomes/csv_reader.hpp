#pragma once
// A streaming RFC 4180 CSV reader (quoted fields, doubled quotes, embedded commas and
// newlines, CRLF or LF, an optional UTF-8 byte-order mark) and a field writer for exports.
// One record at a time, so an import of a million rows holds one row in memory.
#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace goldthread::outcomes::csv {

class Reader {
 public:
  explicit Reader(std::istream& in) : in_(in) {}
  // Reads the next non-blank record into `fields`; false at the end or on an error (error()).
  bool next(std::vector<std::string>& fields);
  std::size_t line() const { return record_line_; }  // 1-based line where the record started
  const std::string& error() const { return error_; }
  std::size_t bytes_read() const { return bytes_; }

 private:
  std::istream& in_;
  std::size_t line_ = 0, record_line_ = 0, bytes_ = 0;
  bool first_ = true;
  std::string error_;
  std::string line_buf_;
};

// One field for a CSV export: quoted when needed; a leading = + - @ gets a ' so spreadsheets
// do not run it as a formula (numbers keep their sign).
std::string field(std::string_view v);
std::string row(const std::vector<std::string>& fields);  // with CRLF

}  // namespace goldthread::outcomes::csv
