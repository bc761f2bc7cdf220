#pragma once
// The comms pages (newsletter_handlers.cpp, news_handlers.cpp, notification_handlers.cpp,
// feed_handlers.cpp).
#include <optional>

#include "comms/comms_service.hpp"
#include "comms/newsletter_views.hpp"
#include "core/context.hpp"
#include "core/http.hpp"
#include "core/registry.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"

namespace goldthread::comms {
using core::Response;

Origin origin_of(core::Context& ctx);
// The place's ambitions and areas as checkbox choices ("ambition:<id>", "area:<code>").
InterestChoices interest_choices(core::Context& ctx, const std::vector<std::string>& selected);
// true when every value is one of the place's ambitions or areas.
bool known_interests(core::Context& ctx, const std::vector<std::string>& values);
// A path on this site to go back to after a form ("/..." but not "//..."), else `fallback`.
std::string local_path(const std::string& s, const std::string& fallback);

// newsletter
Response newsletter_page(core::Context& ctx);
Response subscribe_handler(core::Context& ctx);
Response check_email_page(core::Context& ctx);
Response confirm_page(core::Context& ctx);
Response confirm_handler(core::Context& ctx);
Response unsubscribe_page(core::Context& ctx);
Response unsubscribe_handler(core::Context& ctx);
Response archive_page(core::Context& ctx);
Response issue_page(core::Context& ctx);
Response admin_newsletter_page(core::Context& ctx);
Response create_issue_handler(core::Context& ctx);
Response admin_issue_page(core::Context& ctx);
Response update_issue_handler(core::Context& ctx);
Response test_issue_handler(core::Context& ctx);
Response send_issue_handler(core::Context& ctx);

// news
Response news_page(core::Context& ctx);
Response new_news_page(core::Context& ctx);
Response create_news_handler(core::Context& ctx);
Response news_item_page(core::Context& ctx);
std::optional<core::Section> vision_news_section(core::Context& ctx, const places::Place& p);
std::optional<core::Section> ambition_news_section(core::Context& ctx, const places::Ambition& a);
std::optional<core::Section> area_follow_section(core::Context& ctx, const places::Area& a);
std::optional<core::Section> organisation_follow_section(core::Context& ctx, const partners::Organisation& o);

// follows, notifications, preferences
Response follow_page(core::Context& ctx);
Response follow_handler(core::Context& ctx);
Response notifications_page(core::Context& ctx);
Response read_all_handler(core::Context& ctx);
Response preferences_page(core::Context& ctx);
Response preferences_handler(core::Context& ctx);
Response stop_page(core::Context& ctx);
Response stop_handler(core::Context& ctx);
std::optional<core::Section> account_notifications_section(core::Context& ctx, const core::Principal& who);
std::int64_t unread_badge(core::Context& ctx);

// what's happening and feeds
Response happening_page(core::Context& ctx);
Response following_page(core::Context& ctx);
Response feed_handler(core::Context& ctx);
Response ambition_feed(core::Context& ctx);
Response area_feed(core::Context& ctx);

void register_commands(core::Registry& r);

}  // namespace goldthread::comms
