// libFuzzer target: everything goldthread itself parses from a request before a handler sees
// it (percent-decoding, query strings, cookies, routing). Beast parses the HTTP framing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/http.hpp"
#include "core/router.hpp"

using namespace goldthread::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string s(reinterpret_cast<const char*>(data), size);
  (void)url_decode(s, true);
  (void)url_encode(s);
  auto q = parse_query(s);
  Request r;
  r.headers.add("Cookie", s);
  (void)r.cookie("gt_session");
  static const std::vector<Route> routes = {
      {"GET", "/ambitions/{slug}", Access::anyone(), nullptr, "t"},
      {"GET", "/areas/{code}", Access::anyone(), nullptr, "t"},
      {"POST", "/initiatives/{id}/edit", Access::anyone(), nullptr, "t"},
      {"GET", "/", Access::anyone(), nullptr, "t"}};
  static const Router router(routes);
  (void)router.match("GET", url_decode(s, false));
  (void)split_path(s);
  return 0;
}
