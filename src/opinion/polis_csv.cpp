#include "opinion/polis_csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "opinion/csv_reader.hpp"

namespace goldthread::opinion {
namespace {

std::optional<std::int64_t> to_int(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<double> to_double(std::string_view s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// Header names compare ignoring case, surrounding spaces and '_' for '-' (spreadsheets and
// other tools rewrite headers that way); the first of two equal names wins.
std::string normalise_name(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';
  }
  return out;
}

class Header {
 public:
  explicit Header(const std::vector<std::string>& names) : names_(names) {
    for (std::size_t i = 0; i < names.size(); ++i) index_.emplace(normalise_name(names[i]), i);
  }
  std::optional<std::size_t> find(const std::string& name) const {
    auto it = index_.find(name);
    if (it == index_.end()) return std::nullopt;
    used_.push_back(it->second);
    return it->second;
  }
  // Names of the columns no find() asked for, in file order.
  std::vector<std::string> unused() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (std::find(used_.begin(), used_.end(), i) == used_.end()) out.push_back(names_[i]);
    return out;
  }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> index_;
  mutable std::vector<std::size_t> used_;
};

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", '" : "'") + names[i] + "'";
  return out;
}

std::string where(const CsvReader& r) { return "line " + std::to_string(r.line()) + ": "; }

std::string_view cell(const std::vector<std::string>& row, std::optional<std::size_t> i) {
  if (!i || *i >= row.size()) return {};
  return row[*i];
}

Error missing_header(const char* file, const char* column) {
  return Error{std::string(file) + ": missing column '" + column + "' in the header"};
}

}  // namespace

Result<std::vector<Vote>> parse_votes_csv(std::string_view text) {
  CsvReader reader(text);
  std::vector<std::string> row;
  if (!reader.next(row)) {
    if (!reader.error().empty()) return Error{"votes.csv: " + reader.error()};
    return Error{"votes.csv: empty file"};
  }
  Header h(row);
  auto tid_col = h.find("comment-id"), pid_col = h.find("voter-id"), vote_col = h.find("vote");
  auto ts_col = h.find("timestamp");
  if (!tid_col) return missing_header("votes.csv", "comment-id");
  if (!pid_col) return missing_header("votes.csv", "voter-id");
  if (!vote_col) return missing_header("votes.csv", "vote");
  std::vector<Vote> votes;
  while (reader.next(row)) {
    auto tid = to_int(cell(row, tid_col));
    auto pid = to_int(cell(row, pid_col));
    auto v = to_int(cell(row, vote_col));
    if (!tid || !pid) return Error{"votes.csv: " + where(reader) + "bad comment-id or voter-id"};
    if (!v || *v < -1 || *v > 1) return Error{"votes.csv: " + where(reader) + "vote must be -1, 0 or 1"};
    std::int64_t ts = 0;
    if (ts_col) {
      auto t = parse_timestamp(cell(row, ts_col));
      if (!t) return Error{"votes.csv: " + where(reader) + "bad timestamp"};
      ts = *t;
    }
    votes.push_back({*pid, *tid, static_cast<std::int8_t>(*v), ts});
  }
  if (!reader.error().empty()) return Error{"votes.csv: " + reader.error()};
  return votes;
}

Result<PolisCommentsFile> parse_comments_file(std::string_view text) {
  CsvReader reader(text);
  std::vector<std::string> row;
  if (!reader.next(row)) {
    if (!reader.error().empty()) return Error{"comments.csv: " + reader.error()};
    return Error{"comments.csv: empty file"};
  }
  Header h(row);
  auto tid_col = h.find("comment-id");
  if (!tid_col) return missing_header("comments.csv", "comment-id");
  auto mod_col = h.find("moderated"), meta_col = h.find("is-meta"), body_col = h.find("comment-body");
  auto author_col = h.find("author-id"), ts_col = h.find("timestamp");
  auto agree_col = h.find("agrees"), disagree_col = h.find("disagrees");
  auto gic_col = h.find("group-informed-consensus");
  for (const char* known : {"datetime", "is-seed"}) h.find(known);  // read by nobody, expected
  PolisCommentsFile out;
  out.has_moderation = mod_col.has_value();
  while (reader.next(row)) {
    PolisComment c;
    auto tid = to_int(cell(row, tid_col));
    if (!tid) return Error{"comments.csv: " + where(reader) + "bad comment-id"};
    c.tid = *tid;
    if (mod_col) {
      auto m = to_int(cell(row, mod_col));
      if (!m || *m < -1 || *m > 1) return Error{"comments.csv: " + where(reader) + "moderated must be -1, 0 or 1"};
      c.mod = static_cast<int>(*m);
    }
    auto meta = normalise_name(cell(row, meta_col));
    c.is_meta = meta == "true" || meta == "1";
    c.body = std::string(cell(row, body_col));
    if (auto a = to_int(cell(row, author_col))) c.author_id = *a;
    if (auto t = parse_timestamp(cell(row, ts_col))) c.timestamp = *t;
    if (auto a = to_int(cell(row, agree_col))) c.agrees = static_cast<std::int32_t>(*a);
    if (auto d = to_int(cell(row, disagree_col))) c.disagrees = static_cast<std::int32_t>(*d);
    c.group_informed_consensus = to_double(cell(row, gic_col));
    out.comments.push_back(std::move(c));
  }
  if (!reader.error().empty()) return Error{"comments.csv: " + reader.error()};
  const auto unused = h.unused();
  if (!mod_col) {
    std::vector<std::string> lookalikes;
    for (const auto& name : unused)
      if (normalise_name(name).find("mod") != std::string::npos) lookalikes.push_back(name);
    std::string w = "comments.csv has no 'moderated' column, so no statement is moderated out: all " +
                    std::to_string(out.comments.size()) + " statements count as unmoderated";
    if (!lookalikes.empty()) w += " (is " + quoted_list(lookalikes) + " meant to be 'moderated'?)";
    out.warnings.push_back(w + ".");
  }
  if (!unused.empty())
    out.warnings.push_back("comments.csv: ignored column(s) the reader does not know: " + quoted_list(unused) + ".");
  return out;
}

Result<std::vector<PolisComment>> parse_comments_csv(std::string_view text) {
  auto file = parse_comments_file(text);
  if (!file) return file.error();
  return std::move(file.value().comments);
}

std::optional<std::int64_t> parse_timestamp(std::string_view s) {
  if (auto i = to_int(s)) return i;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  auto d = to_double(s);
  // Beyond ±2^62 ms the rounding below would overflow; no real timestamp is there.
  if (!d || !std::isfinite(*d) || std::fabs(*d) > 4.6e18) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(*d));
}

Result<PolisParticipantsVotes> parse_participants_votes_csv(std::string_view text) {
  CsvReader reader(text);
  std::vector<std::string> row;
  if (!reader.next(row)) {
    if (!reader.error().empty()) return Error{"participants-votes.csv: " + reader.error()};
    return Error{"participants-votes.csv: empty file"};
  }
  Header h(row);
  auto pid_col = h.find("participant");
  if (!pid_col) return missing_header("participants-votes.csv", "participant");
  auto group_col = h.find("group-id"), xid_col = h.find("xid");
  auto last_meta = h.find("n-disagree");
  PolisParticipantsVotes out;
  std::vector<std::size_t> comment_cols;
  for (std::size_t i = 0; i < row.size(); ++i) {
    const bool after_meta = last_meta ? i > *last_meta : (i != *pid_col && to_int(row[i]).has_value());
    if (!after_meta) continue;
    auto tid = to_int(row[i]);
    if (!tid) return Error{"participants-votes.csv: comment column '" + row[i] + "' is not an id"};
    comment_cols.push_back(i);
    out.tids.push_back(*tid);
  }
  while (reader.next(row)) {
    PolisParticipant p;
    auto pid = to_int(cell(row, pid_col));
    if (!pid) return Error{"participants-votes.csv: " + where(reader) + "bad participant id"};
    p.pid = *pid;
    auto g = cell(row, group_col);
    if (!g.empty()) {
      auto gi = to_int(g);
      if (!gi) return Error{"participants-votes.csv: " + where(reader) + "bad group-id"};
      p.group_id = static_cast<int>(*gi);
    }
    p.xid = std::string(cell(row, xid_col));
    for (std::size_t k = 0; k < comment_cols.size(); ++k) {
      auto v = cell(row, comment_cols[k]);
      if (v.empty()) continue;
      auto x = to_int(v);
      if (!x || *x < -1 || *x > 1)
        return Error{"participants-votes.csv: " + where(reader) + "vote must be -1, 0, 1 or empty"};
      out.votes.push_back({p.pid, out.tids[k], static_cast<std::int8_t>(*x), 0});
    }
    out.participants.push_back(std::move(p));
  }
  if (!reader.error().empty()) return Error{"participants-votes.csv: " + reader.error()};
  return out;
}

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot open " + path};
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Error{"cannot read " + path};
  return ss.str();
}

std::vector<Moderation> moderation_of(const std::vector<PolisComment>& comments) {
  std::vector<Moderation> out;
  out.reserve(comments.size());
  for (const auto& c : comments) out.push_back({c.tid, c.mod, c.is_meta});
  return out;
}

}  // namespace goldthread::opinion
