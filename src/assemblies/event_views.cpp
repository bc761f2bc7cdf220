#include "assemblies/event_views.hpp"

#include <nlohmann/json.hpp>

#include "assemblies/event_time.hpp"
#include "core/app.hpp"
#include "core/json_values.hpp"

namespace goldthread::assemblies {
using nlohmann::json;

std::string kind_label(const std::string& kind) {
  for (const auto& [k, l] : event_kinds())
    if (k == kind) return l;
  return kind;
}

std::string when_label(const Event& e) {
  auto s = london(e.starts_at), f = london(e.ends_at);
  auto out = s.long_date + ", " + twelve_hour(s.time) + " to " + twelve_hour(f.time);
  if (f.date != s.date)
    out = s.long_date + ", " + twelve_hour(s.time) + " to " + f.long_date + ", " + twelve_hour(f.time);
  return out;
}

json event_summary(const Event& e) {
  std::string venue = e.venue_name.empty() ? "Online" : e.venue_name;
  return {{"slug", e.slug},
          {"title", e.title},
          {"kind", e.kind},
          {"kind_label", kind_label(e.kind)},
          {"when", when_label(e)},
          {"venue", venue},
          {"href", "/events/" + e.slug},
          {"is_example", e.is_example},
          {"starts_at", e.starts_at},
          {"ends_at", e.ends_at},
          {"series", core::text_or_null(e.series)}};
}

Origin origin_of(core::Context& ctx) {
  return {ctx.request().request_id, ctx.app().config().base_url};
}

std::string now_text() {
  return format_utc(Clock::now());
}

}  // namespace goldthread::assemblies
