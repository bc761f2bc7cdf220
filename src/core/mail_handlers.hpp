#pragma once
// The outbox page for site administrators: /admin/outbox (list, filter by status, pages) and
// POST /admin/outbox/{id}/retry (a dead message back to the queue, audited).
#include "core/registry.hpp"

namespace goldthread::core::mail {
void register_routes(Registry& r);
}  // namespace goldthread::core::mail
