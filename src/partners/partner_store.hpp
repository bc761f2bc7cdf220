#pragma once
// Store helpers of the partners capability shared by its own files (not its public API).
#include <cstdint>
#include <string>

#include "partners/partners.hpp"

namespace goldthread::partners {

// The organisation's entry in core's search index (type "organisation").
void index_organisation(core::Connection& c, const Organisation& o);
void index_all_organisations(core::Connection& c);
// 0 when no organisation has exactly this name (the first by id when several do).
std::int64_t organisation_id_by_name(core::Connection& c, const std::string& name);

}  // namespace goldthread::partners
