#pragma once
// The readiness pages (readiness_handlers.cpp: reading; answer_handlers.cpp: forms).
#include "core/context.hpp"
#include "core/http.hpp"

namespace goldthread::readiness {

core::Response index_page(core::Context& ctx);
core::Response framework_page(core::Context& ctx);
core::Response framework_post(core::Context& ctx);
core::Response framework_block_page(core::Context& ctx);
core::Response framework_block_post(core::Context& ctx);
core::Response new_round_page(core::Context& ctx);
core::Response new_round_post(core::Context& ctx);
core::Response round_page(core::Context& ctx);
core::Response round_report(core::Context& ctx);
core::Response round_csv(core::Context& ctx);
core::Response round_json(core::Context& ctx);
core::Response compare_page(core::Context& ctx);
core::Response answer_page(core::Context& ctx);
core::Response answer_post(core::Context& ctx);
core::Response paper_page(core::Context& ctx);
core::Response paper_post(core::Context& ctx);
core::Response action_post(core::Context& ctx);
core::Response action_page(core::Context& ctx);
core::Response action_progress_post(core::Context& ctx);

}  // namespace goldthread::readiness
