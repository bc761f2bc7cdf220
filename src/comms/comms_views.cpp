// comms view models, their JSON twins and Atom feeds.
#include "comms/comms_views.hpp"

#include <nlohmann/json.hpp>

#include "comms/comms_service.hpp"
#include "core/text.hpp"

namespace goldthread::comms {
using nlohmann::json;

namespace {

// Text for the Atom XML: escaped as HTML is (core::append_html_escaped), without the control
// characters XML 1.0 does not allow.
std::string xml(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') continue;
    core::append_html_escaped(out, ch);
  }
  return out;
}

json tag_list(const std::vector<std::string>& tags) {
  json ambitions = json::array(), areas = json::array();
  for (const auto& t : tags) {
    if (t.rfind("ambition:", 0) == 0) {
      if (auto id = core::parse_id(t.substr(9))) ambitions.push_back(*id);
    } else if (t.rfind("area:", 0) == 0) {
      areas.push_back(t.substr(5));
    }
  }
  return {{"ambition_ids", ambitions}, {"area_codes", areas}};
}

}  // namespace

json issue_resource(const Issue& i) {
  json j = {{"id", i.id},
            {"subject", i.subject},
            {"body_markdown", i.body_markdown},
            {"body_html", i.body_html},
            {"status", i.status},
            {"segment", i.segment},
            {"recipients", i.recipients},
            {"queued", i.queued},
            {"created_at", i.created_at},
            {"sent_at", i.sent_at.empty() ? json(nullptr) : json(i.sent_at)},
            {"href", "/newsletter/issues/" + std::to_string(i.id)}};
  return j;
}

json issue_item(const Issue& i) {
  auto j = issue_resource(i);
  j["sent_text"] = i.sent_at.empty() ? "" : core::display_date(i.sent_at.substr(0, 10));
  j["created_text"] = core::display_date(i.created_at.substr(0, 10));
  j["is_draft"] = i.status == "draft";
  j["is_sending"] = i.status == "sending";
  j["saved_issue"] = i.id != 0;
  j["admin_href"] = "/admin/newsletter/" + std::to_string(i.id);
  j["recipients_text"] = core::count_of(i.recipients, "subscriber");
  return j;
}

json news_resource(const NewsItem& n) {
  auto tags = tag_list(n.tags);
  return {{"id", n.id},
          {"slug", n.slug},
          {"title", n.title},
          {"body_markdown", n.body_markdown},
          {"body_html", n.body_html},
          {"ambition_ids", tags["ambition_ids"]},
          {"area_codes", tags["area_codes"]},
          {"organisation_id", n.organisation_id},
          {"author_name", n.author_name},
          {"published_at", n.published_at},
          {"href", "/news/" + n.slug}};
}

json news_item(const NewsItem& n) {
  auto j = news_resource(n);
  j["published_text"] = core::display_date(n.published_at.substr(0, 10));
  return j;
}

json notification_resource(const core::notifications::Stored& n) {
  auto tags = tag_list(n.tags);
  json j = {{"id", n.id},
            {"kind", n.kind},
            {"title", n.title},
            {"summary", n.summary},
            {"href", n.href},
            {"subject", {{"type", n.subject_type}, {"id", n.subject_id}}},
            {"ambition_ids", tags["ambition_ids"]},
            {"area_codes", tags["area_codes"]},
            {"created_at", n.created_at}};
  if (!n.read_at.empty()) j["read_at"] = n.read_at;
  return j;
}

json notification_item(const core::notifications::Stored& n) {
  auto j = notification_resource(n);
  j["when_text"] = core::display_date_time(n.created_at);
  j["kind_label"] = kind_label(n.kind);
  j["unread"] = n.read_at.empty();
  return j;
}

std::string host_of(const std::string& base_url) {
  auto s = base_url;
  if (auto p = s.find("://"); p != std::string::npos) s = s.substr(p + 3);
  if (auto p = s.find_first_of(":/"); p != std::string::npos) s = s.substr(0, p);
  return s.empty() ? "localhost" : s;
}

std::string atom_feed(const std::string& base_url, const std::string& self, const std::string& alternate,
                      const std::string& title, const std::vector<FeedEntry>& entries) {
  std::string updated = entries.empty() ? "2026-01-01T00:00:00Z" : entries.front().updated;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "  <id>tag:" + xml(host_of(base_url)) + ",2026:feed" + xml(self) + "</id>\n";
  out += "  <title>" + xml(title) + "</title>\n";
  out += "  <updated>" + xml(updated) + "</updated>\n";
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml(base_url + self) + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + xml(base_url + alternate) + "\"/>\n";
  out += "  <author><name>" + xml(host_of(base_url)) + "</name></author>\n";
  for (const auto& e : entries) {
    out += "  <entry>\n";
    out += "    <id>" + xml(e.id) + "</id>\n";
    out += "    <title>" + xml(e.title) + "</title>\n";
    out += "    <updated>" + xml(e.updated) + "</updated>\n";
    out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + xml(base_url + e.href) + "\"/>\n";
    if (!e.summary.empty()) out += "    <summary>" + xml(e.summary) + "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace goldthread::comms
