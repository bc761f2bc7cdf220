// Table of contents of the comms capability: migrations, routes, site-map links, the feeds the
// layout advertises, sections (home, ambition, area, organisation, account), the header's
// unread count, the notification mail listener, commands.
#include "accounts/accounts.hpp"
#include "comms/comms.hpp"
#include "comms/comms_handlers.hpp"
#include "core/config.hpp"
#include "core/notifications.hpp"
#include "core/registry.hpp"

namespace goldthread::comms {

namespace {
// The address in at-once notification mail: GOLDTHREAD_BASE_URL, as `serve` reads it (the
// listener runs inside other capabilities' transactions, which carry no request).
const std::string& listener_base_url() {
  static const std::string url = [] {
    core::Config cfg;
    core::apply_environment(cfg);
    return cfg.base_url;
  }();
  return url;
}
}  // namespace

void register_module(core::Registry& r) {
  using core::Access;
  using core::Role;
  r.set_module("comms");
  r.add_migrations("comms");
  core::notifications::set_listener(
      [](core::Connection& c, const core::notifications::Stored& n, const std::vector<std::int64_t>& to) {
        deliver_at_once(c, n, to, listener_base_url());
      });
  r.add_person_redaction([](core::Connection& c, const core::RedactedPerson& p) {
    store::remove_person(c, p.user_id);
    core::notifications::remove_person(c, p.user_id);
  });
  const auto admins = Access::any_of({Role::place_admin});
  const auto publishers = Access::any_of({Role::partner_member, Role::place_admin});

  // The newsletter.
  r.add_route("GET", "/newsletter", Access::anyone(), newsletter_page);
  r.add_route("POST", "/newsletter", Access::anyone(), subscribe_handler);
  r.add_route("GET", "/newsletter/check-email", Access::anyone(), check_email_page);
  r.add_route("GET", "/newsletter/confirm", Access::anyone(), confirm_page);
  r.add_route("POST", "/newsletter/confirm", Access::anyone(), confirm_handler);
  r.add_route("GET", "/newsletter/unsubscribe", Access::anyone(), unsubscribe_page);
  r.add_route("POST", "/newsletter/unsubscribe", Access::anyone(), unsubscribe_handler);
  r.set_token_authenticated("POST", "/newsletter/unsubscribe");
  r.add_cached_page("/newsletter/issues", archive_page);
  r.add_cached_page("/newsletter/issues/{id}", issue_page);
  r.add_route("GET", "/admin/newsletter", admins, admin_newsletter_page);
  r.add_route("POST", "/admin/newsletter", admins, create_issue_handler);
  r.add_route("GET", "/admin/newsletter/{id}", admins, admin_issue_page);
  r.add_route("POST", "/admin/newsletter/{id}", admins, update_issue_handler);
  r.add_route("POST", "/admin/newsletter/{id}/test", admins, test_issue_handler);
  r.add_route("POST", "/admin/newsletter/{id}/send", admins, send_issue_handler);
  r.set_heavy("POST", "/admin/newsletter");  // Markdown
  r.set_heavy("POST", "/admin/newsletter/{id}");
  r.set_heavy("POST", "/admin/newsletter/{id}/send");  // one outbox row per subscriber

  // News.
  r.add_cached_page("/news", news_page);
  r.add_route("GET", "/news/new", publishers, new_news_page);
  r.add_route("POST", "/news", publishers, create_news_handler);
  r.set_heavy("POST", "/news");
  r.add_cached_page("/news/{slug}", news_item_page);

  // Follows, notifications and mail preferences.
  r.add_route("GET", "/follow", Access::signed_in(), follow_page);
  r.add_route("POST", "/follow", Access::signed_in(), follow_handler);
  r.add_route("GET", "/notifications", Access::signed_in(), notifications_page);
  r.add_route("POST", "/notifications/read", Access::signed_in(), read_all_handler);
  r.add_route("GET", "/account/notifications", Access::signed_in(), preferences_page);
  r.add_route("POST", "/account/notifications", Access::signed_in(), preferences_handler);
  r.add_route("GET", "/notifications/stop", Access::anyone(), stop_page);
  r.add_route("POST", "/notifications/stop", Access::anyone(), stop_handler);
  r.set_token_authenticated("POST", "/notifications/stop");

  // What's happening and the feeds.
  r.add_cached_page("/happening", happening_page);
  r.add_route("GET", "/happening/following", Access::signed_in(), following_page);
  r.add_cached_page("/feeds/{name}", feed_handler);
  r.add_cached_page("/feeds/ambitions/{slug}", ambition_feed);
  r.add_cached_page("/feeds/areas/{code}", area_feed);
  r.add_feed_link({"/", "News", "/feeds/news"});
  r.add_feed_link({"/news", "News", "/feeds/news"});
  r.add_feed_link({"/events", "New events", "/feeds/events"});
  r.add_feed_link({"/initiatives", "New initiatives", "/feeds/initiatives"});
  r.add_feed_link({"/pledges", "Progress on pledges", "/feeds/pledges"});
  r.add_feed_link({"/consultations", "New consultations", "/feeds/consultations"});
  r.add_feed_link({"/happening", "What's happening", "/feeds/happening"});
  r.add_feed_link({"/ambitions/{slug}", "This ambition", "/feeds/ambitions/{slug}"});
  r.add_feed_link({"/areas/{code}", "This area", "/feeds/areas/{code}"});

  r.add_section_link({.section = "take-part",
                      .key = "newsletter",
                      .label = "Newsletter",
                      .href = "/newsletter",
                      .description = "Get news of the partnership by e-mail, on the ambitions and areas you choose.",
                      .order = 40});
  r.add_section_link({.section = "take-part",
                      .key = "happening",
                      .label = "What's happening",
                      .href = "/happening",
                      .description = "Recent activity: new initiatives and events, pledge updates and news.",
                      .order = 45});
  r.add_section_link({.section = "take-part",
                      .key = "news",
                      .label = "News",
                      .href = "/news",
                      .description = "News from the partnership and its partners.",
                      .order = 46});
  r.add_section<places::Place>("vision", vision_news_section);
  r.add_section<places::Ambition>("ambition", ambition_news_section);
  r.add_section<places::Area>("area", area_follow_section);
  r.add_section<partners::Organisation>("organisation", organisation_follow_section);
  r.add_section<core::Principal>("account", account_notifications_section);
  r.set_account_badge(unread_badge);
  register_commands(r);
}

}  // namespace goldthread::comms
