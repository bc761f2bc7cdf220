#include "core/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>
#include <string_view>

#include "core/text.hpp"

namespace goldthread::core {
namespace {

using Parser = std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)>;
using Node = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>;
using Iter = std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)>;

constexpr int kOptions = CMARK_OPT_DEFAULT;  // never CMARK_OPT_UNSAFE: raw HTML becomes a comment

bool allowed_url(const char* url) {
  if (!url) return true;
  std::string u(url);
  return u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0 || u.rfind("mailto:", 0) == 0 ||
         (!u.empty() && (u[0] == '/' || u[0] == '#') && u.rfind("//", 0) != 0);
}

std::string with_commas(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

// A line as the table extension sees it once block-quote markers and indentation are gone.
std::string_view table_text(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '>')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

// A GFM delimiter row ("| --- | :-: |"): its number of columns, else 0.
std::size_t delimiter_columns(std::string_view t) {
  if (t.find('|') == std::string_view::npos || t.find('-') == std::string_view::npos) return 0;
  if (t.find_first_not_of("|-: \t") != std::string_view::npos) return 0;
  if (t.front() == '|') t.remove_prefix(1);
  if (!t.empty() && t.back() == '|') t.remove_suffix(1);
  std::size_t cols = 1;
  for (char ch : t) cols += ch == '|';
  return cols;
}

// Before parsing: cmark-gfm pads every row of a table to the header's width while it builds
// the tree, so the cells must be counted from the source. Counts conservatively: every
// non-blank line after a delimiter row is taken for a row of the table.
std::optional<std::string> table_problem(const std::string& md, const std::string& label) {
  std::size_t cells = 0, columns = 0;
  std::string_view rest = md;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    auto t = table_text(rest.substr(0, nl));
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (auto d = delimiter_columns(t)) {
      if (d > kMaxTableColumns)
        return label + " must not have a table of more than " + std::to_string(kMaxTableColumns) + " columns";
      columns = d;
      cells += 2 * d;  // the header row and this one
    } else if (t.empty()) {
      columns = 0;
    } else {
      cells += columns;
    }
    if (cells > kMaxTableCells)
      return label + " must not have more than " + with_commas(kMaxTableCells) + " table cells";
  }
  return std::nullopt;
}

Node parse(const std::string& md, Parser& parser) {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
  for (const char* name : {"autolink", "strikethrough", "table"})
    if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), md.data(), md.size());
  return Node(cmark_parser_finish(parser.get()), cmark_node_free);
}

// Links with any other scheme (javascript:, data:, vbscript:) lose their target; measures
// the nesting on the way (these types are containers: the iterator exits each it enters).
std::size_t clean_links_and_measure_depth(cmark_node* root) {
  Iter it(cmark_iter_new(root), cmark_iter_free);
  cmark_event_type ev;
  std::size_t depth = 0, deepest = 0;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it.get());
    auto type = cmark_node_get_type(n);
    bool nests = type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST || type == CMARK_NODE_EMPH ||
                 type == CMARK_NODE_STRONG || type == CMARK_NODE_LINK;
    if (ev == CMARK_EVENT_EXIT) {
      if (nests) --depth;
      continue;
    }
    if (nests && ++depth > deepest) deepest = depth;
    if ((type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) && !allowed_url(cmark_node_get_url(n)))
      cmark_node_set_url(n, "");
  }
  return deepest;
}

struct Rendered {
  std::string html;
  std::optional<std::string> problem;
};

Rendered render_checked(const std::string& md, const std::string& label) {
  if (auto p = table_problem(md, label)) return {"", p};
  Parser parser(cmark_parser_new(kOptions), cmark_parser_free);
  Node doc = parse(md, parser);
  if (clean_links_and_measure_depth(doc.get()) > kMaxMarkdownDepth)
    return {"", label + " must not nest lists, quotes or emphasis more than " + std::to_string(kMaxMarkdownDepth) +
                    " deep"};
  char* html = cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html ? html : "");
  free(html);  // NOLINT: allocated by cmark with the default allocator
  if (out.size() > kMaxMarkdownHtml)
    return {"", label + " is too long once formatted (over " + with_commas(kMaxMarkdownHtml) +
                    " characters of web page): repeat links less often or make tables smaller"};
  return {std::move(out), std::nullopt};
}

std::string escaped_paragraphs(const std::string& text) {
  std::string out = "<p>";
  std::size_t newlines = 0;
  for (char ch : text) {
    if (ch == '\r') continue;
    if (ch == '\n') {
      if (++newlines == 2)
        out += "</p>\n<p>";
      else if (newlines == 1)
        out += '\n';
      continue;
    }
    newlines = 0;
    core::append_html_escaped(out, ch);
  }
  return out + "</p>\n";
}

}  // namespace

std::optional<std::string> markdown_problem(const std::string& markdown, const std::string& field_label) {
  return render_checked(markdown, field_label).problem;
}

std::optional<std::string> render_markdown(const std::string& markdown) {
  auto r = render_checked(markdown, "Text");
  if (r.problem) return std::nullopt;
  return std::move(r.html);
}

std::string markdown_to_html(const std::string& markdown) {
  if (auto html = render_markdown(markdown)) return *html;
  return escaped_paragraphs(markdown);
}

}  // namespace goldthread::core
