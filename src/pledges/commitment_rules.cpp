// Decisions about commitments that need no database: the completion scale, staleness on the
// assembly's six-month rhythm, due dates, the side of the social contract, validation.
#include <chrono>
#include <cstdio>

#include "core/text.hpp"
#include "pledges/commitment_internal.hpp"
#include "pledges/pledge_rules.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::pledges {

namespace {

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::string format(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

}  // namespace

std::optional<Date> parse_date(const std::string& s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  Date d{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2))};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

std::string add_months(const std::string& date, int months) {
  auto d = parse_date(date);
  if (!d) return "";
  int m = d->month - 1 + months;
  Date out{d->year + m / 12, m % 12 + 1, 0};
  out.day = std::min(d->day, days_in_month(out.year, out.month));
  return format(out);
}

std::string add_days(const std::string& date, int days) {
  auto d = parse_date(date);
  if (!d) return "";
  using namespace std::chrono;
  sys_days t =
      year_month_day{year{d->year}, month{static_cast<unsigned>(d->month)}, day{static_cast<unsigned>(d->day)}};
  year_month_day r{t + std::chrono::days{days}};
  return format({static_cast<int>(r.year()), static_cast<int>(static_cast<unsigned>(r.month())),
                 static_cast<int>(static_cast<unsigned>(r.day()))});
}

std::string today_utc() {
  return core::now_utc().substr(0, 10);
}

const std::vector<std::pair<std::string, std::string>>& completion_scale() {
  static const std::vector<std::pair<std::string, std::string>> kScale = {
      {"not-started", "Not started"}, {"limited", "Limited"}, {"substantial", "Substantial"}, {"complete", "Complete"}};
  return kScale;
}

const std::vector<std::pair<std::string, std::string>>& next_step_scale() {
  static const std::vector<std::pair<std::string, std::string>> kScale = {
      {"not-started", "Not started"}, {"in-progress", "In progress"}, {"done", "Done"}, {"dropped", "Dropped"}};
  return kScale;
}

const std::vector<std::pair<std::string, std::string>>& status_scale(const std::string& kind) {
  return kind == "next-step" ? next_step_scale() : completion_scale();
}

bool is_status_of(const std::string& kind, const std::string& code) {
  for (const auto& [c, l] : status_scale(kind))
    if (c == code) return true;
  return false;
}

bool is_closed_status(const std::string& status) {
  return status == "complete" || status == "done" || status == "dropped";
}

bool is_completion(const std::string& code) {
  for (const auto& [c, l] : completion_scale())
    if (c == code) return true;
  return false;
}

std::string completion_label(const std::string& code) {
  for (const auto& [c, l] : completion_scale())
    if (c == code) return l;
  for (const auto& [c, l] : next_step_scale())
    if (c == code) return l;
  return code;
}

Staleness staleness_of(const std::string& last_update, const std::string& today, const std::string& status) {
  if (is_closed_status(status) || !parse_date(last_update) || !parse_date(today)) return Staleness::fresh;
  const auto day = last_update.substr(0, 10);
  if (add_months(day, kOverdueUpdateMonths) <= today) return Staleness::overdue_update;
  if (add_months(day, kNoRecentUpdateMonths) <= today) return Staleness::no_recent_update;
  return Staleness::fresh;
}

const char* staleness_code(Staleness s) {
  switch (s) {
    case Staleness::no_recent_update:
      return "no-recent-update";
    case Staleness::overdue_update:
      return "overdue-update";
    default:
      return "fresh";
  }
}

const char* staleness_label(Staleness s) {
  switch (s) {
    case Staleness::no_recent_update:
      return "No recent update";
    case Staleness::overdue_update:
      return "Overdue for an update";
    default:
      return "";
  }
}

bool past_due(const std::string& due_on, const std::string& today, const std::string& status) {
  return !is_closed_status(status) && parse_date(due_on) && due_on < today;
}

bool due_soon(const std::string& due_on, const std::string& today, const std::string& status) {
  return !is_closed_status(status) && parse_date(due_on) && today <= due_on && add_days(due_on, -kDueSoonDays) <= today;
}

const std::vector<std::pair<std::string, std::string>>& sides() {
  static const std::vector<std::pair<std::string, std::string>> kSides = {
      {"public-sector", "Public sector"},
      {"business", "Business"},
      {"voluntary-community", "Voluntary and community"},
      {"residents", "Residents"},
      {"other", "Other partners"}};
  return kSides;
}

std::string side_of_sector(const std::string& sector) {
  if (sector.empty()) return "residents";
  if (sector == "business") return "business";
  if (sector == "voluntary-community") return "voluntary-community";
  if (sector == "other") return "other";
  return "public-sector";  // councils, NHS, police, fire and rescue, education, universities
}

std::string side_label(const std::string& side) {
  for (const auto& [c, l] : sides())
    if (c == side) return l;
  return side;
}

bool is_pledged_as(const std::string& s) {
  return s == "self" || s == "resident" || s == "organisation";
}

bool is_web_link(const std::string& s) {
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
}

std::vector<core::FieldError> validate_progress(const ProgressInput& in, const std::string& kind) {
  std::vector<core::FieldError> e;
  if (!is_status_of(kind, in.status)) e.push_back({"status", "Select how far it has got"});
  if (in.note.empty())
    e.push_back({"note", "Enter what has happened since the last update"});
  else if (core::utf8_length(in.note) > kMaxProgressNote)
    e.push_back({"note", "Update must be 2,000 characters or fewer"});
  if (in.status == "complete" && in.evidence_text.empty())
    e.push_back({"evidence_text", "Enter the evidence that it is complete"});
  else if (core::utf8_length(in.evidence_text) > kMaxEvidenceText)
    e.push_back({"evidence_text", "Evidence must be 2,000 characters or fewer"});
  if (!in.evidence_url.empty() &&
      (!is_web_link(in.evidence_url) || core::utf8_length(in.evidence_url) > kMaxEvidenceUrl))
    e.push_back({"evidence_url", "Enter a link starting with https:// or http://, of 2,000 characters or fewer"});
  return e;
}

std::vector<core::FieldError> validate_commitment(const CommitmentInput& in) {
  std::vector<core::FieldError> e;
  if (in.text.empty())
    e.push_back({"text", "Enter what you commit to do"});
  else if (core::utf8_length(in.text) > kMaxCommitmentText)
    e.push_back({"text", "Pledge must be 1,000 characters or fewer"});
  if (core::utf8_length(in.owner_role) > kMaxOwnerRole)
    e.push_back({"owner_role", "Role must be 200 characters or fewer"});
  if (!in.due_on.empty() && !parse_date(in.due_on)) e.push_back({"due_on", "Due date must be a real date"});
  if (in.owner_name.empty()) e.push_back({"owner_name", "Enter the name of the person who commits"});
  if (in.kind.empty() || in.href_prefix.empty()) e.push_back({"kind", "A commitment needs its kind and page"});
  return e;
}

}  // namespace goldthread::pledges

namespace goldthread::pledges {

std::string long_date(const std::string& iso) {
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  auto d = parse_date(iso);
  if (!d) return iso;
  return std::to_string(d->day) + " " + kMonths[d->month - 1] + " " + std::to_string(d->year);
}

}  // namespace goldthread::pledges
