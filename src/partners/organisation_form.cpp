// The forms that change the directory: add an organisation (place admins), edit its details
// (place admins and the organisation's own admins), and record its endorsement of the vision.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <variant>

#include "core/form.hpp"
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

std::vector<places::Area> place_areas(core::Connection& c) {
  auto place = places::try_current_place(c);
  return place ? places::list_areas(c, place->id) : std::vector<places::Area>{};
}

// The form's fields, in its order, through the binder (limits: partners.hpp, docs/LIMITS.md).
OrganisationInput from_form(core::Form& f) {
  OrganisationInput in;
  in.name = f.text("name", "Name", kMaxOrganisationName);
  in.sector = f.text("sector", "Sector", 40);
  in.org_id = f.text("org_id", "Org-id", kMaxOrgId);
  in.website = f.text("website", "Website", kMaxWebsite);
  in.description = f.paragraph("description", "Description", kMaxOrganisationDescription);
  in.areas = f.values("areas", "Areas", kMaxOrganisationAreas, 9);
  return in;
}

// A service's answer to a form: field errors join the binder's (in the form's order); any
// other error is its own page.
std::optional<core::Error> form_error(core::Form& f, const core::Error& e) {
  if (e.kind != core::ErrorKind::invalid) return e;
  f.add(e);
  return std::nullopt;
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
  core::Form f(ctx);
  auto in = from_form(f);
  if (f.ok()) {
    // The service owns the transaction; whatever it answers is rendered after it has ended.
    auto r = create_organisation(ctx.db(), core::audit::Actor::from(ctx.principal, 0, ctx.request().request_id), in);
    if (r) return saved(ctx, *r, 201, "created");
    if (auto other = form_error(f, r.error())) return core::error_response(ctx, *other);
  } else if (!f.rejected()) {
    f.add(validate_organisation(in));  // every problem at once; nothing is written
  }
  auto e = f.invalid("Check the organisation's details");
  if (ctx.wants_json()) return core::error_response(ctx, e);
  auto conn = ctx.db().acquire();
  return show_organisation_form(ctx, *conn, in, "", &e);
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
  core::Form f(ctx);
  auto in = from_form(f);
  if (f.ok()) {
    auto r = update_organisation(ctx.db(), core::audit::Actor::from(ctx.principal, org.id, ctx.request().request_id),
                                 org.id, in);
    if (r) return saved(ctx, *r, 200, "updated");
    if (auto other = form_error(f, r.error())) return core::error_response(ctx, *other);
  } else if (!f.rejected()) {
    f.add(validate_organisation(in));
  }
  auto e = f.invalid("Check the organisation's details");
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
  core::Form f(ctx);
  EndorsementInput in{org.id, f.date("endorsed_on", "Date of the decision"),
                      f.text("body", "Who made the decision", kMaxEndorsementBody),
                      f.text("decision_reference", "Decision reference", kMaxDecisionReference),
                      f.paragraph("note", "Note", kMaxEndorsementNote)};
  if (in.body.empty() && !f.rejected()) f.error("body", "Enter who made the decision, for example Full Council");
  core::Result<Endorsement> r = f.invalid("Check the endorsement");
  if (f.ok())
    r = record_endorsement(ctx.db(), core::audit::Actor::from(ctx.principal, org.id, ctx.request().request_id),
                           place->id, in);
  if (!r) {
    if (auto other = form_error(f, r.error())) return core::error_response(ctx, *other);
    auto e = f.invalid("Check the endorsement");
    return ctx.wants_json() ? core::error_response(ctx, e) : show_endorsement_form(ctx, org, in, &e);
  }
  if (ctx.wants_json()) return Response::json(json{{"id", r->id}, {"href", "/organisations/" + org.slug}}.dump());
  return Response::redirect("/organisations/" + org.slug + "?saved=endorsement");
}

}  // namespace goldthread::partners
