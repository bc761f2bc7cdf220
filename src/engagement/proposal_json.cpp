// Proposals' two JSON representations (docs/API.md, "Proposals"): the resource — fields,
// links, Markdown and HTML separately, ISO dates, no screen state — and the template's model.
#include <nlohmann/json.hpp>

#include "core/http.hpp"
#include "core/json_values.hpp"
#include "core/page.hpp"
#include "core/text.hpp"
#include "engagement/proposal_views.hpp"

namespace goldthread::engagement {
using nlohmann::json;

namespace {

json ambition_json(const Named& a) {
  if (a.key.empty()) return nullptr;
  return {{"slug", a.key}, {"title", a.name}, {"href", "/ambitions/" + a.key}};
}
json area_json(const Named& a) {
  if (a.key.empty()) return nullptr;
  return {{"code", a.key}, {"name", a.name}, {"href", "/areas/" + a.key}};
}

std::string href_of(const Proposal& p) {
  return "/proposals/" + p.slug;
}

json summary_json(const ProposalItem& it) {
  const auto& p = it.proposal;
  return {{"id", p.id},
          {"slug", p.slug},
          {"href", href_of(p)},
          {"title", p.title},
          {"ambition", ambition_json(it.ambition)},
          {"area", area_json(it.area)},
          {"author_name", p.author_name},
          {"supports", p.supports},
          {"status", p.status},
          {"is_example", p.is_example},
          {"created_at", p.created_at}};
}

std::string tag_class(const std::string& status) {
  if (status == "awaiting") return "govuk-tag--yellow";
  if (status == "accepted") return "govuk-tag--green";
  if (status == "considering") return "govuk-tag--blue";
  if (status == "not-taken-forward") return "govuk-tag--red";
  if (status == "already-happening") return "govuk-tag--turquoise";
  return "govuk-tag--grey";
}

json summary_screen(const ProposalItem& it) {
  json j = summary_json(it);
  j["status_label"] = status_label(it.proposal.status);
  j["status_class"] = tag_class(it.proposal.status);
  j["supports_text"] = core::count_of(it.proposal.supports, "support");
  j["created_text"] = core::display_date(it.proposal.created_at);
  return j;
}

json options(const std::vector<Named>& all, const std::string& selected, const std::string& none) {
  json o = json::array({{{"value", ""}, {"text", none}, {"selected", selected.empty()}}});
  for (const auto& n : all) o.push_back({{"value", n.key}, {"text", n.name}, {"selected", n.key == selected}});
  return o;
}

}  // namespace

std::string list_href(const std::string& sort, const std::string& ambition, const std::string& area,
                      const std::string& status, std::int64_t seed, const std::string& after) {
  std::string q;
  auto add = [&](const char* k, const std::string& v) {
    if (v.empty()) return;
    q += (q.empty() ? "?" : "&") + std::string(k) + "=" + core::url_encode(v);
  };
  add("sort", sort == "newest" ? "" : sort);
  add("ambition", ambition);
  add("area", area);
  add("status", status);
  if (sort == "random") add("seed", std::to_string(seed));
  add("after", after);
  return "/proposals" + q;
}

void to_json(json& j, const ProposalView& v) {
  const auto& p = v.item.proposal;
  j = summary_json(v.item);
  j["body"] = p.body;
  j["body_html"] = p.body_html;
  j["support_threshold"] = v.threshold;
  j["threshold_reached_at"] = core::text_or_null(p.threshold_reached_at);
  if (is_answer_status(p.status)) {
    json initiative = nullptr;
    if (!v.initiative.key.empty())
      initiative = {
          {"slug", v.initiative.key}, {"title", v.initiative.name}, {"href", "/initiatives/" + v.initiative.key}};
    j["answer"] = {{"status", p.status},
                   {"reasons", p.answer_reasons},
                   {"reasons_html", p.answer_reasons_html},
                   {"initiative", initiative},
                   {"answered_by", p.answered_by_name},
                   {"organisation", core::text_or_null(p.answered_by_organisation)},
                   {"answered_at", p.answered_at}};
  } else {
    j["answer"] = nullptr;
  }
  j["links"] = {{"self", href_of(p)}, {"support", href_of(p) + "/support"}, {"withdraw", href_of(p) + "/withdraw"}};
}

void screen_json(json& j, const ProposalView& v, const ProposalScreen& s) {
  to_json(j, v);
  const auto& p = v.item.proposal;
  j["status_label"] = status_label(p.status);
  j["status_class"] = tag_class(p.status);
  j["supports_text"] = core::count_of(p.supports, "support");
  j["threshold_text"] =
      p.status == "open"
          ? core::count_of(std::max<std::int64_t>(v.threshold - p.supports, 0), "more support", "more supports") +
                " needed for an official answer (" + core::count_of(v.threshold, "support") + " in all)"
          : "";
  j["created_text"] = core::display_date(p.created_at);
  if (!j["answer"].is_null()) j["answer"]["answered_text"] = core::display_date(p.answered_at);
  j["signed_in"] = s.signed_in;
  j["supported"] = s.supported;
  j["can_answer"] = s.can_answer;
  j["banner"] = core::text_or_null(s.banner);
  // The comment thread, rendered in the view's read block (core::comments::thread_html).
  j["comments"] = {{"html", s.comments_html}};
}

void to_json(json& j, const ProposalListView& v) {
  json items = json::array();
  for (const auto& it : v.items) items.push_back(summary_json(it));
  j = {{"proposals", items},
       {"total", v.total},
       {"total_exact", v.total_exact},
       {"sort", v.query.sort},
       {"filters",
        {{"ambition", core::text_or_null(v.ambition)},
         {"area", core::text_or_null(v.area)},
         {"status", core::text_or_null(v.query.status)}}},
       {"support_threshold", v.threshold},
       {"links", {{"self", v.self_href}, {"first", v.first_href}, {"next", core::text_or_null(v.next_href)}}}};
}

void screen_json(json& j, const ProposalListView& v, bool signed_in) {
  json items = json::array();
  for (const auto& it : v.items) items.push_back(summary_screen(it));
  j = {{"proposals", items},
       {"has_proposals", !v.items.empty()},
       {"total_text",
        v.total_exact ? core::count_of(v.total, "proposal") : "More than " + core::count_of(v.total, "proposal")},
       {"signed_in", signed_in},
       {"next_href", core::text_or_null(v.next_href)},
       {"first_href", v.query.after.empty() ? json(nullptr) : json(v.first_href)},
       {"filtered", !v.ambition.empty() || !v.area.empty() || !v.query.status.empty()},
       {"sorts", json::array()},
       {"ambitions", options(v.ambitions, v.ambition, "Any ambition")},
       {"areas", options(v.areas, v.area, "Any area")},
       {"seed", v.query.seed}};
  for (const auto& [value, text] : std::vector<std::pair<std::string, std::string>>{
           {"newest", "Newest"}, {"supported", "Most supported"}, {"random", "Random"}})
    j["sorts"].push_back({{"value", value}, {"text", text}, {"selected", v.query.sort == value}});
  json statuses = json::array({{{"value", ""}, {"text", "Any status"}, {"selected", v.query.status.empty()}}});
  for (const char* s :
       {"open", "awaiting", "answered", "accepted", "considering", "not-taken-forward", "already-happening"}) {
    std::string label = std::string(s) == "answered" ? "Answered (any answer)" : status_label(s);
    statuses.push_back({{"value", s}, {"text", label}, {"selected", v.query.status == s}});
  }
  j["statuses"] = statuses;
}

void support_json(json& j, const SupportResult& r, bool supported) {
  j = {{"href", href_of(r.proposal)},
       {"supports", r.proposal.supports},
       {"status", r.proposal.status},
       {"supported", supported},
       {"changed", r.changed}};
}

void proposal_form_json(json& j, const ProposalInput& in, const std::vector<Named>& ambitions,
                        const std::vector<Named>& areas, const core::Error* err) {
  j = {{"values", {{"title", in.title}, {"body", in.body}}},
       {"ambitions", options(ambitions, in.ambition, "None")},
       {"areas", options(areas, in.area, "The whole place")},
       {"max_title", kMaxProposalTitle},
       {"max_body", kMaxProposalBody},
       {"error_for", json::object()}};
  if (err) core::attach_errors(j, *err);
}

void answer_form_json(json& j, const ProposalView& v, const AnswerInput& in,
                      const std::vector<core::Membership>& memberships, const core::Error* err) {
  const auto& p = v.item.proposal;
  json statuses = json::array();
  for (const char* s : kAnswerStatuses)  // the first radio's id is the field's, for the error summary
    statuses.push_back({{"value", s},
                        {"id", statuses.empty() ? std::string("status") : std::string("status-") + s},
                        {"text", status_label(s)},
                        {"checked", in.status == s}});
  json orgs = json::array();
  for (const auto& m : memberships)
    orgs.push_back({{"value", m.organisation_id},
                    {"text", m.organisation_name},
                    {"selected", m.organisation_id == in.organisation_id}});
  j = {{"proposal", {{"title", p.title}, {"href", href_of(p)}, {"slug", p.slug}}},
       {"action", href_of(p) + "/answer"},
       {"statuses", statuses},
       {"organisations", orgs},
       {"has_organisations", !orgs.empty()},
       {"values", {{"reasons", in.reasons}, {"initiative", in.initiative}}},
       {"error_for", json::object()}};
  if (err) core::attach_errors(j, *err);
}

}  // namespace goldthread::engagement
