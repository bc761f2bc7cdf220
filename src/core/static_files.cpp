#include "core/static_files.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace goldthread::core {
namespace fs = std::filesystem;
namespace {

std::string mime_for(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".css", "text/css; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
      {".png", "image/png"}, {".svg", "image/svg+xml"}, {".ico", "image/x-icon"}, {".json", "application/json"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json"}};
  auto ext = fs::path(path).extension().string();
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string etag_of(const std::string& body) {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(body.data()), body.size(), nullptr, 0);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return "\"" + std::string(hex) + "\"";
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  if (sodium_init() < 0) {
    problem_ = "libsodium failed to initialise";
    return;
  }
  fs::path govuk = fs::path(root) / "node_modules/govuk-frontend/dist/govuk";
  if (!fs::exists(govuk / "govuk-frontend.min.css")) {
    problem_ = "GOV.UK Frontend assets not found under " + govuk.string() + " (run `make setup`)";
  } else {
    load_dir((govuk / "assets").string(), "/assets/");
    for (const char* f : {"govuk-frontend.min.css", "govuk-frontend.min.js"}) {
      StaticFile sf{read_file(govuk / f), mime_for(f), ""};
      sf.etag = etag_of(sf.body);
      files_["/static/" + std::string(f)] = std::move(sf);
    }
  }
  load_dir((fs::path(root) / "static").string(), "/static/");
}

void StaticFiles::load_dir(const std::string& dir, const std::string& url_prefix) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    auto rel = fs::relative(e.path(), dir).generic_string();
    StaticFile sf{read_file(e.path()), mime_for(rel), ""};
    sf.etag = etag_of(sf.body);
    files_[url_prefix + rel] = std::move(sf);
  }
}

const StaticFile* StaticFiles::find(const std::string& url_path) const {
  auto it = files_.find(url_path);
  return it == files_.end() ? nullptr : &it->second;
}

std::string find_assets_root(const std::string& configured) {
  if (!configured.empty()) return configured;
  std::error_code ec;
  if (fs::exists("node_modules/govuk-frontend", ec)) return fs::current_path().string();
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
      if (fs::exists(p / "node_modules/govuk-frontend", ec)) return p.string();
      if (fs::exists(p / "share/goldthread/static", ec)) return (p / "share/goldthread").string();
    }
  }
  return fs::current_path().string();
}

}  // namespace goldthread::core
