#include "work/work_rules.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

#include "core/text.hpp"
#include "work/markdown.hpp"
#include "work/work.hpp"

namespace goldthread::work {

const std::vector<std::pair<std::string, std::string>>& statuses() {
  static const std::vector<std::pair<std::string, std::string>> kStatuses = {
      {"idea", "Idea"}, {"planned", "Planned"}, {"active", "Active"}, {"completed", "Completed"}, {"stopped", "Stopped"}};
  return kStatuses;
}

bool is_status(const std::string& s) {
  const auto& all = statuses();
  return std::any_of(all.begin(), all.end(), [&](const auto& p) { return p.first == s; });
}

const std::vector<std::pair<std::string, std::string>>& principles() {
  static const std::vector<std::pair<std::string, std::string>> kPrinciples = {
      {"early-intervention", "Early intervention"},
      {"prevention", "Prevention"},
      {"demand-management", "Demand management"},
      {"participation", "Participation"},
      {"co-production", "Co-production"},
      {"place-based", "Place-based working"},
      {"data-sharing", "Data sharing"},
      {"asset-based", "Building on community strengths"}};
  return kPrinciples;
}

bool can_edit(const core::Principal& p, std::int64_t owner_organisation_id) {
  if (p.has(core::Role::place_admin) || p.has(core::Role::site_admin)) return true;
  if (owner_organisation_id == 0 || !p.has(core::Role::partner_member)) return false;
  return std::any_of(p.memberships.begin(), p.memberships.end(),
                     [&](const core::Membership& m) { return m.organisation_id == owner_organisation_id; });
}

bool can_own(const core::Principal& p, std::int64_t owner_organisation_id) {
  return can_edit(p, owner_organisation_id);
}

std::string slugify(const std::string& text) { return core::slugify(text); }

bool is_iso_date(const std::string& s) {
  static const std::regex kDate("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$");
  return std::regex_match(s, kDate);
}

bool is_web_link(const std::string& s) {
  if (s.find_first_of(" \t\r\n\"<>") != std::string::npos) return false;
  return (s.rfind("https://", 0) == 0 && s.size() > 8) || (s.rfind("http://", 0) == 0 && s.size() > 7) ||
         (s.rfind("mailto:", 0) == 0 && s.size() > 7);
}

bool is_area_code(const std::string& s) {
  return core::is_area_code(s);
}

std::vector<core::FieldError> validate_initiative(const Initiative& in) {
  std::vector<core::FieldError> e;
  auto chars = [](const std::string& s) { return core::utf8_length(s); };
  if (in.title.empty()) e.push_back({"title", "Enter a title"});
  else if (chars(in.title) > kMaxTitle)
    e.push_back({"title", "Title must be 200 characters or fewer"});
  if (!in.slug.empty() && slugify(in.slug) != in.slug)
    e.push_back({"slug", "Slug must be lower-case letters, numbers and hyphens"});
  if (chars(in.summary) > kMaxSummary) e.push_back({"summary", "Summary must be 500 characters or fewer"});
  if (chars(in.description) > kMaxDescription)
    e.push_back({"description", "Description must be 20,000 characters or fewer"});
  else if (auto p = markdown_problem(in.description, "Description"))
    e.push_back({"description", *p});
  if (!is_status(in.status)) e.push_back({"status", "Select a status: idea, planned, active, completed or stopped"});
  if (!in.start_date.empty() && !is_iso_date(in.start_date))
    e.push_back({"start_date", "Enter the start date like 2026-04-01"});
  if (!in.end_date.empty() && !is_iso_date(in.end_date)) e.push_back({"end_date", "Enter the end date like 2027-03-31"});
  else if (!in.start_date.empty() && !in.end_date.empty() && in.end_date < in.start_date)
    e.push_back({"end_date", "End date must be the same as or after the start date"});
  if (chars(in.lead_name) > kMaxLeadName) e.push_back({"lead_name", "Project lead must be 200 characters or fewer"});
  // The lists have limits too (sponsors of 908 KB were once accepted): docs/LIMITS.md.
  auto list = [&](const std::vector<std::string>& v, const char* field, const char* label, std::size_t lines,
                  std::size_t each) {
    if (v.size() > lines)
      e.push_back({field, std::string(label) + " must be " + std::to_string(lines) + " lines or fewer"});
    else if (std::any_of(v.begin(), v.end(), [&](const std::string& s) { return chars(s) > each; }))
      e.push_back({field, "Each line of " + std::string(1, static_cast<char>(std::tolower(label[0]))) + (label + 1) +
                              " must be " + std::to_string(each) + " characters or fewer"});
  };
  list(in.sponsors, "sponsors", "Sponsors", kMaxSponsors, kMaxSponsor);
  list(in.partner_labels, "partner_labels", "Other partners", kMaxPartnerLabels, kMaxPartnerLabel);
  if (in.links.size() > kMaxLinks) e.push_back({"links", "Links must be 20 lines or fewer"});
  for (const auto& l : in.links)
    if (!is_web_link(l.href)) {
      e.push_back({"links", "Links must start with https://, http:// or mailto:"});
      break;
    }
  for (const auto& a : in.areas)
    if (!is_area_code(a)) {
      e.push_back({"areas", "Enter areas as ONS codes like E07000075"});
      break;
    }
  const auto& ps = principles();
  for (const auto& p : in.principles)
    if (std::none_of(ps.begin(), ps.end(), [&](const auto& x) { return x.first == p; })) {
      e.push_back({"principles", "Select guiding principles from the list"});
      break;
    }
  return e;
}

}  // namespace goldthread::work
