// News: place admins and partner members (for their organisation) publish; followers of the
// ambitions, areas and organisation it is tagged with are notified.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "comms/comms.hpp"
#include "comms/comms_service.hpp"
#include "core/search.hpp"
#include "core/service.hpp"
#include "core/text.hpp"
#include "places/places.hpp"
#include "work/work.hpp"

namespace goldthread::comms {

core::Result<NewsItem> publish_news(core::Database& db, const core::Principal& who, const core::audit::Actor& actor,
                                    const NewsInput& in) {
  std::vector<core::FieldError> errs;
  if (in.title.empty()) errs.push_back({"title", "Enter a title"});
  if (in.body_markdown.empty())
    errs.push_back({"body", "Enter the news"});
  else if (auto p = work::markdown_problem(in.body_markdown, "The news"))
    errs.push_back({"body", *p});
  const bool place_admin = who.has(core::Role::place_admin) || who.has(core::Role::site_admin);
  if (in.organisation_id == 0 && !place_admin)
    errs.push_back({"acting_for", "Select the organisation you are publishing for"});
  if (!errs.empty()) return core::Error::invalid("Check the news", errs);
  auto html = work::markdown_to_html(in.body_markdown);
  return core::transact<NewsItem>(
      db, "Another item has just taken this title; try again", [&](core::Connection& c) -> core::Result<NewsItem> {
        auto place = places::try_current_place(c);
        if (!place) return core::Error::not_found("There is no place yet.");
        NewsItem n;
        core::notifications::Notice notice;
        std::vector<core::FieldError> bad;
        auto ambitions = places::list_ambitions(c, place->id);
        for (auto id : in.ambition_ids) {
          auto a = std::find_if(ambitions.begin(), ambitions.end(), [&](const auto& x) { return x.id == id; });
          if (a == ambitions.end()) bad.push_back({"ambitions", "Select ambitions from the list"});
          n.tags.push_back("ambition:" + std::to_string(id));
          notice.also.push_back({"ambition", id});
        }
        auto areas = places::list_areas(c, place->id);
        for (const auto& code : in.areas) {
          auto a = std::find_if(areas.begin(), areas.end(), [&](const auto& x) { return x.code == code; });
          if (a == areas.end()) {
            bad.push_back({"areas", "Select areas from the list"});
            continue;
          }
          n.tags.push_back("area:" + code);
          notice.also.push_back({"area", a->id});
        }
        if (!bad.empty()) return core::Error::invalid("Check the news", {bad.front()});
        if (in.organisation_id) notice.also.push_back({"organisation", in.organisation_id});
        n.title = in.title;
        n.body_markdown = in.body_markdown;
        n.body_html = html;
        n.organisation_id = in.organisation_id;
        n.author_user_id = who.user_id;
        n.author_name = who.name;
        n.published_at = core::now_utc();
        n.slug =
            core::unique_slug(in.title, "news", [&](const std::string& s) { return store::news_slug_taken(c, s); });
        n.id = store::insert_news(c, n);
        core::audit::record(c, actor,
                            {"create", "news", std::to_string(n.id), "",
                             core::audit::to_text({{"title", n.title}, {"slug", n.slug}, {"tags", n.tags}})});
        notice.subject_type = "news";
        notice.subject_id = n.id;
        notice.kind = "news";
        notice.title = "News: " + n.title;
        notice.href = "/news/" + n.slug;
        notice.summary = core::valid_utf8(core::search::markdown_as_text(n.body_markdown).substr(0, 300));
        notice.tags = n.tags;
        notice.actor_user_id = who.user_id;
        core::notifications::publish(c, notice);
        return n;
      });
}

}  // namespace goldthread::comms
