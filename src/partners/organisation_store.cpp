#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/search.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "partners/partner_store.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::partners {
namespace {

constexpr const char* kCols = "id, slug, name, sector, org_id, website, description, areas_json";
constexpr int kMaxPerPage = 100;

Organisation organisation_from_row(const core::Row& r) {
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

constexpr const char* kSameName =
    "Another organisation with this name or org-id was saved at the same moment. Check the directory, then try again.";

std::string like_pattern(const std::string& search) {
  return core::like_contains(search);
}

nlohmann::json to_json(const Organisation& o) {
  return {{"slug", o.slug},     {"name", o.name},       {"sector", o.sector},
          {"org_id", o.org_id}, {"website", o.website}, {"description", o.description},
          {"areas", o.areas}};
}

void write_areas(core::Connection& c, std::int64_t id, const std::vector<std::string>& areas) {
  c.query("DELETE FROM organisation_areas WHERE organisation_id = ?", {id});
  std::vector<std::string> uniq = areas;
  std::sort(uniq.begin(), uniq.end());
  uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
  for (const auto& a : uniq)
    c.query("INSERT INTO organisation_areas (organisation_id, area_code) VALUES (?, ?)", {id, a});
}

core::Value nullable(const std::string& s) {
  return s.empty() ? core::Value(nullptr) : core::Value(s);
}

// Inside the write's transaction: the search entry follows the organisation, and the version
// tells other capabilities' caches that sectors or areas may have moved.
void after_write(core::Connection& c, const Organisation& o) {
  index_organisation(c, o);
  c.query("UPDATE partners_state SET version = version + 1 WHERE id = 1");
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

void index_organisation(core::Connection& c, const Organisation& o) {
  core::search::index(c, "organisation", o.id, o.name, o.description, "/organisations/" + o.slug);
}

void index_all_organisations(core::Connection& c) {
  for (const auto& r : c.query(std::string("SELECT ") + kCols + " FROM organisations ORDER BY id").rows)
    index_organisation(c, organisation_from_row(r));
}

std::int64_t organisation_id_by_name(core::Connection& c, const std::string& name) {
  auto rs = c.query("SELECT id FROM organisations WHERE name = ? ORDER BY id LIMIT 1", {name});
  return rs.rows.empty() ? 0 : rs.rows[0].integer(0);
}

std::int64_t organisations_version(core::Connection& c) {
  return c.query("SELECT version FROM partners_state WHERE id = 1").rows.at(0).integer(0);
}

std::map<std::string, std::int64_t> organisation_ids_by_org_id(core::Connection& c,
                                                               const std::vector<std::string>& org_ids) {
  constexpr std::size_t kChunk = 500;
  std::vector<std::string> uniq = org_ids;
  std::sort(uniq.begin(), uniq.end());
  uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
  uniq.erase(std::remove(uniq.begin(), uniq.end(), std::string()), uniq.end());
  std::map<std::string, std::int64_t> out;
  for (std::size_t from = 0; from < uniq.size(); from += kChunk) {
    std::string marks;
    std::vector<core::Value> params;
    for (std::size_t i = from; i < std::min(uniq.size(), from + kChunk); ++i) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(uniq[i]);
    }
    for (const auto& r : c.query("SELECT org_id, id FROM organisations WHERE org_id IN (" + marks + ")", params).rows)
      out[r.text(0)] = r.integer(1);
  }
  return out;
}

std::optional<Organisation> try_find_organisation(core::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kCols + " FROM organisations WHERE id = ?", {id});
  if (rs.rows.empty()) return std::nullopt;
  return organisation_from_row(rs.rows[0]);
}

std::optional<Organisation> try_find_organisation_by_slug(core::Connection& c, const std::string& slug) {
  auto rs = c.query(std::string("SELECT ") + kCols + " FROM organisations WHERE slug = ?", {slug});
  if (rs.rows.empty()) return std::nullopt;
  return organisation_from_row(rs.rows[0]);
}

std::vector<Organisation> list_organisations(core::Connection& c, const std::string& search, int limit, int offset) {
  auto rs =
      c.query(std::string("SELECT ") + kCols +
                  " FROM organisations WHERE lower(name) LIKE ? ESCAPE '\\' ORDER BY lower(name), id LIMIT ? OFFSET ?",
              {like_pattern(search), static_cast<std::int64_t>(limit), static_cast<std::int64_t>(offset)});
  std::vector<Organisation> out;
  for (const auto& r : rs.rows) out.push_back(organisation_from_row(r));
  return out;
}

DirectoryPage find_organisations(core::Connection& c, const DirectoryFilter& f) {
  std::string where = " WHERE 1 = 1";
  std::vector<core::Value> params;
  if (!f.search.empty()) {
    where += " AND lower(o.name) LIKE ? ESCAPE '\\'";
    params.emplace_back(like_pattern(f.search));
  }
  if (!f.sector.empty()) {
    where += " AND o.sector = ?";
    params.emplace_back(f.sector);
  }
  std::vector<places::Area> covering;
  if (!f.area_code.empty()) {
    covering = places::area_and_parents(c, f.area_code);
    std::string marks = "?";
    params.emplace_back(f.area_code);
    for (std::size_t k = 1; k < covering.size(); ++k) {
      marks += ", ?";
      params.emplace_back(covering[k].code);
    }
    where += " AND o.id IN (SELECT organisation_id FROM organisation_areas WHERE area_code IN (" + marks + "))";
  }
  DirectoryPage page;
  page.total = c.query("SELECT count(*) FROM organisations o" + where, params).rows.at(0).integer(0);
  int per_page = std::clamp(f.per_page, 1, kMaxPerPage);
  auto p = params;
  p.emplace_back(static_cast<std::int64_t>(per_page));
  p.emplace_back(static_cast<std::int64_t>(std::max(0, f.page - 1)) * per_page);
  auto rs = c.query(
      "SELECT o.id, o.slug, o.name, o.sector, o.org_id, o.website, o.description, o.areas_json "
      "FROM organisations o" +
          where + " ORDER BY o.name, o.id LIMIT ? OFFSET ?",
      p);
  for (const auto& r : rs.rows) page.organisations.push_back(organisation_from_row(r));
  for (const auto& o : page.organisations) {
    if (covering.size() < 2 || std::find(o.areas.begin(), o.areas.end(), f.area_code) != o.areas.end()) continue;
    for (std::size_t k = 1; k < covering.size(); ++k)
      if (std::find(o.areas.begin(), o.areas.end(), covering[k].code) != o.areas.end()) {
        page.wider_area[o.id] = places::wider_area_label(covering[k]);
        break;
      }
  }
  return page;
}

std::vector<Organisation> organisations_by_id(core::Connection& c, const std::vector<std::int64_t>& ids) {
  std::vector<Organisation> out;
  if (ids.empty()) return out;
  std::string marks;
  std::vector<core::Value> params;
  for (auto id : ids) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  for (const auto& r :
       c.query(std::string("SELECT ") + kCols + " FROM organisations WHERE id IN (" + marks + ") ORDER BY name, id",
               params)
           .rows)
    out.push_back(organisation_from_row(r));
  return out;
}

std::map<std::int64_t, std::string> organisation_names(core::Connection& c, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::string> out;
  if (ids.empty()) return out;
  std::string marks;
  std::vector<core::Value> params;
  for (auto id : ids) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  for (const auto& r : c.query("SELECT id, name FROM organisations WHERE id IN (" + marks + ")", params).rows)
    out[r.integer(0)] = r.text(1);
  return out;
}

std::vector<core::FieldError> validate_organisation(const OrganisationInput& in) {
  std::vector<core::FieldError> errors;
  if (in.name.empty())
    errors.push_back({"name", "Enter the organisation's name"});
  else if (core::utf8_length(in.name) > kMaxOrganisationName)
    errors.push_back({"name", "Name must be 200 characters or fewer"});
  if (in.sector.empty())
    errors.push_back({"sector", "Select the organisation's sector"});
  else if (!is_sector(in.sector))
    errors.push_back({"sector", "Select a sector from the list"});
  if (!in.org_id.empty() && !is_org_id(in.org_id))
    errors.push_back({"org_id", "Enter an org-id identifier like GB-LAE-ESS or GB-CHC-1234567"});
  if (!in.website.empty() && in.website.rfind("https://", 0) != 0 && in.website.rfind("http://", 0) != 0)
    errors.push_back({"website", "Enter a website address starting with https://"});
  for (const auto& a : in.areas)
    if (!core::is_area_code(a)) {
      errors.push_back({"areas", "Enter areas as ONS codes like E07000075"});
      break;
    }
  if (core::utf8_length(in.description) > kMaxOrganisationDescription)
    errors.push_back({"description", "Description must be 5,000 characters or fewer"});
  return errors;
}

namespace {

// Once a place is set up, areas must be its own, whatever the form sent (in the services only:
// importers and tests may load organisations before any place).
std::vector<core::FieldError> with_place_areas(core::Connection& c, const OrganisationInput& in) {
  auto errors = validate_organisation(in);
  if (std::any_of(errors.begin(), errors.end(), [](const auto& e) { return e.field == "areas"; }) || in.areas.empty())
    return errors;
  auto place = places::try_current_place(c);
  if (!place) return errors;
  auto known = places::list_areas(c, place->id);
  for (const auto& a : in.areas)
    if (std::none_of(known.begin(), known.end(), [&](const places::Area& k) { return k.code == a; })) {
      errors.push_back({"areas", "Select areas from the list"});
      break;
    }
  return errors;
}

// Inserts a validated organisation; an address from its name, or "organisation-N" when the
// name has no Latin letters or digits.
core::Result<Organisation> insert_organisation(core::Connection& c, const core::audit::Actor& actor,
                                               const OrganisationInput& in) {
  auto slug = core::unique_slug(in.name, "organisation", [&](const std::string& s) {
    return !c.query("SELECT id FROM organisations WHERE slug = ?", {s}).rows.empty();
  });
  if (!in.org_id.empty() && !c.query("SELECT id FROM organisations WHERE org_id = ?", {in.org_id}).rows.empty())
    return core::Error::invalid("Check the organisation's details",
                                {{"org_id", "An organisation with this org-id is already registered"}});
  nlohmann::json areas = in.areas;
  auto now = core::now_utc();
  auto rs = c.query(
      "INSERT INTO organisations (slug, name, sector, org_id, website, description, areas_json, created_at, "
      "updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {slug, in.name, in.sector, nullable(in.org_id), in.website, in.description, areas.dump(), now, now});
  Organisation o{rs.rows.at(0).integer(0), slug, in.name, in.sector, in.org_id, in.website, in.description, in.areas};
  write_areas(c, o.id, o.areas);
  core::audit::record(c, actor, {"create", "organisation", std::to_string(o.id), "", core::audit::to_text(to_json(o))});
  after_write(c, o);
  return o;
}

core::Result<Organisation> write_update(core::Connection& c, const core::audit::Actor& actor, std::int64_t id,
                                        const OrganisationInput& in) {
  auto before = try_find_organisation(c, id);
  if (!before) return core::Error::not_found("There is no such organisation.");
  if (!in.org_id.empty() &&
      !c.query("SELECT id FROM organisations WHERE org_id = ? AND id <> ?", {in.org_id, id}).rows.empty())
    return core::Error::invalid("Check the organisation's details",
                                {{"org_id", "An organisation with this org-id is already registered"}});
  nlohmann::json areas = in.areas;
  c.query(
      "UPDATE organisations SET name = ?, sector = ?, org_id = ?, website = ?, description = ?, areas_json = ?, "
      "updated_at = ? WHERE id = ?",
      {in.name, in.sector, nullable(in.org_id), in.website, in.description, areas.dump(), core::now_utc(), id});
  Organisation o{id, before->slug, in.name, in.sector, in.org_id, in.website, in.description, in.areas};
  write_areas(c, id, o.areas);
  core::audit::record(c, actor,
                      {"update", "organisation", std::to_string(id), core::audit::to_text(to_json(*before)),
                       core::audit::to_text(to_json(o))});
  after_write(c, o);
  return o;
}

core::Result<Organisation> invalid(std::vector<core::FieldError> errors) {
  return core::Error::invalid("Check the organisation's details", std::move(errors));
}

}  // namespace

core::Result<Organisation> create_organisation_in(core::Connection& c, const core::audit::Actor& actor,
                                                  const OrganisationInput& in) {
  if (auto errors = validate_organisation(in); !errors.empty()) return invalid(errors);
  return insert_organisation(c, actor, in);
}

core::Result<Organisation> update_organisation_in(core::Connection& c, const core::audit::Actor& actor, std::int64_t id,
                                                  const OrganisationInput& in) {
  if (auto errors = validate_organisation(in); !errors.empty()) return invalid(errors);
  return write_update(c, actor, id, in);
}

// The services: one transaction, one validation pass; a same-moment duplicate is a 409.
core::Result<Organisation> create_organisation(core::Database& db, const core::audit::Actor& actor,
                                               const OrganisationInput& in) {
  return core::transact<Organisation>(db, kSameName, [&](core::Connection& c) -> core::Result<Organisation> {
    if (auto errors = with_place_areas(c, in); !errors.empty()) return invalid(errors);
    return insert_organisation(c, actor, in);
  });
}

core::Result<Organisation> update_organisation(core::Database& db, const core::audit::Actor& actor, std::int64_t id,
                                               const OrganisationInput& in) {
  return core::transact<Organisation>(db, kSameName, [&](core::Connection& c) -> core::Result<Organisation> {
    if (auto errors = with_place_areas(c, in); !errors.empty()) return invalid(errors);
    return write_update(c, actor, id, in);
  });
}

}  // namespace goldthread::partners
