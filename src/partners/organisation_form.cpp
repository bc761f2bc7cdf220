// The forms that change the directory: add an organisation (place admins), edit its details
// (place admins and the organisation's own admins), and record its endorsement of the vision.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <variant>

#include "core/page.hpp"
#include "partners/partner_handlers.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::partners {
using core::Response;
using nlohmann::json;

namespace {

constexpr const char* kForbidden = "Only the organisation's administrators and place administrators can change it.";

bool is_place_admin(const core::Principal& p) {
  return p.has(core::Role::place_admin) || p.has(core::Role::site_admin);
}

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  auto start = s.find_first_not_of(" \t\r\n");
  return start == std::string::npos ? "" : s.substr(start);
}

std::vector<places::Area> place_areas(core::Connection& c) {
  auto place = places::try_current_place(c);
  return place ? places::list_areas(c, place->id) : std::vector<places::Area>{};
}

OrganisationInput from_form(core::Context& ctx) {
  OrganisationInput in{trimmed(ctx.form_value("name")), ctx.form_value("sector"), trimmed(ctx.form_value("org_id")),
                       trimmed(ctx.form_value("website")), trimmed(ctx.form_value("description")), {}};
  auto [b, e] = ctx.form().equal_range("areas");
  for (auto it = b; it != e; ++it) in.areas.push_back(it->second);
  return in;
}

json organisation_form_model(core::Connection& c, const OrganisationInput& in, const std::string& slug) {
  json sectors_j = json::array(), areas = json::array();
  for (const auto& [code, label] : sectors())
    sectors_j.push_back({{"value", code}, {"text", label}, {"selected", code == in.sector}});
  for (const auto& a : place_areas(c))
    areas.push_back({{"value", a.code}, {"text", a.name}, {"id", "area-" + a.code},
                     {"checked", std::find(in.areas.begin(), in.areas.end(), a.code) != in.areas.end()}});
  return {{"values",
           {{"name", in.name}, {"org_id", in.org_id}, {"website", in.website}, {"description", in.description}}},
          {"sector_options", sectors_j},
          {"area_options", areas},
          {"is_edit", !slug.empty()},
          {"action", slug.empty() ? "/organisations" : "/organisations/" + slug},
          {"error_for", json::object()}};
}

Response show_organisation_form(core::Context& ctx, core::Connection& c, const OrganisationInput& in,
                                const std::string& slug, const core::Error* err) {
  auto model = organisation_form_model(c, in, slug);
  if (err) core::attach_errors(model, *err);
  std::vector<core::Crumb> crumbs = {{"Home", "/"}, {"Organisations", "/organisations"}};
  if (!slug.empty()) crumbs.push_back({in.name, "/organisations/" + slug});
  return core::render_page(ctx, "partners/organisation_form", slug.empty() ? "Add an organisation" : "Edit details",
                           model, err ? 400 : 200, crumbs);
}

// Every field's problem at once; areas must also be the place's own, whatever the form sent.
std::vector<core::FieldError> form_errors(core::Connection& c, const OrganisationInput& in) {
  auto errors = validate_organisation(in);
  if (std::any_of(errors.begin(), errors.end(), [](const auto& e) { return e.field == "areas"; })) return errors;
  auto known = place_areas(c);
  for (const auto& a : in.areas)
    if (std::none_of(known.begin(), known.end(), [&](const places::Area& k) { return k.code == a; })) {
      errors.push_back({"areas", "Select areas from the list"});
      break;
    }
  return errors;
}

Response saved(core::Context& ctx, const Organisation& o, int status, const std::string& what) {
  if (ctx.wants_json()) return Response::json(json{{"slug", o.slug}, {"href", "/organisations/" + o.slug}}.dump(), status);
  return Response::redirect("/organisations/" + o.slug + "?saved=" + what);
}

// The organisation at {slug} if this person may manage it; else the 404 or 403 to send.
std::variant<Organisation, Response> managed(core::Context& ctx, core::Connection& c) {
  auto o = try_find_organisation_by_slug(c, ctx.param("slug"));
  if (!o) return core::error_page(ctx, 404, "Page not found", "There is no organisation at this address.");
  if (!can_manage_organisation(ctx.principal, o->id))
    return core::error_page(ctx, 403, "You do not have permission", kForbidden);
  return *o;
}

}  // namespace

bool can_manage_organisation(const core::Principal& p, std::int64_t organisation_id) {
  if (is_place_admin(p)) return true;
  return std::any_of(p.memberships.begin(), p.memberships.end(), [&](const core::Membership& m) {
    return m.organisation_id == organisation_id && m.admin;
  });
}

Response new_organisation_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  return show_organisation_form(ctx, *conn, {}, "", nullptr);
}

Response create_organisation_handler(core::Context& ctx) {
  auto in = from_form(ctx);
  auto conn = ctx.db().acquire();
  auto errors = form_errors(*conn, in);
  if (errors.empty()) {
    core::Transaction tx(*conn);
    auto r = create_organisation_in(*conn, core::audit::Actor::from(ctx.principal, 0, ctx.request().request_id), in);
    if (r) {
      tx.commit();
      return saved(ctx, *r, 201, "created");
    }
    errors = r.error().fields;
  }
  auto e = core::Error::invalid("Check the organisation's details", errors);
  return ctx.wants_json() ? core::error_response(ctx, e) : show_organisation_form(ctx, *conn, in, "", &e);
}

Response edit_organisation_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto o = managed(ctx, *conn);
  if (auto* res = std::get_if<Response>(&o)) return std::move(*res);
  const auto& org = std::get<Organisation>(o);
  return show_organisation_form(ctx, *conn, {org.name, org.sector, org.org_id, org.website, org.description, org.areas},
                                org.slug, nullptr);
}

Response update_organisation_handler(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto o = managed(ctx, *conn);
  if (auto* res = std::get_if<Response>(&o)) return std::move(*res);
  const auto& org = std::get<Organisation>(o);
  auto in = from_form(ctx);
  auto errors = form_errors(*conn, in);
  if (errors.empty()) {
    core::Transaction tx(*conn);
    auto r = update_organisation_in(*conn, core::audit::Actor::from(ctx.principal, org.id, ctx.request().request_id),
                                    org.id, in);
    if (r) {
      tx.commit();
      return saved(ctx, *r, 200, "updated");
    }
    errors = r.error().fields;
  }
  auto e = core::Error::invalid("Check the organisation's details", errors);
  return ctx.wants_json() ? core::error_response(ctx, e) : show_organisation_form(ctx, *conn, in, org.slug, &e);
}

// --- Endorsement of the vision ------------------------------------------------------------

namespace {

Response show_endorsement_form(core::Context& ctx, const Organisation& o, const EndorsementInput& in,
                               const core::Error* err) {
  json model = {{"organisation", {{"name", o.name}, {"slug", o.slug}}},
                {"values",
                 {{"endorsed_on", in.endorsed_on}, {"body", in.body}, {"decision_reference", in.decision_reference},
                  {"note", in.note}}},
                {"action", "/organisations/" + o.slug + "/endorsement"},
                {"error_for", json::object()}};
  if (err) core::attach_errors(model, *err);
  return core::render_page(ctx, "partners/endorsement_form", "Record an endorsement of the vision", model,
                           err ? 400 : 200,
                           {{"Home", "/"}, {"Organisations", "/organisations"}, {o.name, "/organisations/" + o.slug}});
}

}  // namespace

Response endorsement_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto o = managed(ctx, *conn);
  if (auto* res = std::get_if<Response>(&o)) return std::move(*res);
  const auto& org = std::get<Organisation>(o);
  EndorsementInput in{org.id, "", "", "", ""};
  if (auto current = endorsements_of(*conn, org.id); !current.empty())
    in = {org.id, current[0].endorsed_on, current[0].body, current[0].decision_reference, current[0].note};
  return show_endorsement_form(ctx, org, in, nullptr);
}

Response record_endorsement_handler(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto o = managed(ctx, *conn);
  if (auto* res = std::get_if<Response>(&o)) return std::move(*res);
  const auto& org = std::get<Organisation>(o);
  auto place = places::try_current_place(*conn);
  if (!place) return core::error_page(ctx, 404, "No place has been set up yet", "An administrator needs to import a place file.");
  EndorsementInput in{org.id, trimmed(ctx.form_value("endorsed_on")), trimmed(ctx.form_value("body")),
                      trimmed(ctx.form_value("decision_reference")), trimmed(ctx.form_value("note"))};
  std::vector<core::FieldError> errors;
  if (in.body.empty()) errors.push_back({"body", "Enter who made the decision, for example Full Council"});
  if (in.decision_reference.size() > 200)
    errors.push_back({"decision_reference", "The decision reference must be 200 characters or fewer"});
  if (in.note.size() > 2000) errors.push_back({"note", "The note must be 2,000 characters or fewer"});
  core::Transaction tx(*conn);
  auto r = record_endorsement(*conn, core::audit::Actor::from(ctx.principal, org.id, ctx.request().request_id),
                              place->id, in);
  if (!r) errors.insert(errors.end(), r.error().fields.begin(), r.error().fields.end());
  if (!errors.empty()) {
    static const std::vector<std::string> kOrder = {"endorsed_on", "body", "decision_reference", "note"};
    auto rank = [](const std::string& f) { return std::find(kOrder.begin(), kOrder.end(), f) - kOrder.begin(); };
    std::stable_sort(errors.begin(), errors.end(), [&](const auto& a, const auto& b) { return rank(a.field) < rank(b.field); });
    auto e = core::Error::invalid("Check the endorsement", errors);
    return ctx.wants_json() ? core::error_response(ctx, e) : show_endorsement_form(ctx, org, in, &e);
  }
  tx.commit();
  if (ctx.wants_json()) return Response::json(json{{"id", r->id}, {"href", "/organisations/" + org.slug}}.dump());
  return Response::redirect("/organisations/" + org.slug + "?saved=endorsement");
}

}  // namespace goldthread::partners
