#pragma once
// What a capability module registers: routes (each with its access rule), migrations,
// pages on the site map (section links), middleware, command-line commands and seeds.
// src/app/modules.cpp calls every register_module in one visible list; core never includes a capability.
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <typeindex>
#include <vector>

#include "core/auth.hpp"
#include "core/command.hpp"
#include "core/http.hpp"
#include "core/seed.hpp"

namespace goldthread::core {

class Context;
class Connection;
using Handler = std::function<Response(Context&)>;

struct Route {
  std::string method;   // GET, POST
  std::string pattern;  // "/ambitions/{slug}"; "{name}" matches one path segment
  Access access;        // REQUIRED: who may use it
  Handler handler;
  std::string module;  // the capability that registered it
  // GET answers may be served from memory until the data version (the newest audit record)
  // changes: the whole page for anonymous visitors, the body inside the visitor's layout for
  // signed-in ones (core::cached_body). Only for pages whose content does not depend on the
  // visitor (beyond their roles and memberships).
  bool cache_anonymous = false;
  // CPU-heavy (hashes a password, renders Markdown): the server runs it on its heavy pool so
  // that it never holds up an event loop (see ServerOptions::is_heavy).
  bool heavy = false;
  // The request carries its own credential (a one-click unsubscribe link, RFC 8058, posted by
  // a mail client without cookies): the CSRF check does not apply; the handler acts only on
  // what the token in the address names.
  bool token_authenticated = false;
};

struct Migration {
  std::string module;
  int version = 0;  // per module, ascending
  std::string name;
  std::string sql;  // portable SQL with tokens, see migrations.hpp
};

// One top-level section of the site map (docs/SITEMAP.md): an item in the header, a crumb
// after "Home" on every page under it, and a landing page. At most six, declared in one place
// (src/app/site_map.cpp); capabilities never add to the header, they add SectionLinks.
struct SiteSection {
  std::string key;      // "take-part"
  std::string label;    // "Take part": the header item, the breadcrumb and the landing's heading
  std::string href;     // the landing page, "/take-part"
  std::string summary;  // one sentence: under the landing's heading and on the home page
  int order = 100;
  // true: core serves a landing page at href listing the section's links; false: a
  // capability's own page is the landing (e.g. /areas) and shows the links itself
  // (core::section_links_model).
  bool core_landing = true;
  std::string action;  // the home page's link to it, a verb: "Find out what is happening in your area"
};
constexpr std::size_t kMaxSiteSections = 6;

// A page on a section's landing page. A link that is `planned` names something not built
// yet: listed as "coming", never linked. A built link with the same key replaces it, so a
// new capability turns "coming" into a link by registering its page.
struct SectionLink {
  std::string section;  // a SiteSection key
  std::string key;      // unique within the section
  std::string label;
  std::string href;  // empty for a planned link
  std::string description;
  int order = 100;
  bool planned = false;
  // Pages at href and below it belong to this section (header highlight, breadcrumb). false
  // for a link to a page that belongs elsewhere or everywhere (search).
  bool claims_path = true;
};

// Runs around every routed request (e.g. sessions and CSRF from the accounts module).
// before() may answer early (a 403, a redirect); after() may add headers such as cookies.
class Middleware {
 public:
  virtual ~Middleware() = default;
  virtual std::optional<Response> before(Context& ctx, const Route& route) = 0;
  virtual void after(Context& ctx, Response& res) { (void)ctx, (void)res; }
  // What to do when a route's access rule refuses: default is 403, or sign-in for anonymous.
};

// A section another capability adds to a page of this one (e.g. initiatives on an ambition
// page). A provider returns the section's model and names the template that renders it; the
// page renders it only for an HTML answer (core::sections_model), so a JSON answer never pays
// for HTML it does not send.
struct Section {
  std::string key;  // e.g. "work"; the JSON twin's sections[].key
  std::string heading;
  std::string template_name;                    // e.g. "work/ambition_section", rendered with `model`
  std::shared_ptr<const nlohmann::json> model;  // the JSON twin's sections[].model
};
// Receives the subject the page has already loaded (a places::Ambition for "ambition"), so a
// provider does not load it again. nullopt: nothing to add.
template <class Subject>
using SectionProvider = std::function<std::optional<Section>(Context&, const Subject&)>;

// A person whose account is being deleted, and what their name and address become.
struct RedactedPerson {
  std::int64_t user_id = 0;
  std::string name, email, as_name, as_email;
};
// Removes the person's name and address from what one module stores, on the connection and
// inside the transaction that deletes the account (work: requests to connect).
using PersonRedaction = std::function<void(Connection&, const RedactedPerson&)>;
// A feed the layout advertises with <link rel="alternate" type="application/atom+xml"> on the
// pages whose route pattern is `pattern` ("/ambitions/{slug}"); `href` may use the same
// placeholders ("/feeds/ambitions/{slug}"), filled from the page's address.
struct FeedLink {
  std::string pattern, title, href;
};
// A number the header shows beside "Your account" for a signed-in person (unread
// notifications); 0 shows nothing.
using AccountBadge = std::function<std::int64_t(Context&)>;

class Registry {
 public:
  // Slots and their subjects: "vision" (places::Place), "ambition" (places::Ambition), "area"
  // (places::Area), "organisation" (partners::Organisation). The page owning a slot calls
  // sections_for with the subject it loaded; asking with another type than a provider was
  // registered for is a programming error (std::logic_error).
  template <class Subject>
  void add_section(std::string slot, SectionProvider<Subject> p) {
    sections_.push_back(
        {std::move(slot), std::type_index(typeid(Subject)), [p = std::move(p)](Context& ctx, const void* subject) {
           return p(ctx, *static_cast<const Subject*>(subject));
         }});
  }
  template <class Subject>
  std::vector<Section> sections_for(const std::string& slot, Context& ctx, const Subject& subject) const {
    return sections_for(slot, std::type_index(typeid(Subject)), ctx, &subject);
  }

  void add_route(std::string method, std::string pattern, Access access, Handler handler);
  // A public GET page that may be served from memory (see Route::cache_anonymous).
  void add_cached_page(std::string pattern, Handler handler);
  // Marks an already added route as CPU-heavy (Route::heavy). Throws std::logic_error for a
  // route that was not added: a bug in the module.
  void set_heavy(const std::string& method, const std::string& pattern);
  // Marks an already added POST route as authenticated by a token in its address
  // (Route::token_authenticated). Throws std::logic_error for a route that was not added.
  void set_token_authenticated(const std::string& method, const std::string& pattern);
  // Adds every file embedded under src/<module>/migrations/NNNN_name.sql.
  void add_migrations(const std::string& module);
  void add_migration(Migration m) { migrations_.push_back(std::move(m)); }
  // The site map. add_site_section is for src/app/site_map.cpp only; it also adds the landing
  // route when core serves it. Both throw std::logic_error on a duplicate key, a seventh
  // section, or (checked by site_sections()) a link to an unknown section.
  void add_site_section(SiteSection s);
  void add_section_link(SectionLink l);
  void add_middleware(std::shared_ptr<Middleware> m) { middleware_.push_back(std::move(m)); }
  void set_module(std::string name) { current_module_ = std::move(name); }
  // A command of this module (core/command.hpp); groups ("import") are declared once.
  void add_command(Command c);
  void add_command_group(CommandGroup g) { command_groups_.push_back(std::move(g)); }
  // Loads this module's part of the place data after the migrations; seeds run in module
  // (registration) order, so a seed may rely on the ones registered before it.
  void add_seed(SeedFunction run) { seeds_.push_back({current_module_, std::move(run)}); }
  // A module's part of deleting an account (the audit trail and the outbox are core's own,
  // redacted by the accounts service). Held by this registry, so by its App: no global list.
  void add_person_redaction(PersonRedaction r) { person_redactions_.push_back(std::move(r)); }

  const std::vector<Route>& routes() const { return routes_; }
  void add_feed_link(FeedLink f) { feed_links_.push_back(std::move(f)); }
  const std::vector<FeedLink>& feed_links() const { return feed_links_; }
  void set_account_badge(AccountBadge b) { account_badge_ = std::move(b); }
  const AccountBadge& account_badge() const { return account_badge_; }
  const std::vector<Migration>& migrations() const { return migrations_; }
  // Sections by order.
  std::vector<SiteSection> site_sections() const;
  // One section's links by order: built links, then planned ones whose key no built link took.
  std::vector<SectionLink> section_links(const std::string& section) const;
  // The section a path belongs to: the longest landing href or claiming link href that is the
  // path or a parent of it (by whole segments). nullptr for "/" and pages outside every section.
  const SiteSection* section_for_path(const std::string& path) const;
  const std::vector<std::shared_ptr<Middleware>>& middleware() const { return middleware_; }
  const std::vector<Command>& commands() const { return commands_; }
  const std::vector<CommandGroup>& command_groups() const { return command_groups_; }
  const std::vector<Seed>& seeds() const { return seeds_; }
  const std::vector<PersonRedaction>& person_redactions() const { return person_redactions_; }

 private:
  std::string current_module_ = "core";
  std::vector<Route> routes_;
  std::vector<PersonRedaction> person_redactions_;
  std::vector<FeedLink> feed_links_;
  AccountBadge account_badge_;
  std::vector<Migration> migrations_;
  std::vector<SiteSection> site_sections_;
  std::vector<SectionLink> section_links_;
  std::vector<std::shared_ptr<Middleware>> middleware_;
  struct SlotProvider {
    std::string slot;
    std::type_index subject;
    std::function<std::optional<Section>(Context&, const void*)> provide;
  };
  std::vector<Section> sections_for(const std::string& slot, std::type_index subject, Context& ctx,
                                    const void* value) const;
  std::vector<SlotProvider> sections_;
  std::vector<Command> commands_;
  std::vector<CommandGroup> command_groups_;
  std::vector<Seed> seeds_;
};

}  // namespace goldthread::core
