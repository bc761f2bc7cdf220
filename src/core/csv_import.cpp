#include "core/csv_import.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/command.hpp"

namespace goldthread::core::csv {

std::string Table::get(std::size_t row, const std::string& col) const {
  auto it = index.find(col);
  if (it == index.end() || it->second >= rows[row].fields.size()) return "";
  return rows[row].fields[it->second];
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    auto b = cur.find_first_not_of(" \t"), e = cur.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (char ch : s) {
    if (ch == ';')
      flush();
    else
      cur.push_back(ch);
  }
  flush();
  return out;
}

std::optional<Table> read_table(const std::string& text, const std::vector<std::string>& known,
                                const std::vector<std::string>& required, ImportReport& rep) {
  auto parsed = parse(text);
  if (!parsed.error.empty()) {
    rep.problems.push_back({0, "", "The file is not valid CSV: " + parsed.error});
    return std::nullopt;
  }
  if (parsed.records.empty()) {
    rep.problems.push_back({0, "", "The file is empty: it needs a header row"});
    return std::nullopt;
  }
  Table t;
  const auto& header = parsed.records[0].fields;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (std::find(known.begin(), known.end(), header[i]) == known.end())
      rep.problems.push_back({0, header[i], "Unknown column; see docs/IMPORT_FORMATS.md"});
    else if (t.index.count(header[i]))
      rep.problems.push_back({0, header[i], "The column appears twice"});
    t.index[header[i]] = i;
  }
  for (const auto& r : required)
    if (!t.index.count(r)) rep.problems.push_back({0, r, "The required column is missing"});
  if (!rep.problems.empty()) return std::nullopt;
  t.rows.assign(parsed.records.begin() + 1, parsed.records.end());
  for (std::size_t i = 0; i < t.rows.size(); ++i)
    if (t.rows[i].fields.size() != header.size())
      rep.problems.push_back({i + 1, "",
                              "The row has " + std::to_string(t.rows[i].fields.size()) + " fields; the header has " +
                                  std::to_string(header.size())});
  rep.rows = t.rows.size();
  return t;
}

void finish(Transaction& tx, ImportReport& rep, const ImportOptions& opts) {
  bool ok = rep.problems.empty() || opts.skip_invalid;
  if (ok && !opts.dry_run) {
    tx.commit();
    rep.written = true;
  }
}

}  // namespace goldthread::core::csv

namespace goldthread::core {

std::vector<CommandArg> csv_import_args() {
  return {CommandArg::positional("FILE", "CSV file"),
          CommandArg::flag("--dry-run", "Check every row and report problems; write nothing"),
          CommandArg::flag("--skip-invalid", "Write the valid rows even when some rows are invalid")};
}

int run_csv_import(CommandInput& in, const CsvImporter& importer) {
  auto& out = *in.out;
  auto& err = *in.err;
  auto path = in.value("FILE");
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    err << "goldthread: cannot read " << path << "\n";
    return 2;
  }
  std::ostringstream ss;
  ss << file.rdbuf();
  auto db = in.open_database();
  if (!db) return 1;
  ImportOptions opts{in.flag("--dry-run"), in.flag("--skip-invalid")};
  auto progress = [&err](std::size_t done, std::size_t total) {
    constexpr std::size_t kWidth = 30;
    if (total == 0 || (done != total && done % 50 != 0)) return;
    std::size_t filled = done * kWidth / total;
    err << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] " << done << "/" << total
        << " rows" << std::flush;
    if (done == total) err << "\n";
  };
  auto rep = importer(*db, ss.str(), opts, progress);
  if (!rep.problems.empty()) {
    err << "row,column,problem\n";
    for (const auto& p : rep.problems) err << csv::row({std::to_string(p.row), p.column, p.problem});
  }
  out << rep.rows << " rows: " << rep.created << " created, " << rep.updated << " updated, " << rep.unchanged
      << " unchanged, " << rep.skipped << " invalid\n";
  if (opts.dry_run)
    out << "Dry run: nothing was written.\n";
  else if (!rep.written)
    out << "Nothing was written: fix the rows above, or use --skip-invalid.\n";
  return rep.problems.empty() ? 0 : (rep.written ? 3 : 1);
}

}  // namespace goldthread::core
