#pragma once
namespace goldthread::core {
class Registry;
}
namespace goldthread::app {
// Registers core's own routes and every capability module, in one visible list.
void register_modules(core::Registry& registry);
}  // namespace goldthread::app
