#pragma once
// The outbox page (mail_handlers.cpp) as a typed view. Its two representations are written in
// one place, core/mail_json.cpp: the resource (the JSON twin, docs/API.md "The outbox") and
// the screen (the mustache template's model).
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/mail.hpp"

namespace goldthread::core::mail {

struct StatusCount {
  std::string status;  // queued | sending | sent | dead
  std::int64_t count = 0;
};
struct OutboxView {
  std::string status;  // the filter ("" = every status)
  Page messages;
  std::vector<StatusCount> counts;
  int page = 1, per_page = 50;
  bool smtp_configured = false;
  std::string smtp_host;
  std::string base_href() const;
};
void to_json(nlohmann::json& j, const OutboxView& v);
void screen_json(nlohmann::json& j, const OutboxView& v, const std::string& csrf_token);

// The answer to a retry: {"retried": true}.
struct Retried {};
void to_json(nlohmann::json& j, const Retried&);

}  // namespace goldthread::core::mail
