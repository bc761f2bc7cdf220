// The small rules of comms: kinds of notification, mail frequencies, addresses.
#include <algorithm>
#include <cctype>

#include "comms/comms.hpp"
#include "comms/comms_service.hpp"
#include "core/text.hpp"

namespace goldthread::comms {

const std::vector<Kind>& kinds() {
  // Every kind a capability publishes (core::notifications::publish), so that each can be
  // chosen, and stopped in one click.
  static const std::vector<Kind> k = {{"initiative-created", "New initiatives"},
                                      {"initiative-updated", "Changes to initiatives you follow"},
                                      {"event-published", "New events"},
                                      {"place-offered", "A place offered to you from a waiting list"},
                                      {"pledge-update", "Progress on pledges"},
                                      {"next-step-update", "Progress on next steps"},
                                      {"comment-reply", "Replies to your comments"},
                                      {"consultation-opened", "New consultations"},
                                      {"consultation-closing", "Consultations closing soon"},
                                      {"proposal-published", "New proposals"},
                                      {"proposal-answered", "Official answers to proposals"},
                                      {"news", "News"}};
  return k;
}

const std::vector<std::string>& frequencies() {
  static const std::vector<std::string> f = {"now", "daily", "weekly", "never"};
  return f;
}

std::string kind_label(const std::string& key) {
  for (const auto& k : kinds())
    if (key == k.key) return k.label;
  return key;
}

std::string normalise_email(const std::string& s) {
  auto out = core::trim(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return out;
}

bool looks_like_email(const std::string& e) {
  if (e.empty() || e.size() > kMaxEmail) return false;
  if (e.find_first_of(" \t\r\n<>,;\"()[]\\") != std::string::npos) return false;
  auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return false;
  auto domain = e.substr(at + 1);
  auto dot = domain.find('.');
  return dot != std::string::npos && dot > 0 && domain.back() != '.';
}

}  // namespace goldthread::comms
