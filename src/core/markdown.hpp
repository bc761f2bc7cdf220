#pragma once
// Markdown (GitHub flavour) to safe HTML: raw HTML is dropped (CMARK_OPT_DEFAULT, never
// UNSAFE) and links and images keep only http, https and mailto targets.
//
// What Markdown may produce is bounded (docs/SECURITY.md, "Markdown"): a short source can
// otherwise make a huge page (a 500-column table header pads every later line to 500 cells;
// one long link reference can be used thousands of times). Sources over a bound are refused
// with a message for the form, before cmark-gfm builds its tree.
#include <cstddef>
#include <optional>
#include <string>

namespace goldthread::core {

inline constexpr std::size_t kMaxTableColumns = 20;
inline constexpr std::size_t kMaxTableCells = 2000;      // over all tables, padded cells included
inline constexpr std::size_t kMaxMarkdownDepth = 16;     // nested lists and quotes
inline constexpr std::size_t kMaxMarkdownHtml = 200000;  // bytes of HTML

// Why `markdown` cannot be shown ("Description must …" with `field_label` as the subject), or
// nothing when it is within every bound. Renders it to measure the output.
std::optional<std::string> markdown_problem(const std::string& markdown, const std::string& field_label);
// The HTML, or nothing when a bound is exceeded.
std::optional<std::string> render_markdown(const std::string& markdown);
// The HTML; a source over a bound (stored before the bounds existed) becomes escaped plain
// text in paragraphs, which is bounded too (at most 6 bytes per source byte).
std::string markdown_to_html(const std::string& markdown);

}  // namespace goldthread::core
