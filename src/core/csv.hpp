#pragma once
// A small RFC 4180 CSV reader and writer: quoted fields, doubled quotes, embedded commas and
// newlines, CRLF or LF line ends, an optional UTF-8 byte-order mark.
#include <string>
#include <string_view>
#include <vector>

namespace goldthread::core::csv {

struct Record {
  std::size_t line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

struct ParseResult {
  std::vector<Record> records;
  std::string error;  // "" = ok; else e.g. "line 4: a quoted field is not closed"
  std::size_t error_line = 0;
};

// Parses the whole text. Blank lines are skipped.
ParseResult parse(std::string_view text);

// One field, quoted when it holds a comma, quote, CR or LF (or starts with a space);
// fields starting with = + - @ get a leading ' so spreadsheets do not run them as formulas.
std::string field(std::string_view value);
// A record followed by CRLF.
std::string row(const std::vector<std::string>& fields);

}  // namespace goldthread::core::csv
