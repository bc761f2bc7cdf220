#pragma once
// The one way a service function owns a write (see docs/ARCHITECTURE.md, "Services own
// transactions"): the handler reads and checks the form, the service opens the transaction,
// validates once, writes and audits; the handler renders whatever comes back after the
// transaction has committed or rolled back, never while it (and SQLite's write lock) is held.
#include <string>
#include <utility>

#include "core/result.hpp"
#include "core/storage.hpp"

namespace goldthread::core {

// Runs `write` (returning Result<T>) in a transaction on `c`: commits when it returns a value,
// rolls back when it returns an error. A unique or foreign-key violation (ConstraintError)
// from any statement — two people saving the same slug at the same moment — rolls back and
// becomes Error::conflict(conflict_message), a 409, on both engines.
// REQUIRES: `c` is not already in a transaction.
template <typename T, typename Write>
Result<T> transact(Connection& c, const std::string& conflict_message, Write&& write) {
  try {
    Transaction tx(c);
    Result<T> r = std::forward<Write>(write)();
    if (r) tx.commit();
    return r;
  } catch (const ConstraintError&) {
    return Error::conflict(conflict_message);
  }
}

// The same on a connection borrowed from the pool for the write.
template <typename T, typename Write>
Result<T> transact(Database& db, const std::string& conflict_message, Write&& write) {
  auto conn = db.acquire();
  return transact<T>(*conn, conflict_message, [&] { return std::forward<Write>(write)(*conn); });
}

}  // namespace goldthread::core
