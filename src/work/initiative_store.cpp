// Initiatives and their link tables. Writes run in the caller's transaction and are audited.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/notifications.hpp"
#include "core/search.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "work/markdown.hpp"
#include "work/matrix.hpp"
#include "work/work.hpp"
#include "work/work_rules.hpp"
#include "work/work_store.hpp"

namespace goldthread::work {
using nlohmann::json;

namespace {

constexpr const char* kCols =
    "id, place_id, slug, title, summary, description, owner_organisation_id, status, start_date, end_date, "
    "is_vision_project, lead_name, lead_user_id, sponsors_json, partner_labels_json, links_json, description_html";

Initiative from_row(const core::Row& r) {
  Initiative i;
  i.id = r.integer(0);
  i.place_id = r.integer(1);
  i.slug = r.text(2);
  i.title = r.text(3);
  i.summary = r.text(4);
  i.description = r.text(5);
  i.owner_organisation_id = r.integer(6);
  i.status = r.text(7);
  i.start_date = r.text(8);
  i.end_date = r.text(9);
  i.is_vision_project = r.integer(10) != 0;
  i.lead_name = r.text(11);
  i.lead_user_id = r.integer(12);
  i.sponsors = strings_from_json(r.text(13));
  i.partner_labels = strings_from_json(r.text(14));
  for (const auto& l : json::parse(r.text(15), nullptr, false))
    if (l.is_object()) i.links.push_back({l.value("text", ""), l.value("href", "")});
  i.description_html = r.opt_text(16);
  return i;
}

void load_links(core::Connection& c, Initiative& i) {
  for (const auto& r : c.query("SELECT organisation_id FROM initiative_partners WHERE initiative_id = ? "
                               "ORDER BY organisation_id",
                               {i.id})
                           .rows)
    i.partner_ids.push_back(r.integer(0));
  for (const auto& r : c.query("SELECT ambition_id, priority_id, basis FROM initiative_alignments "
                               "WHERE initiative_id = ? ORDER BY ambition_id, priority_id",
                               {i.id})
                           .rows)
    i.alignments.push_back({r.integer(0), r.integer(1), r.text(2)});
  for (const auto& r :
       c.query("SELECT area_code FROM initiative_areas WHERE initiative_id = ? ORDER BY area_code", {i.id}).rows)
    i.areas.push_back(r.text(0));
  for (const auto& r :
       c.query("SELECT kind, value FROM initiative_tags WHERE initiative_id = ? ORDER BY kind, value", {i.id}).rows)
    (r.text(0) == "principle" ? i.principles : i.building_blocks).push_back(r.text(1));
}

json links_json(const std::vector<Link>& links) {
  json out = json::array();
  for (const auto& l : links) out.push_back({{"text", l.text}, {"href", l.href}});
  return out;
}

// Sorted, de-duplicated link lists, so that comparing two initiatives is comparing values.
void normalise(Initiative& i) {
  auto uniq = [](auto& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  uniq(i.partner_ids);
  uniq(i.areas);
  uniq(i.principles);
  uniq(i.building_blocks);
  std::sort(i.alignments.begin(), i.alignments.end(), [](const Alignment& a, const Alignment& b) {
    return std::pair(a.ambition_id, a.priority_id) < std::pair(b.ambition_id, b.priority_id);
  });
  i.alignments.erase(std::unique(i.alignments.begin(), i.alignments.end(),
                                 [](const Alignment& a, const Alignment& b) {
                                   return a.ambition_id == b.ambition_id && a.priority_id == b.priority_id;
                                 }),
                     i.alignments.end());
}

json to_json(const Initiative& i) {
  json al = json::array();
  for (const auto& a : i.alignments)
    al.push_back(a.statement.empty() ? json::array({a.ambition_id, a.priority_id})
                                     : json::array({a.ambition_id, a.priority_id, a.statement}));
  return {{"slug", i.slug},
          {"title", i.title},
          {"summary", i.summary},
          {"description", i.description},
          {"owner_organisation_id", i.owner_organisation_id},
          {"status", i.status},
          {"start_date", i.start_date},
          {"end_date", i.end_date},
          {"is_vision_project", i.is_vision_project},
          {"lead_name", i.lead_name},
          {"lead_user_id", i.lead_user_id},
          {"sponsors", i.sponsors},
          {"partner_labels", i.partner_labels},
          {"links", links_json(i.links)},
          {"partner_ids", i.partner_ids},
          {"alignments", al},
          {"areas", i.areas},
          {"principles", i.principles},
          {"building_blocks", i.building_blocks}};
}

std::vector<core::FieldError> check_references(core::Connection& c, const Initiative& in) {
  std::vector<core::FieldError> e;
  if (auto bad = check_alignments(c, in.place_id, in.alignments); !bad.empty()) e.push_back({"alignments", bad});
  std::set<std::string> codes;
  for (const auto& a : places::list_areas(c, in.place_id)) codes.insert(a.code);
  for (const auto& a : in.areas)
    if (!codes.count(a)) {
      e.push_back({"areas", "Select areas of this place (" + a + " is not one)"});
      break;
    }
  std::vector<std::int64_t> ids = in.partner_ids;
  if (in.owner_organisation_id) ids.push_back(in.owner_organisation_id);
  std::set<std::int64_t> found;
  for (const auto& o : partners::organisations_by_id(c, ids)) found.insert(o.id);
  if (in.owner_organisation_id && !found.count(in.owner_organisation_id))
    e.push_back({"owner_organisation_id", "Select the organisation that owns this initiative"});
  for (auto id : in.partner_ids)
    if (!found.count(id)) {
      e.push_back({"partner_ids", "Select partner organisations from the directory"});
      break;
    }
  return e;
}

void write_links(core::Connection& c, const Initiative& i) {
  // Partners keep their claim state: write_partners (claim_store.cpp).
  for (const char* t : {"initiative_alignments", "initiative_areas", "initiative_tags"})
    c.query(std::string("DELETE FROM ") + t + " WHERE initiative_id = ?", {i.id});
  for (const auto& a : i.alignments)
    c.query("INSERT INTO initiative_alignments (initiative_id, ambition_id, priority_id, basis) VALUES (?, ?, ?, ?)",
            {i.id, a.ambition_id, a.priority_id, a.statement});
  for (const auto& a : i.areas)
    c.query("INSERT INTO initiative_areas (initiative_id, area_code) VALUES (?, ?)", {i.id, a});
  for (const auto& p : i.principles)
    c.query("INSERT INTO initiative_tags (initiative_id, kind, value) VALUES (?, 'principle', ?)", {i.id, p});
  for (const auto& b : i.building_blocks)
    c.query("INSERT INTO initiative_tags (initiative_id, kind, value) VALUES (?, 'building-block', ?)", {i.id, b});
}

void index_initiative(core::Connection& c, const Initiative& i) {
  bump_work_version(c);  // every initiative write passes here
  std::string body = i.summary + "\n" + i.description + "\n" + i.lead_name;
  for (const auto& s : i.sponsors) body += "\n" + s;
  for (const auto& s : i.partner_labels) body += "\n" + s;
  core::search::index(c, "initiative", i.id, i.title, body, "/initiatives/" + i.slug);
}

std::vector<core::Value> row_values(const Initiative& i) {
  return {i.title,
          i.summary,
          i.description,
          i.owner_organisation_id ? core::Value(i.owner_organisation_id) : core::Value(nullptr),
          i.status,
          i.start_date,
          i.end_date,
          static_cast<std::int64_t>(i.is_vision_project ? 1 : 0),
          i.lead_name,
          i.lead_user_id ? core::Value(i.lead_user_id) : core::Value(nullptr),
          json(i.sponsors).dump(),
          json(i.partner_labels).dump(),
          links_json(i.links).dump(),
          i.description_html ? core::Value(*i.description_html) : core::Value(nullptr)};
}

core::Result<Initiative> validated(core::Connection& c, Initiative in) {
  if (in.slug.empty()) in.slug = slugify(in.title);
  normalise(in);
  auto errors = validate_initiative(in);
  if (errors.empty()) errors = check_references(c, in);
  if (!errors.empty()) return core::Error::invalid("Check the initiative's details", errors);
  // Rendered once, here; validate_initiative has checked the Markdown bounds.
  in.description_html = markdown_to_html(in.description);
  return in;
}

}  // namespace

std::optional<Initiative> try_find_initiative_by_id(core::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kCols + " FROM initiatives WHERE id = ?", {id});
  if (rs.rows.empty()) return std::nullopt;
  auto i = from_row(rs.rows[0]);
  load_links(c, i);
  return i;
}

std::optional<Initiative> try_find_initiative(core::Connection& c, std::int64_t place_id, const std::string& slug) {
  auto rs =
      c.query(std::string("SELECT ") + kCols + " FROM initiatives WHERE place_id = ? AND slug = ?", {place_id, slug});
  if (rs.rows.empty()) return std::nullopt;
  auto i = from_row(rs.rows[0]);
  load_links(c, i);
  return i;
}

// What's happening (core::notifications): followers of the ambitions it serves hear of it.
static void notify_created(core::Connection& c, const core::audit::Actor& actor, const Initiative& i) {
  core::notifications::Notice n{"initiative", i.id, "initiative-created", "New initiative: " + i.title,
                                "/initiatives/" + i.slug};
  n.summary = i.summary;
  n.actor_user_id = actor.user_id;
  for (const auto& a : i.alignments)
    if (std::find(n.tags.begin(), n.tags.end(), "ambition:" + std::to_string(a.ambition_id)) == n.tags.end()) {
      n.tags.push_back("ambition:" + std::to_string(a.ambition_id));
      n.also.push_back({"ambition", a.ambition_id});
    }
  for (const auto& code : i.areas) n.tags.push_back("area:" + code);
  core::notifications::publish(c, n);
}

// Followers of the initiative itself hear that it changed (not every follower of its
// ambitions: an edit is news to those who chose to follow this one).
static void notify_updated(core::Connection& c, const core::audit::Actor& actor, const Initiative& i) {
  core::notifications::Notice n{"initiative", i.id, "initiative-updated", "Initiative updated: " + i.title,
                                "/initiatives/" + i.slug};
  n.summary = i.summary;
  n.actor_user_id = actor.user_id;
  for (const auto& a : i.alignments)
    if (std::find(n.tags.begin(), n.tags.end(), "ambition:" + std::to_string(a.ambition_id)) == n.tags.end())
      n.tags.push_back("ambition:" + std::to_string(a.ambition_id));
  for (const auto& code : i.areas) n.tags.push_back("area:" + code);
  core::notifications::publish(c, n);
}

core::Result<Initiative> create_initiative(core::Connection& c, const core::audit::Actor& actor, Initiative in,
                                           const std::string& base_url) {
  // A title with no Latin letters or digits ("مرحبا بكم") still gets a page: "initiative-N".
  if (in.slug.empty() && !in.title.empty() && slugify(in.title).empty())
    in.slug = core::unique_slug(in.title, "initiative", [&](const std::string& s) {
      return !c.query("SELECT id FROM initiatives WHERE place_id = ? AND slug = ?", {in.place_id, s}).rows.empty();
    });
  auto v = validated(c, std::move(in));
  if (!v) return v;
  Initiative i = std::move(v.value());
  if (!c.query("SELECT id FROM initiatives WHERE place_id = ? AND slug = ?", {i.place_id, i.slug}).rows.empty())
    return core::Error::invalid("Check the initiative's details",
                                {{"title", "An initiative with this title already exists; choose another title"}});
  auto now = core::now_utc();
  auto values = row_values(i);
  values.insert(values.begin(), {i.place_id, i.slug});
  values.insert(values.end(), {now, now});
  i.id = c.query(
              "INSERT INTO initiatives (place_id, slug, title, summary, description, owner_organisation_id, status, "
              "start_date, end_date, is_vision_project, lead_name, lead_user_id, sponsors_json, partner_labels_json, "
              "links_json, description_html, created_at, updated_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              values)
             .rows.at(0)
             .integer(0);
  write_links(c, i);
  auto claimed = write_partners(c, actor, i);
  index_initiative(c, i);
  core::audit::record(c, actor, {"create", "initiative", std::to_string(i.id), "", core::audit::to_text(to_json(i))});
  notify_created(c, actor, i);
  record_claims(c, actor, i, claimed, base_url);
  return i;
}

core::Result<Initiative> update_initiative(core::Connection& c, const core::audit::Actor& actor, Initiative in,
                                           const std::string& base_url) {
  auto before = try_find_initiative_by_id(c, in.id);
  if (!before) return core::Error::not_found("There is no such initiative.");
  in.place_id = before->place_id;
  in.slug = before->slug;  // addresses stay stable
  // The form never sends a link's basis: a link kept keeps the basis it had (an inferred link
  // stays marked as inferred until someone removes it).
  for (auto& a : in.alignments)
    for (const auto& b : before->alignments)
      if (a.statement.empty() && a.ambition_id == b.ambition_id && a.priority_id == b.priority_id)
        a.statement = b.statement;
  auto v = validated(c, std::move(in));
  if (!v) return v;
  Initiative i = std::move(v.value());
  auto values = row_values(i);
  values.insert(values.end(), {core::now_utc(), i.id});
  c.query(
      "UPDATE initiatives SET title = ?, summary = ?, description = ?, owner_organisation_id = ?, status = ?, "
      "start_date = ?, end_date = ?, is_vision_project = ?, lead_name = ?, lead_user_id = ?, sponsors_json = ?, "
      "partner_labels_json = ?, links_json = ?, description_html = ?, updated_at = ? WHERE id = ?",
      values);
  write_links(c, i);
  auto claimed = write_partners(c, actor, i);
  index_initiative(c, i);
  const bool changed = core::audit::to_text(to_json(*before)) != core::audit::to_text(to_json(i));
  core::audit::record(c, actor,
                      {"update", "initiative", std::to_string(i.id), core::audit::to_text(to_json(*before)),
                       core::audit::to_text(to_json(i))});
  record_claims(c, actor, i, claimed, base_url);
  if (changed) notify_updated(c, actor, i);  // a save that changes nothing tells nobody
  return i;
}

std::string initiative_description_html(core::Connection& c, const Initiative& i) {
  if (i.description_html) return *i.description_html;
  auto html = markdown_to_html(i.description);
  // Only if the description is still the one rendered (a concurrent edit stores its own).
  c.query("UPDATE initiatives SET description_html = ? WHERE id = ? AND description = ?", {html, i.id, i.description});
  return html;
}

core::Result<Initiative> upsert_initiative(core::Connection& c, const core::audit::Actor& actor, Initiative in,
                                           bool* changed) {
  if (in.slug.empty()) in.slug = slugify(in.title);
  auto existing = try_find_initiative(c, in.place_id, in.slug);
  if (changed) *changed = true;
  if (!existing) return create_initiative(c, actor, std::move(in));
  in.id = existing->id;
  auto v = validated(c, in);
  if (!v) return v;
  if (to_json(*v) == to_json(*existing)) {
    if (changed) *changed = false;
    return *existing;
  }
  return update_initiative(c, actor, std::move(v.value()));
}

}  // namespace goldthread::work
