// Loading a solution room's page and its JSON forms (the resource and the template model).
#include "assemblies/room_views.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "assemblies/event_views.hpp"
#include "core/json_values.hpp"
#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "work/work.hpp"

namespace goldthread::assemblies {
using nlohmann::json;

namespace {

json link_json(const std::optional<LinkView>& l) {
  if (!l) return nullptr;
  return {{"text", l->text}, {"href", l->href}};
}

UpdateView update_view(const pledges::ProgressUpdate& u) {
  return {u.status,      pledges::completion_label(u.status), u.note, u.author_name, u.created_at, u.evidence_text,
          u.evidence_url};
}

json update_resource(const UpdateView& u) {
  return {{"status", u.status},
          {"note", u.note},
          {"author_name", u.author_name},
          {"created_at", u.created_at},
          {"evidence_text", core::text_or_null(u.evidence_text)},
          {"evidence_url", core::text_or_null(u.evidence_url)}};
}

json update_model(const UpdateView& u) {
  auto j = update_resource(u);
  j["status_label"] = u.status_label;
  j["created_text"] = core::display_date(u.created_at);
  return j;
}

json step_model(const NextStepView& v) {
  auto j = next_step_resource(v);
  j["status_label"] = v.status_label;
  j["due_text"] = v.due_on.empty() ? json(nullptr) : json(core::display_date(v.due_on));
  j["staleness_label"] = core::text_or_null(v.staleness_label);
  j["may_update"] = v.may_update;
  j["done"] = v.status == "done";
  json history = json::array();
  for (const auto& u : v.history) history.push_back(update_model(u));
  j["history"] = history;
  j["has_history"] = !history.empty();
  j["updates_text"] = core::count_of(static_cast<std::int64_t>(v.history.size()), "update");
  json options = json::array();
  for (const auto& [code, label] : pledges::status_scale(kNextStepKind))
    options.push_back({{"value", code}, {"text", label}, {"selected", code == v.status}});
  j["status_options"] = options;
  return j;
}

}  // namespace

NextStepView next_step_view(const pledges::Commitment& m, const std::vector<pledges::ProgressUpdate>& history,
                            const std::string& today) {
  NextStepView v;
  v.id = m.id;
  v.text = m.text;
  v.href = m.href;
  v.owner_name = m.owner_name;
  if (m.organisation_id && !m.organisation_slug.empty())
    v.organisation = LinkView{m.organisation_name, "/organisations/" + m.organisation_slug};
  v.due_on = m.due_on;
  v.status = m.status;
  v.status_label = pledges::completion_label(m.status);
  v.last_update_at = m.last_update_at;
  auto s = pledges::staleness_of(m.last_update_at, today, m.status);
  v.staleness = pledges::staleness_code(s);
  v.staleness_label = pledges::staleness_label(s);
  v.past_due = pledges::past_due(m.due_on, today, m.status);
  for (const auto& u : history) v.history.push_back(update_view(u));
  return v;
}

RoomView load_room_view(core::Context& ctx, core::Connection& c, const Event& e, const Room& r) {
  RoomView v;
  v.event = e;
  v.room = r;
  v.href = "/events/" + e.slug + "/rooms/" + r.slug;
  v.signed_in = ctx.principal.signed_in();
  v.may_host = may_host(ctx.principal, e, r);
  v.advice_open = e.ends_at > now_text();
  if (r.host_organisation_id)
    for (const auto& o : partners::organisations_by_id(c, {r.host_organisation_id}))
      v.host = LinkView{o.name, "/organisations/" + o.slug};
  if (r.ambition_id)
    for (const auto& a : places::list_ambitions(c, e.place_id))
      if (a.id == r.ambition_id) v.ambition = LinkView{a.title, "/ambitions/" + a.slug};
  if (r.initiative_id)
    if (auto i = work::try_find_initiative_by_id(c, r.initiative_id))
      v.initiative = LinkView{i->title, "/initiatives/" + i->slug};
  for (const auto& a : advice_of(c, r.id, v.may_host))
    v.advice.push_back({a.id, a.author_name, a.body, a.created_at, a.hidden});
  auto members = room_members(c, r.id);
  v.signed_up = v.signed_in && std::find(members.begin(), members.end(), ctx.principal.user_id) != members.end();
  if (v.may_host) {
    auto people = accounts::people_by_id(c, members);
    for (auto id : members)
      if (auto p = people.find(id); p != people.end()) v.members.push_back({id, p->second.name});
    for (const auto& o : partners::list_organisations(c, "", 500)) v.organisations.push_back({o.id, o.name});
  }
  const auto today = pledges::today_utc();
  for (const auto& m : next_steps_of(c, r.id)) {
    auto step = next_step_view(m, pledges::progress_of(c, m.id), today);  // a room agrees a handful
    step.may_update = v.may_host || pledges::can_update_commitment(ctx.principal, m);
    v.next_steps.push_back(std::move(step));
  }
  for (const auto& p : pledges::pledges_of_room(c, r.id)) v.pledges.push_back(next_step_view(p.commitment, {}, today));
  return v;
}

std::vector<CarriedView> load_carried(core::Context& ctx, core::Connection& c, const Event& e) {
  std::vector<CarriedView> out;
  const auto today = pledges::today_utc();
  auto prev = previous_in_series(c, e);
  for (const auto& item : carried_forward(c, e)) {
    CarriedView v;
    v.step = next_step_view(item.step, {}, today);
    v.step.may_update = may_organise(ctx.principal, e);
    v.kind = item.step.kind;
    if (item.room.id)
      v.room = LinkView{item.room.title, prev ? "/events/" + prev->slug + "/rooms/" + item.room.slug : ""};
    if (item.latest) v.latest = update_view(*item.latest);
    v.reviewed_at = item.reviewed_at;
    out.push_back(std::move(v));
  }
  return out;
}

json next_step_resource(const NextStepView& v) {
  return {{"id", v.id},
          {"text", v.text},
          {"href", v.href},
          {"owner_name", v.owner_name},
          {"organisation", link_json(v.organisation)},
          {"due_on", core::text_or_null(v.due_on)},
          {"status", v.status},
          {"last_update_at", v.last_update_at},
          {"staleness", v.staleness},
          {"past_due", v.past_due}};
}

json room_summary_resource(const Event& e, const Room& r) {
  return {{"slug", r.slug},
          {"id", r.id},
          {"title", r.title},
          {"href", "/events/" + e.slug + "/rooms/" + r.slug},
          {"facilitator", core::text_or_null(r.facilitator)},
          {"capacity", r.capacity},
          {"signed_up", r.signed_up}};
}

json room_resource(const RoomView& v) {
  json advice = json::array(), steps = json::array(), made_here = json::array();
  for (const auto& p : v.pledges) made_here.push_back(next_step_resource(p));
  for (const auto& a : v.advice)
    if (!a.hidden)
      advice.push_back({{"id", a.id}, {"author_name", a.author_name}, {"body", a.body}, {"created_at", a.created_at}});
  for (const auto& s : v.next_steps) {
    auto j = next_step_resource(s);
    json history = json::array();
    for (const auto& u : s.history) history.push_back(update_resource(u));
    j["history"] = history;
    steps.push_back(j);
  }
  auto j = room_summary_resource(v.event, v.room);
  j.update(json{{"event", {{"title", v.event.title}, {"href", "/events/" + v.event.slug}}},
                {"host", link_json(v.host)},
                {"brief_markdown", v.room.brief},
                {"brief_html", v.room.brief_html},
                {"ambition", link_json(v.ambition)},
                {"initiative", link_json(v.initiative)},
                {"advice", advice},
                {"next_steps", steps},
                {"pledges", made_here}});
  return j;
}

json room_page_model(const RoomView& v) {
  json advice = json::array(), steps = json::array(), members = json::array();
  for (const auto& a : v.advice)
    advice.push_back(
        {{"id", a.id},
         {"author_name", a.author_name},
         {"body", a.body},
         {"created_text", core::display_date_time(a.created_at)},
         {"hidden", a.hidden},
         {"moderate_action", v.href + "/advice/" + std::to_string(a.id) + (a.hidden ? "/restore" : "/hide")}});
  for (const auto& s : v.next_steps) {
    auto j = step_model(s);
    j["progress_action"] = v.href + "/next-steps/" + std::to_string(s.id) + "/progress";
    steps.push_back(j);
  }
  members.push_back({{"value", ""}, {"text", "Someone not signed up here (name them below)"}});
  for (const auto& [id, name] : v.members) members.push_back({{"value", id}, {"text", name}});
  json orgs = json::array();
  for (const auto& [id, name] : v.organisations) orgs.push_back({{"value", id}, {"text", name}});
  json made_here = json::array();  // pledges made in this room (issue 11.5)
  for (const auto& p : v.pledges) {
    auto j = next_step_resource(p);
    j["status_label"] = p.status_label;
    j["staleness_label"] = core::text_or_null(p.staleness_label);
    made_here.push_back(j);
  }
  const auto pledge_href = "/pledges/new?event=" + v.event.slug + "&room=" + v.room.slug;
  std::int64_t left = v.room.capacity > 0 ? std::max<std::int64_t>(0, v.room.capacity - v.room.signed_up) : -1;
  return {{"room", room_resource(v)},
          {"advice", advice},
          {"has_advice", !advice.empty()},
          {"advice_count",
           core::count_of(static_cast<std::int64_t>(v.advice.size()), "piece of advice", "pieces of advice")},
          {"next_steps", steps},
          {"has_next_steps", !steps.empty()},
          {"pledges", made_here},
          {"has_pledges", !made_here.empty()},
          {"pledges_text", core::count_of(static_cast<std::int64_t>(made_here.size()), "pledge")},
          {"pledge_href", pledge_href},
          {"pledges_register_href", "/pledges?event=" + v.event.slug + "&room=" + v.room.slug},
          {"pledge_sign_in_href", "/sign-in?next=" + core::url_encode(pledge_href)},
          {"owner_choices", members},
          {"organisation_choices", orgs},
          {"has_limit", v.room.capacity > 0},
          {"places_left", left},
          {"capacity_text", core::count_of(v.room.capacity, "place")},
          {"full", left == 0},
          {"signed_in", v.signed_in},
          {"signed_up", v.signed_up},
          {"may_host", v.may_host},
          {"advice_open", v.advice_open},
          {"can_sign_up", v.signed_in && !v.signed_up && v.advice_open && left != 0},
          {"href", v.href},
          {"sign_in_href", "/sign-in?next=" + v.href},
          {"signed_up_text", core::count_of(v.room.signed_up, "person", "people") + " signed up"},
          {"values", json::object()},
          {"error_for", json::object()}};
}

json carried_resource(const std::vector<CarriedView>& items) {
  json out = json::array();
  for (const auto& c : items) {
    auto j = next_step_resource(c.step);
    j["kind"] = c.kind;
    j["room"] = c.room ? json{{"title", c.room->text}, {"href", c.room->href}} : json(nullptr);
    j["latest_update"] = c.latest ? update_resource(*c.latest) : json(nullptr);
    j["reviewed_at"] = core::text_or_null(c.reviewed_at);
    out.push_back(j);
  }
  return out;
}

json carried_page_model(const std::vector<CarriedView>& items) {
  json out = json::array();
  for (const auto& c : items) {
    auto j = step_model(c.step);
    j["room"] = c.room ? json{{"title", c.room->text}, {"href", c.room->href}} : json(nullptr);
    j["is_pledge"] = c.kind == "pledge";
    j["kind_label"] = c.kind == "pledge" ? "Pledge" : "Next step";
    j["latest"] = c.latest ? update_model(*c.latest) : json(nullptr);
    j["reviewed"] = !c.reviewed_at.empty();
    j["reviewed_text"] = c.reviewed_at.empty() ? json(nullptr) : json(core::display_date(c.reviewed_at));
    out.push_back(j);
  }
  return out;
}

}  // namespace goldthread::assemblies
