#pragma once
// Date arithmetic and small decisions used inside the pledges capability (pure functions).
#include <optional>
#include <string>

namespace goldthread::pledges {

struct Date {
  int year = 0, month = 0, day = 0;
};
// The date at the start of "YYYY-MM-DD…" (a date or an ISO timestamp); nullopt if not real.
std::optional<Date> parse_date(const std::string& s);
// Calendar months, the day clamped to the month's last ("" for an invalid date).
std::string add_months(const std::string& date, int months);
std::string add_days(const std::string& date, int days);
// Not complete, and the due date is today or within the next kDueSoonDays days.
bool due_soon(const std::string& due_on, const std::string& today, const std::string& status);
bool is_web_link(const std::string& s);

}  // namespace goldthread::pledges
