#pragma once
// What a solution room's page shows, as structs (loaded once per request through other
// capabilities' headers), and their two JSON forms: the resource (the JSON twin: fields,
// links, the brief's Markdown and HTML, ISO dates, no screen state) and the template model.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "assemblies/assemblies.hpp"
#include "core/context.hpp"

namespace goldthread::assemblies {

struct LinkView {
  std::string text, href;
};

struct UpdateView {
  std::string status, status_label, note, author_name, created_at, evidence_text, evidence_url;
};

struct NextStepView {
  std::int64_t id = 0;
  std::string text, href, owner_name;
  std::optional<LinkView> organisation;
  std::string due_on, status, status_label, last_update_at;
  std::string staleness, staleness_label;  // pledges::staleness_of
  bool past_due = false;
  std::vector<UpdateView> history;  // oldest first
  bool may_update = false;          // screen state: not in the resource
};

struct AdviceView {
  std::int64_t id = 0;
  std::string author_name, body, created_at;
  bool hidden = false;
};

struct RoomView {
  Event event;
  Room room;
  std::string href;
  std::optional<LinkView> host, ambition, initiative;
  std::vector<AdviceView> advice;  // hidden advice only for hosts
  std::vector<NextStepView> next_steps;
  std::vector<NextStepView> pledges;                          // pledges made in this room (issue 11.5), oldest first
  std::vector<std::pair<std::int64_t, std::string>> members;  // id, name (for the owner choice)
  std::vector<std::pair<std::int64_t, std::string>> organisations;  // for hosts: the owner's organisation
  bool may_host = false, signed_up = false, advice_open = false, signed_in = false;
};

struct CarriedView {
  std::string kind;  // "next-step" or "pledge" (issue 11.7)
  NextStepView step;
  std::optional<LinkView> room;  // none for a pledge
  std::optional<UpdateView> latest;
  std::string reviewed_at;
};

// Loads everything the room page needs (a bounded number of queries, none per item).
RoomView load_room_view(core::Context& ctx, core::Connection& c, const Event& e, const Room& r);
NextStepView next_step_view(const pledges::Commitment& m, const std::vector<pledges::ProgressUpdate>& history,
                            const std::string& today);
std::vector<CarriedView> load_carried(core::Context& ctx, core::Connection& c, const Event& e);

nlohmann::json room_resource(const RoomView& v);
nlohmann::json room_summary_resource(const Event& e, const Room& r);
nlohmann::json next_step_resource(const NextStepView& v);
nlohmann::json carried_resource(const std::vector<CarriedView>& items);
// Template models.
nlohmann::json room_page_model(const RoomView& v);
nlohmann::json carried_page_model(const std::vector<CarriedView>& items);

}  // namespace goldthread::assemblies
