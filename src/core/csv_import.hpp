#pragma once
// What every CSV importer shares (docs/IMPORT_FORMATS.md): the header check, the report of
// problems by row and column, dry runs and --skip-invalid. Each capability imports its own
// resources (partners: organisations; work: initiatives) with these.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/storage.hpp"

namespace goldthread::core {

struct ImportProblem {
  std::size_t row = 0;  // data row, 1-based (the header is row 0)
  std::string column;   // header name, or "" for the whole row / file
  std::string problem;
};
struct ImportOptions {
  bool dry_run = false;       // validate everything, write nothing
  bool skip_invalid = false;  // write the valid rows even when some are invalid
};
struct ImportReport {
  std::size_t rows = 0, created = 0, updated = 0, unchanged = 0, skipped = 0;
  std::vector<ImportProblem> problems;
  bool written = false;  // false on a dry run, or when a row was invalid without skip_invalid
};
using ImportProgress = std::function<void(std::size_t done, std::size_t total)>;

namespace csv {

// A parsed file whose header names known columns only, each once.
struct Table {
  std::map<std::string, std::size_t> index;                        // column → position
  std::vector<Record> rows;                                        // data rows (the header removed)
  std::string get(std::size_t row, const std::string& col) const;  // "" when absent
};
// Parses and checks the header (unknown, repeated and missing required columns) and the
// width of each row; problems go to the report (row 0 for the header). nullopt when the
// file cannot be read as a table at all.
std::optional<Table> read_table(const std::string& text, const std::vector<std::string>& known,
                                const std::vector<std::string>& required, ImportReport& rep);
// "a; b ;c" → {"a", "b", "c"} (empty items dropped).
std::vector<std::string> split_list(const std::string& s);
// Commits when every row was valid (or skip_invalid) and this is not a dry run.
void finish(Transaction& tx, ImportReport& rep, const ImportOptions& opts);

}  // namespace csv

struct CommandInput;
struct CommandArg;
// The arguments of an import command: FILE, --dry-run, --skip-invalid.
std::vector<CommandArg> csv_import_args();
// Runs an import command: reads FILE, opens the database, imports with a progress bar on
// stderr, lists the problems as CSV (row,column,problem) and prints the counts. Exit status:
// 0 all written, 3 written with invalid rows skipped, 1 nothing written, 2 unreadable file.
using CsvImporter = std::function<ImportReport(Database& db, const std::string& csv_text, const ImportOptions& opts,
                                               const ImportProgress& progress)>;
int run_csv_import(CommandInput& in, const CsvImporter& importer);

}  // namespace goldthread::core
