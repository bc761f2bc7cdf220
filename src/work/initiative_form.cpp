// The create and edit forms for initiatives: per-field validation with the GOV.UK error summary.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/page.hpp"
#include "partners/partners.hpp"
#include "work/work_handlers.hpp"
#include "work/work_rules.hpp"
#include "work/work_views.hpp"

namespace goldthread::work {
using core::Response;
using nlohmann::json;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    auto start = line.find_first_not_of(' ');
    if (start != std::string::npos) out.push_back(line.substr(start));
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "\n") + s;
  return out;
}

std::vector<std::string> all_values(core::Context& ctx, const std::string& name) {
  std::vector<std::string> out;
  auto [b, e] = ctx.form().equal_range(name);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

// Form fields → an Initiative; org-ids that match no organisation become a field error.
Initiative from_form(core::Context& ctx, core::Connection& c, std::vector<core::FieldError>& errors) {
  Initiative i;
  i.title = ctx.form_value("title");
  i.summary = ctx.form_value("summary");
  i.description = ctx.form_value("description");
  i.owner_organisation_id = to_id(ctx.form_value("owner_organisation_id"));
  i.status = ctx.form_value("status");
  i.start_date = ctx.form_value("start_date");
  i.end_date = ctx.form_value("end_date");
  i.lead_name = ctx.form_value("lead_name");
  i.sponsors = lines_of(ctx.form_value("sponsors"));
  i.partner_labels = lines_of(ctx.form_value("partner_labels"));
  for (const auto& l : lines_of(ctx.form_value("links"))) {
    auto bar = l.find(" | ");
    if (bar == std::string::npos) i.links.push_back({"", l});
    else i.links.push_back({l.substr(0, bar), l.substr(bar + 3)});
  }
  auto codes = lines_of(ctx.form_value("partner_org_ids"));
  auto known = partners::organisation_ids_by_org_id(c, codes);
  for (const auto& code : codes) {
    auto it = known.find(code);
    if (it == known.end()) {
      errors.push_back({"partner_org_ids", "No organisation in the directory has the org-id " + code});
      break;
    }
    i.partner_ids.push_back(it->second);
  }
  for (const auto& v : all_values(ctx, "priorities")) {
    auto dash = v.find('-');
    if (dash == std::string::npos) continue;
    i.alignments.push_back({to_id(v.substr(0, dash)), to_id(v.substr(dash + 1)), ""});
  }
  i.areas = all_values(ctx, "areas");
  i.principles = all_values(ctx, "principles");
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
      ps.push_back({{"value", std::to_string(a.id) + "-" + std::to_string(p.id)}, {"text", p.title},
                    {"id", "priority-" + std::to_string(p.id)}, {"checked", chosen.count({a.id, p.id}) > 0}});
    ambitions.push_back({{"title", a.title}, {"whole_value", std::to_string(a.id) + "-0"},
                         {"whole_id", "ambition-" + std::to_string(a.id)}, {"whole_checked", chosen.count({a.id, 0}) > 0},
                         {"priorities", ps}});
  }
  json areas = json::array();
  for (const auto& a : places::list_areas(c, place_id))
    areas.push_back({{"value", a.code}, {"text", a.name}, {"id", "area-" + a.code},
                     {"checked", std::find(i.areas.begin(), i.areas.end(), a.code) != i.areas.end()}});
  json principles_j = json::array();
  for (const auto& [code, label] : principles())
    principles_j.push_back({{"value", code}, {"text", label}, {"id", "principle-" + code},
                            {"checked", std::find(i.principles.begin(), i.principles.end(), code) != i.principles.end()}});
  std::vector<std::string> partner_codes;
  for (const auto& o : partners::organisations_by_id(c, i.partner_ids))
    if (!o.org_id.empty()) partner_codes.push_back(o.org_id);
  std::vector<std::string> link_lines;
  for (const auto& l : i.links) link_lines.push_back(l.text.empty() ? l.href : l.text + " | " + l.href);
  return {{"values",
           {{"title", i.title}, {"summary", i.summary}, {"description", i.description}, {"start_date", i.start_date},
            {"end_date", i.end_date}, {"lead_name", i.lead_name}, {"sponsors", join_lines(i.sponsors)},
            {"partner_labels", join_lines(i.partner_labels)}, {"links", join_lines(link_lines)},
            {"partner_org_ids", join_lines(partner_codes)}}},
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
                           {{"Home", "/"}, {"Initiatives", "/initiatives"}});
}

// Every problem at once, in the order the fields appear on the form, one message per field.
std::vector<core::FieldError> in_form_order(std::vector<core::FieldError> a, const std::vector<core::FieldError>& b) {
  static const std::vector<std::string> kOrder = {"title", "summary", "description", "owner_organisation_id", "status",
                                                  "start_date", "end_date", "lead_name", "partner_org_ids",
                                                  "alignments", "areas", "principles", "links"};
  a.insert(a.end(), b.begin(), b.end());
  auto rank = [](const std::string& f) { return std::find(kOrder.begin(), kOrder.end(), f) - kOrder.begin(); };
  std::stable_sort(a.begin(), a.end(), [&](const auto& x, const auto& y) { return rank(x.field) < rank(y.field); });
  std::vector<core::FieldError> out;
  for (auto& e : a)
    if (std::none_of(out.begin(), out.end(), [&](const auto& o) { return o.field == e.field; })) out.push_back(e);
  return out;
}

core::audit::Actor actor_for(core::Context& ctx, std::int64_t org) {
  return core::audit::Actor::from(ctx.principal, org, ctx.request().request_id);
}

// The shared tail of create and update: validate, then save in one transaction, and answer
// with the form again (errors kept) or the initiative's page.
template <typename Save>
Response save_initiative(core::Context& ctx, core::Connection& conn, Initiative& in, std::vector<core::FieldError> errors,
                         Save save, bool created) {
  errors = in_form_order(errors, validate_initiative(in));
  if (!errors.empty()) {
    auto e = core::Error::invalid("Check the initiative's details", errors);
    return ctx.wants_json() ? core::error_response(ctx, e) : show_form(ctx, conn, in.place_id, in, &e);
  }
  core::Transaction tx(conn);
  auto r = save(conn, actor_for(ctx, in.owner_organisation_id), in);
  if (!r) return ctx.wants_json() ? core::error_response(ctx, r.error()) : show_form(ctx, conn, in.place_id, in, &r.error());
  tx.commit();
  if (ctx.wants_json())
    return created ? Response::json(json{{"slug", r->slug}, {"href", "/initiatives/" + r->slug}}.dump(), 201)
                   : Response::json(json{{"slug", r->slug}}.dump());
  return Response::redirect("/initiatives/" + r->slug + (created ? "?saved=created" : "?saved=updated"));
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
    return core::error_page(ctx, 403, "You do not have permission", "Only the owning organisation's members and place administrators can edit this initiative.");
  return show_form(ctx, *conn, place->id, *i, nullptr);
}

Response create_initiative_handler(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  std::vector<core::FieldError> errors;
  auto in = from_form(ctx, *conn, errors);
  in.place_id = place->id;
  if (!can_own(ctx.principal, in.owner_organisation_id))
    errors.push_back({"owner_organisation_id", "Select an organisation you are a member of"});
  return save_initiative(ctx, *conn, in, std::move(errors), create_initiative, true);
}

Response update_initiative_handler(core::Context& ctx) {
  auto conn = ctx.db().acquire();
  auto place = current_place(*conn);
  if (!place) return no_place(ctx);
  auto existing = try_find_initiative(*conn, place->id, ctx.param("slug"));
  if (!existing) return not_found(ctx, "initiative");
  if (!can_edit(ctx.principal, existing->owner_organisation_id))
    return core::error_page(ctx, 403, "You do not have permission", "Only the owning organisation's members and place administrators can edit this initiative.");
  std::vector<core::FieldError> errors;
  auto in = from_form(ctx, *conn, errors);
  in.id = existing->id;
  in.slug = existing->slug;
  in.place_id = place->id;
  in.is_vision_project = existing->is_vision_project;
  in.lead_user_id = existing->lead_user_id;
  in.building_blocks = existing->building_blocks;
  if (in.owner_organisation_id != existing->owner_organisation_id && !can_own(ctx.principal, in.owner_organisation_id))
    errors.push_back({"owner_organisation_id", "Select an organisation you are a member of"});
  return save_initiative(ctx, *conn, in, std::move(errors), update_initiative, false);
}

}  // namespace goldthread::work
