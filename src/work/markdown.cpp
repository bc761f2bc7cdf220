#include "work/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

namespace goldthread::work {
namespace {

bool allowed_url(const char* url) {
  if (!url) return true;
  std::string u(url);
  return u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0 || u.rfind("mailto:", 0) == 0 ||
         (!u.empty() && (u[0] == '/' || u[0] == '#') && u.rfind("//", 0) != 0);
}

// Links with any other scheme (javascript:, data:, vbscript:) lose their target.
void clean_links(cmark_node* root) {
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> it(cmark_iter_new(root), cmark_iter_free);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it.get());
    auto type = cmark_node_get_type(n);
    if ((type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) && !allowed_url(cmark_node_get_url(n)))
      cmark_node_set_url(n, "");
  }
}

}  // namespace

std::string markdown_to_html(const std::string& markdown) {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
  const int options = CMARK_OPT_DEFAULT;  // never CMARK_OPT_UNSAFE: raw HTML becomes a comment
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(options), cmark_parser_free);
  for (const char* name : {"autolink", "strikethrough", "table"})
    if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(cmark_parser_finish(parser.get()), cmark_node_free);
  clean_links(doc.get());
  char* html = cmark_render_html(doc.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html ? html : "");
  free(html);  // NOLINT: allocated by cmark with the default allocator
  return out;
}

}  // namespace goldthread::work
