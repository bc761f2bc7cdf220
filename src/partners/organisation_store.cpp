#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <regex>

#include "partners/partners.hpp"

namespace goldthread::partners {
namespace {

constexpr const char* kCols = "id, slug, name, sector, org_id, website, description, areas_json";

Organisation from_row(const core::Row& r) {
  Organisation o;
  o.id = r.integer(0);
  o.slug = r.text(1);
  o.name = r.text(2);
  o.sector = r.text(3);
  o.org_id = r.text(4);
  o.website = r.text(5);
  o.description = r.text(6);
  auto areas = nlohmann::json::parse(r.text(7), nullptr, false);
  if (areas.is_array())
    for (const auto& a : areas)
      if (a.is_string()) o.areas.push_back(a.get<std::string>());
  return o;
}

std::string slugify(const std::string& name) {
  std::string out;
  for (unsigned char ch : name) {
    if (std::isalnum(ch)) out.push_back(static_cast<char>(std::tolower(ch)));
    else if (!out.empty() && out.back() != '-') out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "organisation" : out;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& sectors() {
  static const std::vector<std::pair<std::string, std::string>> kSectors = {
      {"county-council", "County council"},
      {"district-council", "District council"},
      {"unitary-council", "Unitary council"},
      {"parish-council", "Parish or town council"},
      {"nhs", "NHS"},
      {"police", "Police"},
      {"fire-rescue", "Fire and rescue"},
      {"education", "Education"},
      {"university", "University"},
      {"voluntary-community", "Voluntary and community"},
      {"business", "Business"},
      {"other", "Other"}};
  return kSectors;
}

bool is_sector(const std::string& code) {
  const auto& s = sectors();
  return std::any_of(s.begin(), s.end(), [&](const auto& p) { return p.first == code; });
}

bool is_org_id(const std::string& s) {
  static const std::regex kOrgId("^[A-Z]{2}-[A-Z0-9]{2,10}-[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$");
  return std::regex_match(s, kOrgId);
}

std::optional<Organisation> try_find_organisation(core::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kCols + " FROM organisations WHERE id = ?", {id});
  if (rs.rows.empty()) return std::nullopt;
  return from_row(rs.rows[0]);
}

std::optional<Organisation> try_find_organisation_by_slug(core::Connection& c, const std::string& slug) {
  auto rs = c.query(std::string("SELECT ") + kCols + " FROM organisations WHERE slug = ?", {slug});
  if (rs.rows.empty()) return std::nullopt;
  return from_row(rs.rows[0]);
}

std::vector<Organisation> list_organisations(core::Connection& c, const std::string& search, int limit, int offset) {
  std::string pattern = "%";
  for (unsigned char ch : search) pattern.push_back(static_cast<char>(std::tolower(ch)));
  pattern += "%";
  auto rs = c.query(std::string("SELECT ") + kCols +
                        " FROM organisations WHERE lower(name) LIKE ? ORDER BY lower(name), id LIMIT ? OFFSET ?",
                    {pattern, static_cast<std::int64_t>(limit), static_cast<std::int64_t>(offset)});
  std::vector<Organisation> out;
  for (const auto& r : rs.rows) out.push_back(from_row(r));
  return out;
}

core::Result<Organisation> create_organisation(core::Database& db, const core::audit::Actor& actor,
                                               const OrganisationInput& in) {
  std::vector<core::FieldError> errors;
  if (in.name.empty()) errors.push_back({"name", "Enter the organisation's name"});
  else if (in.name.size() > 200) errors.push_back({"name", "Name must be 200 characters or fewer"});
  if (in.sector.empty()) errors.push_back({"sector", "Select the organisation's sector"});
  else if (!is_sector(in.sector)) errors.push_back({"sector", "Select a sector from the list"});
  if (!in.org_id.empty() && !is_org_id(in.org_id))
    errors.push_back({"org_id", "Enter an org-id identifier like GB-LAE-ESS or GB-CHC-1234567"});
  if (!in.website.empty() && in.website.rfind("https://", 0) != 0 && in.website.rfind("http://", 0) != 0)
    errors.push_back({"website", "Enter a website address starting with https://"});
  if (!errors.empty()) return core::Error::invalid("Check the organisation's details", errors);

  auto conn = db.acquire();
  core::Transaction tx(*conn);
  std::string base = slugify(in.name), slug = base;
  for (int i = 2; !conn->query("SELECT id FROM organisations WHERE slug = ?", {slug}).rows.empty(); ++i)
    slug = base + "-" + std::to_string(i);
  if (!in.org_id.empty() && !conn->query("SELECT id FROM organisations WHERE org_id = ?", {in.org_id}).rows.empty())
    return core::Error::invalid("Check the organisation's details",
                                {{"org_id", "An organisation with this org-id is already registered"}});
  nlohmann::json areas = in.areas;
  auto now = core::now_utc();
  auto rs = conn->query(
      "INSERT INTO organisations (slug, name, sector, org_id, website, description, areas_json, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {slug, in.name, in.sector, in.org_id.empty() ? core::Value(nullptr) : core::Value(in.org_id), in.website,
       in.description, areas.dump(), now, now});
  auto id = rs.rows.at(0).integer(0);
  nlohmann::json after = {{"slug", slug}, {"name", in.name}, {"sector", in.sector}, {"org_id", in.org_id},
                          {"website", in.website}, {"description", in.description}, {"areas", areas}};
  core::audit::record(*conn, actor, {"create", "organisation", std::to_string(id), "", after.dump()});
  tx.commit();
  return Organisation{id, slug, in.name, in.sector, in.org_id, in.website, in.description, in.areas};
}

}  // namespace goldthread::partners
