#include "core/text.hpp"

#include <cctype>

namespace goldthread::core {

std::string slugify(const std::string& text) {
  std::string out;
  for (unsigned char ch : text) {
    if (std::isalnum(ch)) out.push_back(static_cast<char>(std::tolower(ch)));
    else if (!out.empty() && out.back() != '-') out.push_back('-');
    if (out.size() >= 80) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace goldthread::core
