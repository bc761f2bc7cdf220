#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/registry.hpp"

namespace goldthread::core {

struct Match {
  const Route* route = nullptr;           // null: no route
  bool method_not_allowed = false;        // the path exists for another method
  std::map<std::string, std::string> params;
};

// Method + path → route. Literal segments win over {params}; HEAD matches GET.
class Router {
 public:
  explicit Router(const std::vector<Route>& routes);
  Match match(const std::string& method, const std::string& path) const;

 private:
  struct Compiled {
    const Route* route;
    std::vector<std::string> segments;
    int literal_count;
  };
  std::vector<Compiled> routes_;
};

std::vector<std::string> split_path(const std::string& path);

}  // namespace goldthread::core
