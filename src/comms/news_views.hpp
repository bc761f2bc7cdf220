#pragma once
// Typed view models of the news pages and sections (news_handlers.cpp). Their two
// representations are written in one place, comms/news_json.cpp: the resource (the JSON twin,
// docs/API.md "Communications") and the screen (the mustache template's model).
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "comms/comms_service.hpp"
#include "comms/comms_store.hpp"
#include "comms/newsletter_views.hpp"
#include "core/auth.hpp"
#include "core/registry.hpp"
#include "core/result.hpp"

namespace goldthread::comms {

// /news, optionally about one ambition or area.
struct NewsListView {
  std::vector<NewsItem> news;
  std::int64_t total = 0;
  int page = 1, per_page = 20;
  std::string base_href;
  std::string ambition, area;  // the filter applied ("" = none): an ambition's slug, an area's code
};
void to_json(nlohmann::json& j, const NewsListView& v);
void screen_json(nlohmann::json& j, const NewsListView& v, bool can_publish);

// One news item.
struct NewsItemView {
  NewsItem item;
};
void to_json(nlohmann::json& j, const NewsItemView& v);
void screen_json(nlohmann::json& j, const NewsItemView& v, bool just_published);

// The publish form (a form page: its twin describes the form).
struct NewsForm {
  InterestChoices interests;
  const core::Principal* who = nullptr;  // whom they may act for
  NewsInput values;
  std::string csrf_token;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const NewsForm& f);

// The latest news on the home, ambition and area pages, and a follow link on organisation
// pages (a cached body: a link to the follow page, no form token, nothing about who looks).
struct NewsSectionView {
  std::string key = {}, heading = {};
  std::vector<NewsItem> news = {};
  std::string all_href = {}, feed_href = {};  // "" for none
  std::string follow_type = {};               // "" for no follow link
  std::int64_t follow_id = 0;
  std::string follow_label = {};
};
core::Section news_section(const NewsSectionView& v);

}  // namespace goldthread::comms
