// Follow an initiative (core::follows, type "initiative"), and ask to connect with its lead.
// Every write is audited.
#include <nlohmann/json.hpp>

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
  return ConnectRequest{id,      initiative_id, who.user_id, init.rows[0].text(0), init.rows[0].text(1), who.name,
                        message, "new",         now};
}

std::vector<ConnectRequest> connect_requests_for(core::Connection& c, const core::Principal& lead) {
  std::string orgs;
  std::vector<core::Value> params{lead.user_id};
  for (const auto& m : lead.memberships) {
    orgs += orgs.empty() ? "?" : ", ?";
    params.emplace_back(m.organisation_id);
  }
  std::string sql =
      "SELECT r.id, r.initiative_id, r.user_id, i.title, i.slug, r.user_name, r.message, r.status, r.created_at "
      "FROM connect_requests r JOIN initiatives i ON i.id = r.initiative_id WHERE (i.lead_user_id = ?";
  if (!orgs.empty()) sql += " OR i.owner_organisation_id IN (" + orgs + ")";
  sql += ") ORDER BY r.created_at DESC, r.id DESC LIMIT 200";
  std::vector<ConnectRequest> out;
  for (const auto& r : c.query(sql, params).rows)
    out.push_back(
        {r.integer(0), r.integer(1), r.integer(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.text(8)});
  return out;
}

}  // namespace goldthread::work
