#pragma once
// Markdown (GitHub flavour) to safe HTML: raw HTML is dropped (CMARK_OPT_DEFAULT, never
// UNSAFE) and links and images keep only http, https and mailto targets.
#include <string>

namespace goldthread::work {

std::string markdown_to_html(const std::string& markdown);

}  // namespace goldthread::work
