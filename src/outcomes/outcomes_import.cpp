// The CSV import service (docs/OUTCOMES.md, "Import format"): one transaction, a per-row
// report, all or nothing unless told otherwise, idempotent, audited.
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/text.hpp"
#include "outcomes/csv_reader.hpp"
#include "outcomes/import_writer.hpp"
#include "outcomes/methods.hpp"
#include "outcomes/outcomes.hpp"
#include "outcomes/outcomes_rules.hpp"
#include "outcomes/outcomes_store.hpp"
#include "outcomes/seen_keys.hpp"
#include "places/places.hpp"

namespace goldthread::outcomes {
namespace {

constexpr std::size_t kFlushRows = 1000;
constexpr std::size_t kProgressEvery = 10000;
constexpr std::size_t kMaxCachedPeriods = 10000;

struct Columns {
  int area_code = -1, area_name = -1, indicator = -1, indicator_slug = -1, period = -1, value = -1, unit = -1,
      source_org = -1, source_url = -1, dataset = -1, measure = -1, lci = -1, uci = -1, status = -1, notes = -1,
      numerator = -1, denominator = -1, provisional = -1, embargo_until = -1;
};

Columns columns_of(const std::vector<std::string>& header) {
  Columns c;
  for (int i = 0; i < static_cast<int>(header.size()); ++i) {
    std::string h = core::trim(header[i]);
    for (auto& ch : h) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto set = [&](int& slot) {
      if (slot < 0) slot = i;
    };
    if (h == "area_code" || h == "areacd")
      set(c.area_code);
    else if (h == "area_name" || h == "areanm")
      set(c.area_name);
    else if (h == "indicator")
      set(c.indicator);
    else if (h == "indicator_slug")
      set(c.indicator_slug);
    else if (h == "period")
      set(c.period);
    else if (h == "value" || h == "observation")
      set(c.value);
    else if (h == "unit")
      set(c.unit);
    else if (h == "source_org")
      set(c.source_org);
    else if (h == "source_url")
      set(c.source_url);
    else if (h == "dataset")
      set(c.dataset);
    else if (h == "measure")
      set(c.measure);
    else if (h == "lci_95" || h == "lower_95")
      set(c.lci);
    else if (h == "uci_95" || h == "upper_95")
      set(c.uci);
    else if (h == "status")
      set(c.status);
    else if (h == "notes")
      set(c.notes);
    else if (h == "numerator")
      set(c.numerator);
    else if (h == "denominator")
      set(c.denominator);
    else if (h == "provisional")
      set(c.provisional);
    else if (h == "embargo_until")
      set(c.embargo_until);
  }
  return c;
}

struct IndicatorState {
  std::int64_t id = 0;
  // hash of "area|period" → hash of the stored fields (store::fingerprint), for the
  // "changed?" check of a re-import; empty for an indicator this import created.
  std::unordered_map<std::uint64_t, std::uint64_t> existing;
};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::uint64_t mix(std::uint64_t h, std::string_view part) {
  // Parts hashed one by one (no joined key string per row); the golden-ratio step keeps
  // ("ab", "c") and ("a", "bc") apart.
  return (h ^ std::hash<std::string_view>{}(part)) * 0x9E3779B97F4A7C15ULL + 0x7F4A7C15ULL;
}

// Printable ASCII (tab and newline allowed) within kMaxCell: valid UTF-8 with no control
// character, checked in one pass; anything else takes the full checks.
bool plain_ascii(const std::string& v) {
  if (v.size() > kMaxCell) return false;
  for (unsigned char ch : v)
    if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch > 0x7E) return false;
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

class Importer {
 public:
  Importer(PointWriter& w, const ImportOptions& o, ImportReport& r) : w_(w), opts_(o), rep_(r) {
    pending_.inserts.reserve(kFlushRows);
  }

  void problem(std::size_t line, const std::string& column, const std::string& text) {
    ++rep_.problem_count;
    if (rep_.problems.size() < kMaxProblemsReported) rep_.problems.push_back({line, column, text});
  }

  void load_areas() {
    w_.with_connection([&](core::Connection& c) {
      if (auto place = places::try_current_place(c)) {
        place_name_ = place->name;
        for (const auto& a : places::list_areas(c, place->id)) areas_.insert(a.code);
      }
      ids_ = store::indicator_ids(c);
    });
  }

  // Checks one record; writes it (buffered) when it is good and nothing has failed yet.
  // Per row nothing is allocated but the point's own short strings: cells are views into the
  // reader's reused fields, periods and slugs are parsed once per distinct text.
  void row(const Columns& col, const std::vector<std::string>& f, std::size_t line) {
    ++rep_.rows;
    auto cell = [&](int i) -> std::string_view {
      return i >= 0 && i < static_cast<int>(f.size()) ? trimmed(f[i]) : std::string_view();
    };
    std::size_t before = rep_.problem_count;
    for (const auto& v : f)
      if (!plain_ascii(v) &&
          (!core::is_valid_utf8(v) || core::has_control_characters(v, "\t\n") || core::utf8_length(v) > kMaxCell)) {
        problem(line, "",
                "The row has a cell with characters that are not allowed or over " + core::with_commas(kMaxCell) +
                    " characters");
        skip_row();
        return;
      }
    store::Point p;
    p.area_code = cell(col.area_code);
    const std::string& code = p.area_code;
    bool comparator = is_comparator_code(code);
    if (code.empty())
      problem(line, "area_code", "Enter the area's ONS code");
    else if (!areas_.count(code) && !comparator)
      problem(line, "area_code",
              "Unknown area " + code + ": use the ONS code of an area of " +
                  (place_name_.empty() ? std::string("the place") : place_name_) +
                  ", its region (E12…) or England (E92000001)");
    std::string_view name = cell(col.indicator);
    std::string_view slug_cell = cell(col.indicator_slug);
    if (slug_cell.empty() && name != last_name_) {
      last_name_ = name;
      last_slug_ = core::slugify(last_name_);
    }
    const std::string slug = slug_cell.empty() ? last_slug_ : std::string(slug_cell);
    if (name.empty() && slug.empty())
      problem(line, "indicator", "Enter the indicator's name");
    else if (slug.empty())
      problem(line, "indicator", "The indicator's name needs at least one Latin letter or digit");
    const Period* period = period_of(cell(col.period));
    if (!period)
      problem(line, "period",
              "Period '" + std::string(cell(col.period)) +
                  "' is not one we can read: use an ISO 8601 date or interval such as 2021-09-01/P1Y, "
                  "or 2023/24, 2023, 2023 Q1, 2023-04, 12 months to 2024-03");
    std::string status = lower(cell(col.status));
    if (!status.empty() && status != "x" && status != "u")
      problem(line, "status", "Status must be empty, x (suppressed by the source) or u (low reliability)");
    std::string_view value = cell(col.value);
    // ELS publishes no value with status x (not available) or u (too unreliable to show).
    if (value.empty() && status.empty())
      problem(line, "value", "Enter the value as a number, or x in the status column when the source published none");
    else if (!value.empty() && !(p.value = store::parse_number(std::string(value))))
      problem(line, "value", "Value '" + std::string(value) + "' is not a number");
    auto read_number = [&](int i, const std::string& column, std::optional<double>& out) {
      std::string_view s = cell(i);
      if (s.empty()) return;
      if (!(out = store::parse_number(std::string(s))))
        problem(line, column, column + " '" + std::string(s) + "' is not a number");
    };
    read_number(col.lci, "lci_95", p.lci);
    read_number(col.uci, "uci_95", p.uci);
    read_number(col.numerator, "numerator", p.numerator);
    read_number(col.denominator, "denominator", p.denominator);
    if (p.lci.has_value() != p.uci.has_value() && rep_.problem_count == before)
      problem(line, p.lci ? "uci_95" : "lci_95", "Give both 95% limits or neither");
    else if (p.lci && p.uci && p.value && !(*p.lci <= *p.value && *p.value <= *p.uci))
      problem(line, "lci_95",
              "The 95% limits (" + std::string(cell(col.lci)) + " to " + std::string(cell(col.uci)) +
                  ") are not around the value " + std::string(value));
    if (p.numerator && p.denominator && (*p.numerator < 0 || *p.denominator <= 0 || *p.numerator > *p.denominator))
      problem(line, "numerator", "The numerator must be between 0 and the denominator, which must be above 0");
    std::string prov = lower(cell(col.provisional));
    bool provisional = opts_.provisional;
    if (prov == "yes" || prov == "true" || prov == "1" || prov == "provisional")
      provisional = true;
    else if (!prov.empty() && prov != "no" && prov != "false" && prov != "0" && prov != "final")
      problem(line, "provisional", "Provisional must be yes or no");
    std::string embargo = !cell(col.embargo_until).empty() ? std::string(cell(col.embargo_until)) : opts_.embargo_until;
    if (!embargo.empty()) {
      if (embargo != last_embargo_) {
        auto d = parse_period(embargo);
        last_embargo_ = embargo;
        last_embargo_ok_ = d && d->months == 0 && d->canonical == embargo;
      }
      if (!last_embargo_ok_) problem(line, "embargo_until", "Embargo date must be a date such as 2027-01-31");
    }
    std::uint64_t where = 0;  // area and period
    if (period && !slug.empty() && !code.empty()) {
      where = mix(mix(0, code), period->canonical);
      if (auto first = seen_.insert(mix(where, slug), line))
        problem(line, "period",
                "Duplicate: line " + std::to_string(first) + " has the same indicator, area and period");
    }
    if (rep_.problem_count != before) {
      skip_row();
      return;
    }
    if (comparator && !comparators_.count(code)) {
      comparators_.insert(code);
      pending_.comparators.push_back({code, cell(col.area_name).empty() ? code : std::string(cell(col.area_name)),
                                      code.rfind("E12", 0) == 0 ? "region" : "country"});
    }
    p.period = period->canonical;
    p.period_start = period->start;
    p.period_months = period->months;
    p.status = provisional ? "provisional" : "final";
    p.quality = std::move(status);
    p.embargo_until = std::move(embargo);
    p.notes = cell(col.notes);
    if (failed_ && !opts_.skip_invalid) return;
    if (p.embargo_until > latest_embargo_) latest_embargo_ = p.embargo_until;
    if (!p.embargo_until.empty() && p.embargo_until != last_embargo_date_) {
      last_embargo_date_ = p.embargo_until;
      embargo_dates_.insert(p.embargo_until);
    }
    auto& ind =
        indicator(slug, std::string(name), std::string(cell(col.unit)), std::string(cell(col.measure)),
                  std::string(cell(col.source_org)), std::string(cell(col.source_url)), std::string(cell(col.dataset)));
    p.indicator_id = ind.id;
    auto old = ind.existing.empty() ? ind.existing.end() : ind.existing.find(where);
    if (old == ind.existing.end()) {
      ++rep_.created;
      pending_.inserts.push_back(std::move(p));
      if (pending_.inserts.size() >= kFlushRows) flush();
    } else if (old->second != std::hash<std::string>{}(store::fingerprint(p))) {
      ++rep_.updated;
      pending_.updates.push_back(std::move(p));
      if (pending_.updates.size() >= kFlushRows) flush();
    } else {
      ++rep_.unchanged;
    }
  }

  // Hands the buffered points to the writer thread (import_writer.hpp).
  void flush() {
    if (pending_.inserts.empty() && pending_.updates.empty() && pending_.creates.empty() &&
        pending_.comparators.empty())
      return;
    w_.send(std::move(pending_));
    pending_ = w_.fresh();
    pending_.inserts.reserve(kFlushRows);
  }

 private:
  void skip_row() {
    ++rep_.skipped;
    failed_ = true;
    if (!opts_.skip_invalid) {  // nothing will be written
      pending_.inserts.clear();
      pending_.updates.clear();
    }
  }

  IndicatorState& indicator(const std::string& slug, const std::string& name, const std::string& unit,
                            const std::string& measure, const std::string& org, const std::string& url,
                            const std::string& dataset) {
    auto it = indicators_.find(slug);
    if (it != indicators_.end()) return it->second;
    IndicatorState st;
    if (auto found = ids_.find(slug); found != ids_.end()) {
      st.id = found->second;
      w_.with_connection([&](core::Connection& c) {  // a re-import: what is stored, to compare
        for (auto& [area, period, print] : store::point_fingerprints(c, st.id))
          st.existing.emplace(mix(mix(0, area), period), std::hash<std::string>{}(print));
      });
    } else {
      store::Indicator in;
      in.slug = slug;
      in.name = name.empty() ? slug : name;
      in.unit = unit;
      in.value_type = value_type_for(unit, measure);
      in.multiplier = multiplier_for(unit);
      in.source_org = org;
      in.source_url = url;
      in.dataset = dataset;
      pending_.creates.push_back(std::move(in));  // created by the writer, before its points
      st.id = PointWriter::pending_id(rep_.indicators_created);
      ++rep_.indicators_created;
    }
    return indicators_.emplace(slug, std::move(st)).first->second;
  }

  PointWriter& w_;
  const ImportOptions& opts_;
  ImportReport& rep_;
  // The parsed period of each distinct period text (a file has few: 60 in the benchmark).
  const Period* period_of(std::string_view text) {
    if (last_period_ != periods_.end() && last_period_->first == text)  // rows often share one
      return last_period_->second ? &*last_period_->second : nullptr;
    auto it = periods_.find(text);
    if (it == periods_.end()) {
      if (periods_.size() >= kMaxCachedPeriods) periods_.clear();
      it = periods_.emplace(std::string(text), parse_period(std::string(text))).first;
    }
    last_period_ = it;
    return it->second ? &*it->second : nullptr;
  }

  std::set<std::string, std::less<>> areas_, comparators_;
  std::map<std::string, std::optional<Period>, std::less<>> periods_;
  decltype(periods_)::iterator last_period_ = periods_.end();
  std::string last_name_ = "\x01", last_slug_, last_embargo_;
  bool last_embargo_ok_ = false;
  std::string latest_embargo_;           // of the points written
  std::set<std::string> embargo_dates_;  // every embargo date of the points written
  std::string last_embargo_date_;
  std::string place_name_;
  std::unordered_map<std::string, IndicatorState> indicators_;
  std::unordered_map<std::string, std::int64_t> ids_;  // slug → id of the indicators stored before
  SeenKeys seen_;                                      // hash of indicator, area, period → line
  PointWriter::Batch pending_;
  bool failed_ = false;

 public:
  bool failed() const { return failed_; }
  const std::string& latest_embargo() const { return latest_embargo_; }
  const std::set<std::string>& embargo_dates() const { return embargo_dates_; }
};

}  // namespace

ImportReport import_indicators_csv(core::Database& db, const core::audit::Actor& actor, std::istream& in,
                                   const ImportOptions& opts, const Progress& progress) {
  ImportReport rep;
  csv::Reader reader(in);
  std::vector<std::string> fields;
  if (!reader.next(fields)) {
    rep.error =
        reader.error().empty() ? "The file is empty: it needs a header row and at least one data row" : reader.error();
    return rep;
  }
  auto col = columns_of(fields);
  std::vector<std::string> missing;
  if (col.area_code < 0) missing.push_back("area_code");
  if (col.indicator < 0 && col.indicator_slug < 0) missing.push_back("indicator");
  if (col.period < 0) missing.push_back("period");
  if (col.value < 0) missing.push_back("value");
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    rep.error = "The header row needs the columns " + list + " (docs/OUTCOMES.md, \"Import format\")";
    return rep;
  }
  auto conn = db.acquire();
  struct BulkLoad {  // the larger page cache for this import only
    core::Connection& c;
    explicit BulkLoad(core::Connection& conn) : c(conn) { store::bulk_load(c, true); }
    ~BulkLoad() {
      try {
        store::bulk_load(c, false);
      } catch (...) {  // a connection that failed: nothing to give back
      }
    }
  } bulk(*conn);
  core::Transaction tx(*conn);
  rep.import_id = store::record_import(*conn, opts.file_name, 0, 0, 0, 0, actor.user_id, actor.organisation_id);
  PointWriter writer(*conn, rep.import_id);  // stopped (joined) before tx rolls back
  Importer imp(writer, opts, rep);
  const std::size_t every = opts.progress_every ? opts.progress_every : kProgressEvery;
  imp.load_areas();
  while (reader.next(fields)) {
    imp.row(col, fields, reader.line());
    if (progress && rep.rows % every == 0) progress(rep.rows, reader.bytes_read());
  }
  if (!reader.error().empty()) {
    rep.error = reader.error();
    return rep;  // rolled back
  }
  if (rep.rows == 0) {
    rep.error = "The file has a header row but no data rows";
    return rep;
  }
  imp.flush();
  writer.finish();  // everything written; the connection is this thread's again
  if (progress) progress(rep.rows, reader.bytes_read());
  if (opts.dry_run || (imp.failed() && !opts.skip_invalid)) {
    // Rolled back: what would have been written is not reported as written.
    if (!opts.dry_run) rep.created = rep.updated = rep.unchanged = 0;
    return rep;
  }
  store::finish_import(*conn, rep.import_id, rep.rows, rep.created, rep.updated, rep.unchanged, imp.latest_embargo());
  store::record_embargo_dates(*conn, imp.embargo_dates(), core::now_utc().substr(0, 10));
  core::audit::record(*conn, actor,
                      {"import", "indicator-import", std::to_string(rep.import_id), "",
                       core::audit::to_text({{"file", opts.file_name},
                                             {"rows", rep.rows},
                                             {"created", rep.created},
                                             {"updated", rep.updated},
                                             {"unchanged", rep.unchanged},
                                             {"skipped", rep.skipped},
                                             {"provisional", opts.provisional},
                                             {"embargo_until", opts.embargo_until}})});
  tx.commit();
  if (!imp.embargo_dates().empty()) embargo_dates_written();
  rep.written = true;
  return rep;
}

}  // namespace goldthread::outcomes
