#pragma once
// Typed view models of the event pages (event_handlers.cpp, registration_handlers.cpp): the
// list of events, an event's page, the registration form and answer, and the sections on the
// account and organisation pages. Their representations are written in one place,
// assemblies/event_page_json.cpp.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "assemblies/assemblies.hpp"
#include "assemblies/room_views.hpp"
#include "core/auth.hpp"
#include "core/registry.hpp"
#include "core/result.hpp"
#include "pledges/pledges.hpp"

namespace goldthread::assemblies {

struct EventListView {
  std::vector<Event> events;
  std::int64_t total = 0;
  int page = 1, per_page = 10;
  bool past = false;
  std::string base_href() const;
};
void to_json(nlohmann::json& j, const EventListView& v);
void screen_json(nlohmann::json& j, const EventListView& v, bool can_create);

struct EventLink {  // an ambition or organiser the event names
  std::string name, href;
};
// The visitor's own registration (confirmed, waiting or offered), and their place in the queue.
struct MyRegistration {
  Registration registration;
  std::int64_t waiting_position = 0;  // 1 = next, for a waiting registration
};
struct EventPageView {
  Event event;
  Counts counts;
  std::vector<EventLink> ambitions, organisers;
  std::optional<Event> previous, next;
  std::vector<Room> rooms;
  std::vector<pledges::Pledge> pledges;  // made at this event (issue 11.7)
  std::vector<CarriedView> carried;      // carried forward from the previous event
  std::string now, today;
  std::optional<MyRegistration> me;
  bool registration_open() const;  // open, and it is not over
};
// What only the page shows: who is looking, what they may do, what was just done.
struct EventScreen {
  bool signed_in = false, can_organise = false, following = false;
  std::string done;  // created, updated, registered, … (the banner)
  bool followed = false, unfollowed = false;
};
void to_json(nlohmann::json& j, const EventPageView& v);
void screen_json(nlohmann::json& j, const EventPageView& v, const EventScreen& s);

// The registration form (a form page: its twin describes the form).
struct RegisterForm {
  const Event& event;
  const core::Principal& who;
  const RegistrationInput& values;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const RegisterForm& f);

// The answer to registering, cancelling and accepting an offer.
struct RegistrationAnswer {
  const Event& event;
  const Registration& registration;
};
void to_json(nlohmann::json& j, const RegistrationAnswer& a);

// "Your events" on the account page, and "Events attended" on an organisation's page.
struct MyEventsView {
  std::vector<std::pair<Event, Registration>> registrations;  // upcoming
  std::string now, csrf_token;
};
core::Section my_events_section(const MyEventsView& v);
core::Section events_attended_section(const std::vector<std::pair<Event, std::int64_t>>& attended);

}  // namespace goldthread::assemblies
