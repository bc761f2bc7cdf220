// The forms: make a pledge (for yourself, as a resident, or for your organisation) and add a
// progress update on the completion scale ("complete" with its evidence).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "assemblies/assemblies.hpp"
#include "core/events_hub.hpp"
#include "core/form.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "pledges/pledge_handlers.hpp"
#include "pledges/pledge_page_views.hpp"
#include "pledges/pledge_rules.hpp"
#include "work/work.hpp"

namespace goldthread::pledges {
using core::Response;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxInitiativeChoices = 500;

// The live board (issue 11.8): an open page of the event a pledge was made at hears that its
// pledges changed, after the commit (core/events_hub.hpp; the page's data-live-topic region).
void announce_event_pledges(core::Context& ctx, std::int64_t event_id) {
  std::string slug;
  {
    auto conn = ctx.db().acquire();
    if (auto e = assemblies::try_find_event(*conn, event_id)) slug = e->slug;
  }
  if (!slug.empty()) core::events::publish(ctx.app(), "/events/" + slug, "pledges");
}

// ... and an open page of the solution room it was made in (issue 11.5).
void announce_room_pledges(core::Context& ctx, std::int64_t room_id) {
  std::vector<assemblies::RoomRef> refs;
  {
    auto conn = ctx.db().acquire();
    refs = assemblies::room_refs(*conn, {room_id});
  }
  for (const auto& r : refs) core::events::publish(ctx.app(), r.href, "pledges");
}

struct PledgeForm {
  PledgeInput in;
  std::string due_day, due_month, due_year;
  std::int64_t offered_event_id = 0;  // the event page the form was opened from (issue 11.7)
};

PledgeForm read_pledge_form(core::Form& f, core::Context& ctx) {
  PledgeForm out;
  auto& in = out.in;
  in.pledged_as = f.text("pledged_as", "Who the pledge is for", 20);
  in.organisation_id = f.id("organisation_id", "Select an organisation you are a member of");
  in.text = f.paragraph("text", "Pledge", kMaxCommitmentText);
  in.owner_role = f.text("owner_role", "Role", kMaxOwnerRole);
  for (const auto& v : f.values("ambitions", "Ambitions", kMaxPledgeAmbitions, 18)) {
    auto id = core::parse_id(v);
    if (!id) {
      f.error("ambitions", "Select ambitions from the list");
      break;
    }
    in.ambition_ids.push_back(*id);
  }
  in.initiative_id = f.id("initiative_id", "Select an initiative from the list");
  out.offered_event_id = f.id("offered_event", "Select the event from the list, or leave it unticked");
  in.event_id = f.id("event_id", "Select the event from the list, or leave it unticked");
  in.room_id = f.id("room_id", "Select a solution room from the list, or none");
  if (in.event_id) out.offered_event_id = in.event_id;
  in.due_on = f.date("due_on", "Due date");
  const auto& fields = ctx.body().fields;
  auto raw = [&](const std::string& k) {
    auto it = fields.find(k);
    return it == fields.end() ? std::string() : core::valid_utf8(core::trim(it->second)).substr(0, 20);
  };
  out.due_day = raw("due_on-day");
  out.due_month = raw("due_on-month");
  out.due_year = raw("due_on-year");
  if (out.due_day.empty() && out.due_month.empty() && out.due_year.empty()) {
    if (auto d = parse_date(in.due_on)) {
      out.due_day = std::to_string(d->day);
      out.due_month = std::to_string(d->month);
      out.due_year = std::to_string(d->year);
    }
  }
  return out;
}

Response show_pledge_form(core::Context& ctx, const PledgeForm& form, const core::Error* err) {
  const auto& in = form.in;
  auto conn = ctx.db().acquire();
  PledgeFormView v{.values = in, .due_day = form.due_day, .due_month = form.due_month, .due_year = form.due_year};
  v.error = err;
  for (const auto& m : ctx.principal.memberships) v.organisations.emplace_back(m.organisation_id, m.organisation_name);
  for (const auto& [id, a] : ambition_index(ctx, *conn)) v.ambitions.emplace_back(id, a.title);
  if (const auto& place = places::current_place(ctx, *conn)) {
    work::InitiativeFilter f;
    f.place_id = place->id;
    f.per_page = static_cast<int>(kMaxInitiativeChoices);
    for (const auto& i : work::find_initiatives(*conn, f).items) v.initiatives.emplace_back(i.id, i.title);
  }
  if (form.offered_event_id)
    if (auto e = assemblies::try_find_event(*conn, form.offered_event_id)) {
      v.event_offer = PledgeEventOffer{e->id, e->title, e->starts_at};
      for (const auto& r : assemblies::rooms_of(*conn, e->id)) v.rooms.emplace_back(r.id, r.title);
    }
  return core::render_page(ctx, {.template_name = "pledges/pledge_form",
                                 .title = "Make a pledge",
                                 .crumbs = {{"Home", "/"}, {"Pledges", "/pledges"}},
                                 .status = err ? 400 : 200,
                                 .resource = [&](json& j) { to_json(j, v); },
                                 .screen = [&](json& j) { screen_json(j, v); }});
}

ProgressInput read_progress_form(core::Form& f) {
  ProgressInput in;
  in.status = f.text("status", "Status", 20);
  in.note = f.paragraph("note", "Update", kMaxProgressNote);
  in.evidence_text = f.paragraph("evidence_text", "Evidence", kMaxEvidenceText);
  in.evidence_url = f.text("evidence_url", "Evidence link", kMaxEvidenceUrl);
  return in;
}

Response show_progress_form(core::Context& ctx, const Pledge& p, const ProgressInput& in, const core::Error* err) {
  PledgeProgressForm form{p, in, err};
  return core::render_page(ctx, {.template_name = "pledges/progress_form",
                                 .title = "Add a progress update",
                                 .crumbs = {{"Home", "/"}, {"Pledges", "/pledges"}, {"Pledge", p.commitment.href}},
                                 .status = err ? 400 : 200,
                                 .resource = [&](json& j) { to_json(j, form); },
                                 .screen = [&](json& j) { screen_json(j, form); }});
}

// The pledge at {id} if this person may update it; else the page to send.
std::variant<Pledge, Response> updatable(core::Context& ctx) {
  auto id = ctx.int_param("id");
  auto conn = ctx.db().acquire();
  auto p = id ? try_find_pledge(*conn, *id) : std::nullopt;
  if (!p) return core::error_page(ctx, 404, "Page not found", "There is no pledge at this address.");
  if (!can_update_commitment(ctx.principal, p->commitment))
    return core::error_page(ctx, 403, "You do not have permission",
                            "Only the person who made a pledge, members of its organisation and place administrators "
                            "can update it.");
  return *p;
}

}  // namespace

Response new_pledge_page(core::Context& ctx) {
  PledgeForm blank;
  blank.in.pledged_as = "";  // GOV.UK radios start with none chosen
  if (auto slug = ctx.query("event"); slug && !slug->empty() && slug->size() <= 200) {
    std::optional<assemblies::Event> e;
    {
      auto conn = ctx.db().acquire();
      e = assemblies::try_find_event_by_slug(*conn, *slug);
    }
    if (e) blank.in.event_id = blank.offered_event_id = e->id;  // offered, ticked
    // Opened from a solution room's page (issue 11.5): that room of the event, chosen.
    if (auto room = ctx.query("room"); e && room && !room->empty() && room->size() <= 200) {
      auto conn = ctx.db().acquire();
      if (auto r = assemblies::try_find_room(*conn, e->id, *room)) blank.in.room_id = r->id;
    }
  }
  return show_pledge_form(ctx, blank, nullptr);
}

Response make_pledge_handler(core::Context& ctx) {
  core::Form f(ctx);
  auto form = read_pledge_form(f, ctx);
  if (f.ok()) {
    auto actor = core::audit::Actor::from(
        ctx.principal, form.in.pledged_as == "organisation" ? form.in.organisation_id : 0, ctx.request().request_id);
    auto r = make_pledge(ctx.db(), ctx.principal, actor, form.in, today_utc());
    if (r) {
      if (r->event_id) announce_event_pledges(ctx, r->event_id);
      if (r->room_id) announce_room_pledges(ctx, r->room_id);
      if (ctx.wants_json())
        return core::resource_response(
            [&](json& j) {
              to_json(j, PledgeAnswer{r->commitment.id, r->commitment.href});
            },
            201);
      return Response::redirect(r->commitment.href + "?saved=created");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  }
  auto e = f.invalid("Check your pledge");
  if (ctx.wants_json()) return core::error_response(ctx, e);
  return show_pledge_form(ctx, form, &e);
}

Response progress_page(core::Context& ctx) {
  auto p = updatable(ctx);
  if (auto* r = std::get_if<Response>(&p)) return std::move(*r);
  return show_progress_form(ctx, std::get<Pledge>(p), {}, nullptr);
}

Response progress_handler(core::Context& ctx) {
  auto found = updatable(ctx);
  if (auto* r = std::get_if<Response>(&found)) return std::move(*r);
  const auto& p = std::get<Pledge>(found);
  core::Form f(ctx);
  auto in = read_progress_form(f);
  if (f.ok()) {
    auto actor = core::audit::Actor::from(ctx.principal, p.commitment.organisation_id, ctx.request().request_id);
    auto r = record_progress(ctx.db(), ctx.principal, actor, p.commitment.id, in);
    if (r) {
      if (p.event_id) announce_event_pledges(ctx, p.event_id);
      if (p.room_id) announce_room_pledges(ctx, p.room_id);
      if (ctx.wants_json())
        return core::resource_response([&](json& j) { to_json(j, PledgeProgressAnswer{*r, p.commitment.href}); }, 201);
      return Response::redirect(p.commitment.href + "?saved=progress");
    }
    if (r.error().kind != core::ErrorKind::invalid) return core::error_response(ctx, r.error());
    f.add(r.error());
  } else if (!f.rejected()) {
    f.add(validate_progress(in));  // every problem at once; nothing is written
  }
  auto e = f.invalid("Check your progress update");
  if (ctx.wants_json()) return core::error_response(ctx, e);
  return show_progress_form(ctx, p, in, &e);
}

}  // namespace goldthread::pledges
