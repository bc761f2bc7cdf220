// Follow an initiative (core::follows, type "initiative"), and ask to connect with its lead.
// Every write is audited.
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "core/follows.hpp"
#include "core/text.hpp"
#include "work/work.hpp"

namespace goldthread::work {
namespace {

core::audit::Actor actor_of(const core::Principal& p) {
  return core::audit::Actor::from(p);
}

bool initiative_exists(core::Connection& c, std::int64_t id) {
  return !c.query("SELECT id FROM initiatives WHERE id = ?", {id}).rows.empty();
}

}  // namespace

core::Status follow_initiative(core::Connection& c, const core::Principal& who, std::int64_t initiative_id) {
  if (!who.signed_in()) return core::Error{core::ErrorKind::unauthenticated, "Sign in to follow an initiative.", {}};
  core::Transaction tx(c);
  if (!initiative_exists(c, initiative_id)) return core::Error::not_found("There is no such initiative.");
  if (!core::follows::follow(c, "initiative", initiative_id, who.user_id)) return core::ok_status();
  nlohmann::json after = {{"initiative_id", initiative_id}, {"user_id", who.user_id}};
  core::audit::record(c, actor_of(who),
                      {"follow", "initiative", std::to_string(initiative_id), "", core::audit::to_text(after)});
  tx.commit();
  return core::ok_status();
}

core::Status unfollow_initiative(core::Connection& c, const core::Principal& who, std::int64_t initiative_id) {
  core::Transaction tx(c);
  if (core::follows::unfollow(c, "initiative", initiative_id, who.user_id)) {
    nlohmann::json before = {{"initiative_id", initiative_id}, {"user_id", who.user_id}};
    core::audit::record(c, actor_of(who),
                        {"unfollow", "initiative", std::to_string(initiative_id), core::audit::to_text(before), ""});
  }
  tx.commit();
  return core::ok_status();
}

core::Result<ConnectRequest> request_connection(core::Connection& c, const core::Principal& who,
                                                std::int64_t initiative_id, const std::string& message) {
  if (!who.signed_in()) return core::Error{core::ErrorKind::unauthenticated, "Sign in to connect with a project.", {}};
  if (message.empty())
    return core::Error::invalid("Check your message", {{"message", "Enter a message for the project lead"}});
  if (core::utf8_length(message) > kMaxConnectMessage)
    return core::Error::invalid("Check your message", {{"message", "Message must be 2,000 characters or fewer"}});
  core::Transaction tx(c);
  auto init = c.query("SELECT title, slug FROM initiatives WHERE id = ?", {initiative_id});
  if (init.rows.empty()) return core::Error::not_found("There is no such initiative.");
  if (!c.query("SELECT id FROM connect_requests WHERE initiative_id = ? AND user_id = ? AND status = 'new'",
               {initiative_id, who.user_id})
           .rows.empty())
    return core::Error::conflict("You have already asked to connect with this project; the lead will reply.");
  auto now = core::now_utc();
  auto id = c.query(
                 "INSERT INTO connect_requests (initiative_id, user_id, user_name, message, status, created_at, "
                 "updated_at) VALUES (?, ?, ?, ?, 'new', ?, ?) RETURNING id",
                 {initiative_id, who.user_id, who.name, message, now, now})
                .rows.at(0)
                .integer(0);
  nlohmann::json after = {{"initiative_id", initiative_id}, {"user_id", who.user_id}, {"message", message}};
  core::audit::record(c, actor_of(who),
                      {"create", "connect_request", std::to_string(id), "", core::audit::to_text(after)});
  tx.commit();
  return ConnectRequest{
      id, initiative_id, who.user_id, init.rows[0].text(0), init.rows[0].text(1), who.name, message, "new", now, "",
      ""};
}

namespace {

// "(i.lead_user_id = ? OR i.owner_organisation_id IN (…))": the requests this person answers.
std::string answerable_by(const core::Principal& lead, std::vector<core::Value>& params) {
  std::string orgs;
  params.emplace_back(lead.user_id);
  for (const auto& m : lead.memberships) {
    orgs += orgs.empty() ? "?" : ", ?";
    params.emplace_back(m.organisation_id);
  }
  std::string sql = "(i.lead_user_id = ?";
  if (!orgs.empty()) sql += " OR i.owner_organisation_id IN (" + orgs + ")";
  return sql + ")";
}

constexpr const char* kRequestCols =
    "SELECT r.id, r.initiative_id, r.user_id, i.title, i.slug, r.user_name, r.message, r.status, r.created_at, "
    "r.reply, r.replied_at FROM connect_requests r JOIN initiatives i ON i.id = r.initiative_id WHERE ";

ConnectRequest request_from_row(const core::Row& r) {
  return {r.integer(0), r.integer(1), r.integer(2), r.text(3), r.text(4), r.text(5),
          r.text(6),    r.text(7),    r.text(8),    r.text(9), r.text(10)};
}

}  // namespace

std::vector<ConnectRequest> connect_requests_for(core::Connection& c, const core::Principal& lead) {
  std::vector<core::Value> params;
  std::string sql = kRequestCols + answerable_by(lead, params) + " ORDER BY r.created_at DESC, r.id DESC LIMIT 200";
  std::vector<ConnectRequest> out;
  for (const auto& r : c.query(sql, params).rows) out.push_back(request_from_row(r));
  return out;
}

std::size_t open_connect_requests_for(core::Connection& c, const core::Principal& lead) {
  std::vector<core::Value> params;
  std::string sql =
      "SELECT count(*) FROM connect_requests r JOIN initiatives i ON i.id = r.initiative_id WHERE "
      "r.status = 'new' AND " +
      answerable_by(lead, params);
  return static_cast<std::size_t>(c.query(sql, params).rows.at(0).integer(0));
}

core::Result<ConnectRequest> store_connect_reply(core::Connection& c, const core::Principal& lead,
                                                 std::int64_t request_id, const std::string& message) {
  std::vector<core::Value> params{request_id};
  auto rs = c.query(std::string(kRequestCols) + "r.id = ?", params);
  if (rs.rows.empty()) return core::Error::not_found("There is no such request.");
  params.clear();
  params.emplace_back(request_id);
  auto mine = c.query(
      "SELECT r.id FROM connect_requests r JOIN initiatives i ON i.id = r.initiative_id WHERE r.id = ? "
      "AND " +
          answerable_by(lead, params),
      params);
  if (mine.rows.empty()) return core::Error::forbidden("Only the project's lead or its organisation can answer this.");
  auto before = request_from_row(rs.rows[0]);
  auto now = core::now_utc();
  c.query(
      "UPDATE connect_requests SET status = 'replied', reply = ?, replied_by_user_id = ?, replied_at = ?, "
      "updated_at = ? WHERE id = ?",
      {message, lead.user_id, now, now, request_id});
  auto after = before;
  after.status = "replied";
  after.reply = message;
  after.replied_at = now;
  nlohmann::json b = {{"initiative", before.initiative_title},
                      {"initiative_slug", before.initiative_slug},
                      {"status", before.status},
                      {"reply", before.reply}};
  nlohmann::json a = b;
  a["status"] = after.status;
  a["reply"] = message;
  core::audit::record(
      c, actor_of(lead),
      {"reply", "connect_request", std::to_string(request_id), core::audit::to_text(b), core::audit::to_text(a)});
  return after;
}

void redact_connect_requests(core::Connection& c, std::int64_t user_id, const std::string& name,
                             const std::string& email) {
  const std::string as_name = accounts::kDeletedName, as_email = accounts::deleted_email(user_id);
  auto redact = [&](const std::string& s) {
    auto out = core::replace_all_ignoring_case(s, email, as_email);
    return name.size() >= 3 ? core::replace_all(out, name, as_name) : out;
  };
  std::string where = "user_id = ?";
  std::vector<core::Value> params{user_id};
  for (const auto* needle : {&email, &name})
    if (needle->size() >= 3) {
      where += " OR lower(message) LIKE ? ESCAPE '\\' OR lower(reply) LIKE ? ESCAPE '\\'";
      params.emplace_back(core::like_contains(*needle));
      params.emplace_back(core::like_contains(*needle));
    }
  for (const auto& r :
       c.query("SELECT id, user_id, user_name, message, reply FROM connect_requests WHERE " + where, params).rows)
    c.query(
        "UPDATE connect_requests SET user_name = ?, message = ?, reply = ? WHERE id = ?",
        {r.integer(1) == user_id ? as_name : redact(r.text(2)), redact(r.text(3)), redact(r.text(4)), r.integer(0)});
}

}  // namespace goldthread::work
