#pragma once
// One keyset page of an indicator's public points (points_store.cpp), for the streamed exports.
// Its own header so that the exports' store read does not rebuild every outcomes file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "outcomes/outcomes_store.hpp"

namespace goldthread::outcomes::store {

// The points public on `today`, in points_of's order (period, then area): at most `limit`
// after `after` (nullptr: from the first).
std::vector<Point> points_page(core::Connection& c, std::int64_t indicator_id, const std::string& today,
                               const Point* after, std::size_t limit);

}  // namespace goldthread::outcomes::store
