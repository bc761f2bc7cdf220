#pragma once
// Small pure helpers shared by the work capability's files (not part of its public API).
#include <string>
#include <vector>

namespace goldthread::work {

std::string slugify(const std::string& text);  // "Joint Discharge Teams" → "joint-discharge-teams"
bool is_iso_date(const std::string& s);        // "YYYY-MM-DD" with a plausible month and day
bool is_web_link(const std::string& s);        // http://, https:// or mailto:
bool is_area_code(const std::string& s);       // ONS code, e.g. E07000075
std::string strip_markers(std::string s);      // removes \x01 and \x02 (highlight markers)
// Escapes HTML, then turns \x01…\x02 into <mark>…</mark> (unbalanced markers are dropped).
std::string highlight_html(const std::string& marked);
// A search snippet of Markdown as the words a reader sees: "**signpost** [help](/x)" →
// "signpost help". Drops emphasis and code marks, heading and quote marks at line starts and
// link targets; keeps the highlight markers \x01/\x02.
std::string markdown_as_text(const std::string& markdown);

}  // namespace goldthread::work
