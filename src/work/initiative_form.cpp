// The create and edit forms for initiatives: per-field validation with the GOV.UK error summary.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/app.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "work/work_handlers.hpp"
#include "work/work_rules.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using core::Response;
using nlohmann::json;

namespace {

// Form fields → an Initiative, read through the binder in the form's order (limits: work.hpp,
// docs/LIMITS.md); org-ids that match no organisation become a field error.
Initiative from_form(core::Form& f, core::Connection& c) {
  Initiative i;
  i.title = f.text("title", "Title", kMaxTitle);
  i.summary = f.paragraph("summary", "Summary", kMaxSummary);
  i.description = f.paragraph("description", "Description", kMaxDescription);
  i.owner_organisation_id = f.id("owner_organisation_id", "Select the organisation that owns this initiative");
  i.status = f.text("status", "Status", 20);
  i.start_date = f.date("start_date", "Start date");
  i.end_date = f.date("end_date", "End date");
  i.lead_name = f.text("lead_name", "Project lead", kMaxLeadName);
  i.sponsors = f.lines("sponsors", "Sponsors", kMaxSponsors, kMaxSponsor);
  // The form offers organisations by name (checkboxes of ids); org-id codes, one a line, are
  // still read for JSON clients and scripts.
  for (const auto& v : f.values("partner_ids", "Partner organisations", kMaxPartnerOrgIds, 20)) {
    auto id = core::parse_id(v);
    if (!id) {
      f.error("partner_ids", "Select partner organisations from the list");
      break;
    }
    i.partner_ids.push_back(*id);
  }
  auto codes = f.lines("partner_org_ids", "Partner organisations", kMaxPartnerOrgIds, kMaxOrgIdLength);
  auto known = partners::organisation_ids_by_org_id(c, codes);
  for (const auto& code : codes) {
    auto it = known.find(code);
    if (it == known.end()) {
      f.error("partner_org_ids", "No organisation in the directory has the org-id " + code);
      break;
    }
    i.partner_ids.push_back(it->second);
  }
  i.partner_labels = f.lines("partner_labels", "Other partners", kMaxPartnerLabels, kMaxPartnerLabel);
  for (const auto& v : f.values("priorities", "Ambitions and priorities", 500, 41)) {
    auto dash = v.find('-');
    if (dash == std::string::npos) continue;
    i.alignments.push_back(
        {core::parse_id(v.substr(0, dash)).value_or(0), core::parse_id(v.substr(dash + 1)).value_or(0), ""});
  }
  f.field("alignments");
  i.areas = f.values("areas", "Areas", 200, 9);
  i.principles = f.values("principles", "Guiding principles", 20, 40);
  for (const auto& l : f.lines("links", "Links", kMaxLinks, kMaxLinkLine)) {
    auto bar = l.find(" | ");
    if (bar == std::string::npos)
      i.links.push_back({"", l});
    else
      i.links.push_back({l.substr(0, bar), l.substr(bar + 3)});
  }
  return i;
}

json form_model(core::Context& ctx, core::Connection& c, std::int64_t place_id, const Initiative& i) {
  auto v = vision_index(c, place_id);
  std::set<std::pair<std::int64_t, std::int64_t>> chosen;
  for (const auto& a : i.alignments) chosen.insert({a.ambition_id, a.priority_id});
  json ambitions = json::array();
  for (const auto& a : v.ambitions) {
    json ps = json::array();
    for (const auto& p : a.priorities)
      ps.push_back({{"value", std::to_string(a.id) + "-" + std::to_string(p.id)},
                    {"text", p.title},
                    {"id", "priority-" + std::to_string(p.id)},
                    {"checked", chosen.count({a.id, p.id}) > 0}});
    ambitions.push_back({{"title", a.title},
                         {"whole_value", std::to_string(a.id) + "-0"},
                         {"whole_id", "ambition-" + std::to_string(a.id)},
                         {"whole_checked", chosen.count({a.id, 0}) > 0},
                         {"priorities", ps}});
  }
  json areas = json::array();
  for (const auto& a : places::list_areas(c, place_id))
    areas.push_back({{"value", a.code},
                     {"text", a.name},
                     {"id", "area-" + a.code},
                     {"checked", std::find(i.areas.begin(), i.areas.end(), a.code) != i.areas.end()}});
  json principles_j = json::array();
  for (const auto& [code, label] : principles())
    principles_j.push_back(
        {{"value", code},
         {"text", label},
         {"id", "principle-" + code},
         {"checked", std::find(i.principles.begin(), i.principles.end(), code) != i.principles.end()}});
  // Every organisation in the directory by name (up to kMaxPartnerOptions), and those already
  // chosen even beyond that, as checkboxes; app.js adds a filter box when JavaScript runs.
  std::set<std::int64_t> chosen_partners(i.partner_ids.begin(), i.partner_ids.end());
  auto listed = partners::list_organisations(c, "", static_cast<int>(kMaxPartnerOptions));
  for (const auto& o : partners::organisations_by_id(c, i.partner_ids))
    if (std::none_of(listed.begin(), listed.end(), [&](const auto& l) { return l.id == o.id; })) listed.push_back(o);
  std::sort(listed.begin(), listed.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  json partner_options = json::array();
  for (const auto& o : listed)
    partner_options.push_back({{"value", std::to_string(o.id)},
                               {"text", o.name},
                               {"id", "partner-" + std::to_string(o.id)},
                               {"checked", chosen_partners.count(o.id) > 0}});
  std::vector<std::string> link_lines;
  for (const auto& l : i.links) link_lines.push_back(l.text.empty() ? l.href : l.text + " | " + l.href);
  return {{"values",
           {{"title", i.title},
            {"summary", i.summary},
            {"description", i.description},
            {"start_date", i.start_date},
            {"end_date", i.end_date},
            {"lead_name", i.lead_name},
            {"sponsors", core::join(i.sponsors, "\n")},
            {"partner_labels", core::join(i.partner_labels, "\n")},
            {"links", core::join(link_lines, "\n")}}},
          {"partner_options", partner_options},
          {"status_options", options_json(statuses(), i.status)},
          {"owner_options", owner_options(ctx, c, i.owner_organisation_id)},
          {"ambitions", ambitions},
          {"area_options", areas},
          {"principle_options", principles_j},
          {"is_edit", i.id != 0},
          {"action", i.id ? "/initiatives/" + i.slug : "/initiatives"},
          {"error_for", json::object()}};
}

Response show_form(core::Context& ctx, core::Connection& c, std::int64_t place_id, const Initiative& i,
                   const core::Error* err) {
  auto model = form_model(ctx, c, place_id, i);
  int status = 200;
  if (err) {
    core::attach_errors(model, *err);
    status = 400;
  }
  std::string title = i.id ? "Edit " + i.title : "Add an initiative";
  return core::render_page(ctx, "work/initiative_form", title, model, status,
                           {{"Home", "/"}, {"All projects", "/initiatives"}});
}

core::audit::Actor actor_for(core::Context& ctx, std::int64_t org) {
  return core::audit::Actor::from(ctx.principal, org, ctx.request().request_id);
}

// The shared tail of create and update: the service validates and saves in its own
// transaction; the form is shown again (errors in the form's order, what was typed kept)
// after that transaction has ended, or the initiative's page follows.
template <typename Save>
Response save_initiative(core::Context& ctx, core::Connection& conn, Initiative& in, core::Form& f, Save save,
                         bool created) {
  if (f.ok()) {
    auto r = save(ctx.db(), actor_for(ctx, in.owner_organisation_id), in, ctx.app().config().base_url);
    if (r) {
      if (ctx.wants_json())
        return created ? Response::json(json{{"slug", r->slug}, {"href", "/initiatives/" + r->slug}}.dump(), 201)
                       : Response::json(json{{"slug", r->slug}}.dump());
      return Response::redirect("/initiatives/" + r->slug + (created ? "?saved=created" : "?saved=updated"));
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  } else if (!f.rejected()) {
    f.add(validate_initiative(in));  // every problem at once; nothing is written
  }
  auto e = f.invalid("Check the initiative's details");
  return ctx.wants_json() ? core::error_response(ctx, e) : show_form(ctx, conn, in.place_id, in, &e);
}

}  // namespace

Response new_initiative_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  Initiative blank;
  blank.status = "planned";
  return show_form(ctx, *conn, place->id, blank, nullptr);
}

Response edit_initiative_page(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  auto i = try_find_initiative(*conn, place->id, ctx.param("slug"));
  if (!i) return not_found(ctx, "initiative");
  if (!can_edit(ctx.principal, i->owner_organisation_id))
    return core::error_page(
        ctx, 403, "You do not have permission",
        "Only the owning organisation's members and place administrators can edit this initiative.");
  return show_form(ctx, *conn, place->id, *i, nullptr);
}

Response create_initiative_handler(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  core::Form f(ctx);
  auto in = from_form(f, *conn);
  in.place_id = place->id;
  if (!can_own(ctx.principal, in.owner_organisation_id))
    f.error("owner_organisation_id", "Select an organisation you are a member of");
  return save_initiative(ctx, *conn, in, f, save_new_initiative, true);
}

Response update_initiative_handler(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  auto existing = try_find_initiative(*conn, place->id, ctx.param("slug"));
  if (!existing) return not_found(ctx, "initiative");
  if (!can_edit(ctx.principal, existing->owner_organisation_id))
    return core::error_page(
        ctx, 403, "You do not have permission",
        "Only the owning organisation's members and place administrators can edit this initiative.");
  core::Form f(ctx);
  auto in = from_form(f, *conn);
  in.id = existing->id;
  in.slug = existing->slug;
  in.place_id = place->id;
  in.is_vision_project = existing->is_vision_project;
  in.lead_user_id = existing->lead_user_id;
  in.building_blocks = existing->building_blocks;
  if (in.owner_organisation_id != existing->owner_organisation_id && !can_own(ctx.principal, in.owner_organisation_id))
    f.error("owner_organisation_id", "Select an organisation you are a member of");
  return save_initiative(ctx, *conn, in, f, save_initiative_changes, false);
}

}  // namespace goldthread::work
