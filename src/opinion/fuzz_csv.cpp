// libFuzzer target: arbitrary bytes as each Pol.is CSV format, then (when they parse) a
// full engine update. Bad input must come back as an Error value, never a crash or UB.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "opinion/engine.hpp"
#include "opinion/polis_csv.hpp"

using namespace goldthread::opinion;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto comments = parse_comments_csv(text);
  auto votes = parse_votes_csv(text);
  auto pv = parse_participants_votes_csv(text);
  if (votes.ok() && votes.value().size() <= 2000) {
    Params p;
    p.max_participants = 200;
    p.max_comments = 50;
    Engine e(p);
    e.add_votes(votes.value());
    if (comments.ok()) e.set_moderation(moderation_of(comments.value()));
    e.update();
  }
  if (pv.ok() && pv.value().votes.size() <= 2000) {
    Engine e;
    e.add_votes(pv.value().votes);
    e.update();
  }
  return 0;
}
