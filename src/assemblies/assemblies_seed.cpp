// The bundled events beside a place file: <place>-events.json (data/places/essex-events.json).
// Idempotent: events are upserted by slug, so loading the same file again changes nothing;
// the example event is created once, dated a few months after the install, and then left
// to its organisers.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "assemblies/assemblies.hpp"
#include "assemblies/event_time.hpp"
#include "core/log.hpp"
#include "core/service.hpp"
#include "partners/partners.hpp"

namespace goldthread::assemblies {
using nlohmann::json;

namespace {

std::string str(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key) && j[key].is_array())
    for (const auto& v : j[key])
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string events_file_for(const std::string& place_file) {
  std::filesystem::path p(place_file);
  return (p.parent_path() / (p.stem().string() + "-events.json")).string();
}

// The event's "rooms": upserted by (event, slug), in the file's order.
core::Status seed_rooms(core::Connection& c, const core::audit::Actor& actor, const Event& e, const json& j) {
  if (!j.contains("rooms") || !j["rooms"].is_array()) return core::Unit{};
  for (const auto& room : j["rooms"]) {
    RoomInput in;
    in.title = str(room, "title");
    in.facilitator = str(room, "facilitator");
    in.brief = str(room, "brief");
    in.ambition = str(room, "ambition");
    in.initiative = str(room, "initiative");
    in.capacity = room.value("capacity", 0);
    if (auto host = str(room, "host"); !host.empty()) {
      if (auto o = partners::try_find_organisation_by_slug(c, host)) in.host_organisation_id = o->id;
    }
    auto r = upsert_room_in(c, actor, e, str(room, "slug"), in);
    if (!r) {
      auto msg = "event " + e.slug + ", room " + str(room, "slug") + ": " + r.error().message;
      for (const auto& f : r.error().fields) msg += "; " + f.field + ": " + f.message;
      return core::Error::invalid(msg);
    }
  }
  return core::Unit{};
}

}  // namespace

core::Result<SeedCounts> seed_events(core::Database& db, const std::string& place_file) {
  auto path = events_file_for(place_file);
  std::ifstream in(path, std::ios::binary);
  if (!in) return SeedCounts{};  // a place without bundled events
  std::ostringstream ss;
  ss << in.rdbuf();
  json doc = json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded() || !doc.contains("events") || !doc["events"].is_array())
    return core::Error::invalid(path + ": not an events file (an object with an \"events\" array)");
  return core::transact<SeedCounts>(
      db, "The events were loaded twice at the same moment.", [&](core::Connection& c) -> core::Result<SeedCounts> {
        SeedCounts counts;
        const core::audit::Actor system;
        for (const auto& j : doc["events"]) {
          auto slug = str(j, "slug");
          EventInput e;
          e.kind = str(j, "kind");
          e.title = str(j, "title");
          e.summary = str(j, "summary");
          e.series = str(j, "series");
          e.date = str(j, "date");
          e.start_time = str(j, "start_time");
          e.end_time = str(j, "end_time");
          e.venue_name = str(j, "venue_name");
          e.venue_address = str(j, "venue_address");
          e.accessibility = str(j, "accessibility");
          e.online_url = str(j, "online_url");
          e.capacity = j.value("capacity", 0);
          e.outcome_summary = str(j, "outcome_summary");
          e.is_example = j.value("example", false);
          e.ambitions = strings(j, "ambitions");
          e.agenda = strings(j, "agenda");
          for (const auto& org : strings(j, "organisers")) {
            if (auto o = partners::try_find_organisation_by_slug(c, org))
              e.organiser_ids.push_back(o->id);
            else
              core::log::warn("events seed: unknown organisation", {{"slug", org}, {"event", slug}});
          }
          bool existed = try_find_event_by_slug(c, slug).has_value();
          if (j.contains("days_from_install")) {
            if (existed) {
              ++counts.unchanged;  // the example belongs to its organisers once created
              continue;
            }
            e.date = london(format_utc(Clock::now() + std::chrono::hours(24) * j.value("days_from_install", 90))).date;
          }
          std::string before_version;
          if (existed) before_version = try_find_event_by_slug(c, slug)->updated_at;
          auto r = upsert_event_in(c, system, slug, e);
          if (!r) {
            auto msg = r.error().message;
            for (const auto& f : r.error().fields) msg += "; " + f.field + ": " + f.message;
            return core::Error::invalid(path + ": event " + slug + ": " + msg);
          }
          if (auto rooms = seed_rooms(c, system, *r, j); !rooms)
            return core::Error::invalid(path + ": " + rooms.error().message);
          for (const auto& key : strings(j, "pledges"))  // bundled pledges made at it (issue 11.7)
            if (!pledges::link_seeded_pledge_to_event_in(c, system, key, r->id))
              core::log::warn("events seed: no seeded pledge", {{"key", key}, {"event", slug}});
          if (!existed)
            ++counts.created;
          else if (r->updated_at != before_version)
            ++counts.updated;
          else
            ++counts.unchanged;
        }
        return counts;
      });
}

}  // namespace goldthread::assemblies
