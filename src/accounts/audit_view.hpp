#pragma once
// The audit trail as people read it (issue 9.4): who did what to which named resource, a
// field-by-field difference ("Title: X → Y") instead of before/after JSON, links to the
// resource and to its whole history. Pure apart from one batch of organisation names.
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/audit.hpp"

namespace goldthread::accounts {

// Organisation ids an event mentions (acting for, owner, partners), to name them in one batch.
void collect_organisation_ids(const core::audit::Event& e, std::vector<std::int64_t>& out);

// One event for the page and its JSON twin: id, at, when (1 December 2026, 12:49), actor,
// actor_href, action, verb, resource {type, id, name, href, history_href}, summary (one
// sentence), changes [{field, before, after, text}], and with_json adds the raw before/after.
nlohmann::json readable_event(const core::audit::Event& e, const std::map<std::int64_t, std::string>& organisations,
                              bool with_json);

// "2026-12-01T12:49:37Z" → "1 December 2026, 12:49" (GOV.UK style); other text unchanged.
std::string readable_time(const std::string& iso);

}  // namespace goldthread::accounts
