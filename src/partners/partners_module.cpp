// Table of contents of the partners capability.
#include "core/registry.hpp"
#include "partners/partners.hpp"

namespace goldthread::partners {

void register_module(core::Registry& r) {
  r.set_module("partners");
  r.add_migrations("partners");
}

}  // namespace goldthread::partners
