#pragma once
// Files compiled into the binary (templates, migrations), keyed by their repo-relative path,
// e.g. "src/places/templates/home.mustache". Generated at build time by cmake/embed.cmake.
#include <map>
#include <optional>
#include <string_view>

namespace goldthread::core {

const std::map<std::string_view, std::string_view>& embedded_files();
std::optional<std::string_view> embedded_file(std::string_view path);

}  // namespace goldthread::core
