#pragma once
// Static assets loaded into memory at start-up: GOV.UK Frontend's CSS, JS, fonts and images
// (from npm) and our own static/ folder. Served with long-cache headers and an ETag.
#include <map>
#include <optional>
#include <string>

namespace goldthread::core {

struct StaticFile {
  std::string body;
  std::string content_type;
  std::string etag;  // quoted strong validator
};

class StaticFiles {
 public:
  // root: the folder holding static/ and node_modules/govuk-frontend. Missing folders are
  // reported by ok() == false with a message, so `serve` can say what to run.
  explicit StaticFiles(const std::string& root);
  const StaticFile* find(const std::string& url_path) const;
  bool ok() const { return problem_.empty(); }
  const std::string& problem() const { return problem_; }
  std::size_t count() const { return files_.size(); }

 private:
  void load_dir(const std::string& dir, const std::string& url_prefix);
  std::map<std::string, StaticFile> files_;
  std::string problem_;
};

// Finds the assets root: the explicit setting, else the current directory, else the
// executable's install prefix (share/goldthread).
std::string find_assets_root(const std::string& configured);

}  // namespace goldthread::core
