#pragma once
// The sanitised Markdown renderer moved to core (core/markdown.hpp) so core services such as
// comments can use it; work's names stay as aliases so every caller compiles unchanged.
#include "core/markdown.hpp"

namespace goldthread::work {

using core::kMaxMarkdownDepth;
using core::kMaxMarkdownHtml;
using core::kMaxTableCells;
using core::kMaxTableColumns;
using core::markdown_problem;
using core::markdown_to_html;
using core::render_markdown;

}  // namespace goldthread::work
