// The two representations of the news pages and sections, in one place
// (comms/news_views.hpp). Handlers build the structs and never write JSON themselves.
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "comms/comms_views.hpp"
#include "comms/news_views.hpp"
#include "core/json_values.hpp"
#include "core/page.hpp"
#include "core/text.hpp"

namespace goldthread::comms {
using nlohmann::json;

namespace {}  // namespace

void to_json(json& j, const NewsListView& v) {
  json items = json::array();
  for (const auto& n : v.news) items.push_back(news_resource(n));
  j = {{"news", items},
       {"total", v.total},
       {"filters", {{"ambition", core::text_or_null(v.ambition)}, {"area", core::text_or_null(v.area)}}},
       {"pagination", core::resource_pagination(v.base_href, v.page, v.per_page, v.total)},
       {"feed", "/feeds/news"}};
}

void screen_json(json& j, const NewsListView& v, bool can_publish) {
  json items = json::array();
  for (const auto& n : v.news) items.push_back(news_item(n));
  j = {{"news", items},
       {"has_news", !items.empty()},
       {"total_text", core::count_of(v.total, "item")},
       {"can_publish", can_publish},
       {"filtered", !v.ambition.empty() || !v.area.empty()},
       {"pagination", core::pagination(v.base_href, v.page, v.per_page, v.total)}};
}

void to_json(json& j, const NewsItemView& v) {
  j = news_resource(v.item);
}

void screen_json(json& j, const NewsItemView& v, bool just_published) {
  j = {{"item", news_item(v.item)}, {"published", just_published}};
}

void to_json(json& j, const NewsForm& f) {
  static const core::Principal nobody;
  const auto& who = f.who ? *f.who : nobody;
  j = {{"interests", f.interests},
       {"acting_for", accounts::acting_for_choices(who, f.values.organisation_id)},
       {"has_organisations", !who.memberships.empty()},
       {"values", {{"title", f.values.title}, {"body", f.values.body_markdown}}},
       {"csrf_token", f.csrf_token},
       {"error_for", json::object()}};
  if (f.error) core::attach_errors(j, *f.error);
}

core::Section news_section(const NewsSectionView& v) {
  json items = json::array();
  for (const auto& n : v.news) items.push_back(news_item(n));
  json model = {{"news", items}, {"has_news", !items.empty()}};
  if (!v.all_href.empty()) model["all_href"] = v.all_href;
  if (!v.feed_href.empty()) model["feed_href"] = v.feed_href;
  if (!v.follow_type.empty())
    model["follow"] = {{"href", "/follow?type=" + v.follow_type + "&id=" + std::to_string(v.follow_id)},
                       {"label", v.follow_label}};
  return core::make_section(v.key, v.heading, "comms/news_section", model);
}

}  // namespace goldthread::comms
