#pragma once
// What a person wrote, removed when they choose so on deleting their account (issue 14.6).
// Person redactions (core::Registry::add_person_redaction) always run and keep what the
// person wrote, shown as "deleted user". A module whose resources people write also
// registers a remover here; accounts runs every remover first, on the connection and inside
// the transaction that deletes the account, only when the person chose "remove". Each module
// decides what removing means (comments keep their place with the text gone; answers and
// proposals are deleted).
#include <cstdint>
#include <functional>
#include <string>

namespace goldthread::core {

class Connection;

using ContributionRemover = std::function<void(Connection&, std::int64_t user_id)>;
// Process-wide, one per key (registering the same key again replaces it), like
// core::comments::attach: every App in the process runs the same modules.
void add_contribution_remover(const std::string& key, ContributionRemover remove);
// Runs every remover, in key order.
void remove_contributions(Connection& c, std::int64_t user_id);

}  // namespace goldthread::core
