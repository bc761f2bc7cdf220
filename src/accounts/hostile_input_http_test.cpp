// The standing hostile-input test (issue 10, point 10). As each persona it opens every GET
// page in the route × role table, finds every POST form on it (so a new route with a form is
// covered without a new test), and sends each field a corpus of hostile values — as a form
// post and as a JSON body, with valid CSRF tokens — plus missing, duplicate and empty fields.
// It asserts: no 5xx; no markup payload comes back unescaped in HTML; a refused write
// (4xx) writes nothing (the audit trail does not grow); the server answers /healthz after
// every form. Counts go to docs/RELIABILITY.md.
#include <gtest/gtest.h>

#include <cctype>
#include <cstring>
#include <initializer_list>
#include <set>

#include "accounts/accounts_test_support.hpp"
#include "core/audit.hpp"
#include "core/router.hpp"
#include "engagement/engagement.hpp"
#include "support/route_samples.hpp"
#include "support/test_env.hpp"

namespace goldthread::accounts {
namespace {
using namespace accounts::testing;
using goldthread::testing::HttpReply;
using goldthread::testing::route_samples;

struct Field {
  std::string name, value;  // value: the form's own default (hidden fields, selects)
};

struct Form {
  std::string action;  // a concrete path
  std::vector<Field> fields;
};

// GCC defines __SANITIZE_ADDRESS__; clang 14 (the sanitizer build) answers __has_feature.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Routes left out: they end the persona's session, so later forms would run signed out.
// Their own tests (accounts_http_test) cover them.
const std::set<std::string> kSkipped = {"/sign-out", "/sign-out-everywhere"};

// Markup whose raw appearance in an HTML answer means an escaping failure.
const std::vector<std::pair<std::string, std::string>> kMarkup = {
    {"<script>alert('gt-xss')</script>", "<script>alert('gt-xss')"},
    {"\"><img src=x onerror=alert('gt-xss')>", "<img src=x onerror"},
    {"<svg/onload=alert('gt-xss')>", "<svg/onload"},
    {"[x](javascript:alert('gt-xss'))", "href=\"javascript:"},
};

std::vector<std::string> corpus() {
  std::vector<std::string> v;
  for (const auto& [payload, _] : kMarkup) v.push_back(payload);
  for (std::string s : {"' OR '1'='1",
                        "'; DROP TABLE users; --",
                        "%' OR 1=1 --",
                        "\\",
                        "_%_",
                        "../../../../etc/passwd",
                        "..%2F..%2Fetc%2Fpasswd",
                        "/etc/passwd%00.png",
                        "{{#x}}{{/x}}{{{y}}}{{> layout}}",
                        "${7*7}<%= 7*7 %>",
                        "-1",
                        "0",
                        "-0",
                        "99999999999999999999999999",
                        "1e308",
                        "NaN",
                        "0x10",
                        "3.14",
                        "2026-02-30",
                        "31/13/2026",
                        "0000-00-00",
                        "",
                        "   ",
                        "\xe2\x80\xae"
                        "reversed",
                        "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xd8\xa8\xd9\x83\xd9\x85",
                        "\xf0\x9f\x98\x80"})
    v.push_back(s);
  v.push_back(std::string("a\0b", 3));        // NUL
  v.push_back("\xff\xfe");                    // invalid UTF-8
  v.push_back("\xc0\xaf");                    // overlong encoding
  v.push_back("\xed\xa0\x80");                // a UTF-16 surrogate
  v.push_back("bell\x07 escape\x1b[31m");     // control characters
  v.push_back(std::string(100 * 1024, 'A'));  // oversize
  v.push_back(std::string(5000, '\n'));       // many lines
  return v;
}

// A short corpus for personas after the first that sees a form: one of each family.
std::vector<std::string> short_corpus() {
  return {kMarkup[1].first, "' OR '1'='1", "\xff\xfe", std::string(100 * 1024, 'A'), "-1"};
}

std::string html_unescape(std::string s) {
  for (auto [from, to] : {std::pair{"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}})
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
      s.replace(at, std::strlen(from), to);
  return s;
}

// Pages are scanned by hand, not with std::regex: libstdc++'s regex recurses once per
// character, which overflows the stack on a large form under ASan (an initiative form lists
// up to 500 partner organisations).
std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

bool is_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

// The value of ` name="..."` in one tag (after white space), unescaped; "" when absent.
std::string attr(const std::string& tag, const std::string& name) {
  const std::string needle = name + "=\"";
  for (auto at = tag.find(needle); at != std::string::npos; at = tag.find(needle, at + 1)) {
    if (at == 0 || !is_space(tag[at - 1])) continue;
    auto start = at + needle.size(), end = tag.find('"', start);
    if (end == std::string::npos) return "";
    return html_unescape(tag.substr(start, end - start));
  }
  return "";
}

// The next tag `<word ...>` at or after `from` whose word is one of `words` (lowercase, not
// followed by a letter); npos when none. `low` is the text in lowercase.
std::size_t next_tag(const std::string& low, std::size_t from, std::initializer_list<const char*> words,
                     std::size_t& tag_end) {
  for (auto at = low.find('<', from); at != std::string::npos; at = low.find('<', at + 1)) {
    for (const char* w : words) {
      const std::size_t n = std::strlen(w);
      if (low.compare(at + 1, n, w) != 0) continue;
      const char after = at + 1 + n < low.size() ? low[at + 1 + n] : '>';
      if (std::isalnum(static_cast<unsigned char>(after))) continue;
      tag_end = low.find('>', at);
      if (tag_end == std::string::npos) return std::string::npos;
      return at;
    }
  }
  return std::string::npos;
}

// Every <form method="post"> of a page, with its fields and their defaults.
std::vector<Form> forms_of(const std::string& html, const std::string& page_path) {
  const std::string low = lower(html);
  std::vector<Form> out;
  std::size_t open_end = 0;
  for (auto at = next_tag(low, 0, {"form"}, open_end); at != std::string::npos;
       at = next_tag(low, open_end, {"form"}, open_end)) {
    const auto close = low.find("</form>", open_end);
    if (close == std::string::npos) break;
    const std::string open = html.substr(at, open_end + 1 - at);
    if (attr(open, "method") != "post") continue;
    Form f{attr(open, "action"), {}};
    if (f.action.empty()) f.action = page_path;
    std::set<std::string> seen;
    std::size_t tag_end = 0;
    for (auto c = next_tag(low, open_end, {"input", "textarea", "select"}, tag_end);
         c != std::string::npos && c < close; c = next_tag(low, tag_end, {"input", "textarea", "select"}, tag_end)) {
      const std::string tag = html.substr(c, tag_end + 1 - c), name = attr(tag, "name");
      if (name.empty() || name == "csrf_token" || !seen.insert(name).second) continue;
      std::string value = attr(tag, "value");
      if (low.compare(c, 7, "<select") == 0) {
        std::size_t option_end = 0;
        auto o = next_tag(low, tag_end, {"option"}, option_end);
        if (o != std::string::npos && o < close) value = attr(html.substr(o, option_end + 1 - o), "value");
      }
      f.fields.push_back({name, value});
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::string encode(const std::vector<Field>& fields) {
  std::string s;
  for (const auto& f : fields) s += (s.empty() ? "" : "&") + core::url_encode(f.name) + "=" + core::url_encode(f.value);
  return s;
}

std::string as_json(const std::vector<Field>& fields, const std::string& odd_field, const std::string& odd_json) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& f : fields) j[f.name] = f.value;
  std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (odd_field.empty()) return s;
  // Splice the odd value in as raw JSON text (arrays, objects, numbers, deep nesting).
  nlohmann::json k = nlohmann::json::object();
  for (const auto& f : fields)
    if (f.name != odd_field) k[f.name] = f.value;
  std::string rest = k.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return "{" + nlohmann::json(odd_field).dump() + ":" + odd_json + (rest == "{}" ? "}" : "," + rest.substr(1));
}

class HostileInput : public goldthread::testing::SharedServerTest<HostileInput> {
 protected:
  static void SetUpTestSuite() {
    use_fast_password_hashing_for_test();
    saved_limits_ = limits();
    Limits generous = saved_limits_;  // the corpus would otherwise meet 429s, not the forms
    generous.sign_in_per_account = generous.sign_in_per_address = 1000000;
    generous.reset_per_account = generous.reset_per_address = generous.sign_up_per_address = 1000000;
    set_limits_for_test(generous);
    SharedServerTest::SetUpTestSuite();
    auto& db = server_->app().db();
    org_ = make_organisation(db, "Hostile Trust");
    EXPECT_TRUE(engagement::import_polis_dir(
                    db, {}, goldthread::testing::source_dir() + "/tests/fixtures/polis/brexit-consensus")
                    .ok());
    auto add = [&](const std::string& name, std::vector<core::Role> roles) {
      personas_.push_back({name, make_user(db, name + "@example.com", std::move(roles))});
    };
    add("site-admin", {core::Role::site_admin});
    add("place-admin", {core::Role::place_admin});
    add("organisation-admin", {});
    add("partner-member", {});
    add("resident", {});
    personas_.push_back({"anonymous", 0});
    make_member(db, personas_[2].user_id, org_, true);
    make_member(db, personas_[3].user_id, org_);
    target_ = make_user(db, "hostile-target@example.com");
    // A pending request, so the organisation admin's decide form is on the page.
    EXPECT_TRUE(ask_to_join(db, principal_of(db, personas_[4].user_id), org_, test_origin()));
    auto conn = db.acquire();
    reset_token_ = random_token(32);
    store::insert_reset(*conn, sha256_hex(reset_token_), target_, iso_in(std::chrono::hours(1)));
  }
  static void TearDownTestSuite() {
    SharedServerTest::TearDownTestSuite();
    set_limits_for_test(saved_limits_);
    personas_.clear();
  }

  static std::string fill(const std::string& path) {
    return goldthread::testing::fill_lookups(fill_placeholders(path, {{"{org}", std::to_string(org_)},
                                                                      {"{user}", std::to_string(target_)},
                                                                      {"{reset_token}", reset_token_}}),
                                             server_->app().db());
  }

  static Client client_for(const Persona& p) { return session_client(server_->port(), server_->app().db(), p.user_id); }

  static std::int64_t audit_count() {
    auto conn = server_->app().db().acquire();
    core::audit::Filter f;
    f.per_page = 1;
    return core::audit::list(*conn, f).total;
  }

  static inline Limits saved_limits_;
  static inline std::vector<Persona> personas_;
  static inline std::int64_t org_ = 0, target_ = 0;
  static inline std::string reset_token_;
};

struct Tally {
  int forms = 0, requests = 0, failures = 0;
};

// One request with one odd value; checks every property and records what it sent.
void check(Client& c, const std::string& csrf, const Form& form, const std::string& body, bool json,
           const std::string& where, Tally& t, std::int64_t (*audit)()) {
  auto before = audit();
  auto h = c.headers(false);
  h["Content-Type"] = json ? "application/json" : "application/x-www-form-urlencoded";
  if (json) h["X-CSRF-Token"] = csrf;
  std::string sent = json ? body : "csrf_token=" + core::url_encode(csrf) + (body.empty() ? "" : "&" + body);
  HttpReply r = goldthread::testing::http_request(c.port, "POST", form.action, h, sent);
  c.keep(r);
  ++t.requests;
  auto fail = [&](const std::string& why) {
    ++t.failures;
    ADD_FAILURE() << why << ": " << where << " → " << r.status;
  };
  if (r.status >= 500) fail("server error");
  if (r.status >= 400 && audit() != before) fail("a refused write left an audit record");
  std::string page = r.body;
  if (r.status == 303 && r.header("location").rfind("/", 0) == 0) {
    auto next = c.get(r.header("location"));
    ++t.requests;
    if (next.status >= 500) fail("server error after redirect");
    page = next.header("content-type").rfind("text/html", 0) == 0 ? next.body : "";
  } else if (r.header("content-type").rfind("text/html", 0) != 0) {
    page.clear();
  }
  for (const auto& [_, raw] : kMarkup)
    if (page.find(raw) != std::string::npos) fail("unescaped markup '" + raw + "' in the answer");
}

TEST_F(HostileInput, EveryFormSurvivesTheCorpusAsEveryPersona) {
  core::Router router(server_->app().registry().routes());
  std::set<std::string> covered_routes;  // "POST pattern"
  std::set<std::string> tested;          // action + field names, after the first persona
  Tally t;
  const auto full = corpus(), brief = short_corpus();
  const std::vector<std::string> single = {kMarkup[1].first};
  for (const auto& p : personas_) {
    auto c = client_for(p);
    std::vector<Form> forms;
    std::set<std::string> actions;
    for (const auto& s : route_samples()) {
      if (s.method != "GET") continue;
      auto path = fill(s.path);
      auto page = c.get(path);
      if (page.status != 200 || page.header("content-type").rfind("text/html", 0) != 0) continue;
      for (auto& f : forms_of(page.body, path))
        if (!kSkipped.count(f.action) && actions.insert(f.action).second) forms.push_back(std::move(f));
    }
    // A POST route whose form this persona's pages do not show is still sent the corpus, with
    // the fields of its row in the route table.
    for (const auto& s : route_samples()) {
      if (s.method != "POST" || kSkipped.count(s.pattern)) continue;
      auto path = fill(s.path);
      if (actions.count(path)) continue;
      Form f{path, {}};
      for (const auto& [k, v] : core::parse_query(s.body)) f.fields.push_back({k, v});
      actions.insert(path);
      forms.push_back(std::move(f));
    }
    for (const auto& form : forms) {
      auto m = router.match("POST", form.action.substr(0, form.action.find('?')));
      if (!m.route) continue;  // a form to another site, or a GET search form
      covered_routes.insert(m.route->pattern);
      std::string key = form.action;
      for (const auto& f : form.fields) key += "|" + f.name;
      // The first persona to see a form gets everything; later ones the short corpus, to
      // check that who is asking changes nothing. Under the sanitizers the first gets the
      // short corpus and later ones a single markup value per field (the run's cost is this
      // test's; every value family still meets every field under the sanitizers, once).
      const bool first = tested.insert(key).second;
      const auto& values = first ? (kSanitized ? brief : full) : (kSanitized ? single : brief);
      ++t.forms;
      std::string csrf = c.csrf();
      auto where = [&](const std::string& what) { return "POST " + form.action + " as " + p.name + ": " + what; };
      // Each field in turn gets each value, the others keep the form's defaults.
      for (const auto& field : form.fields) {
        for (const auto& v : values) {
          auto fields = form.fields;
          for (auto& f : fields)
            if (f.name == field.name) f.value = v;
          check(c, csrf, form, encode(fields), false, where(field.name + " (" + std::to_string(v.size()) + " bytes)"),
                t, audit_count);
        }
        if (!first) continue;
        // Structure: the field missing, sent twice, and odd JSON shapes where a string belongs.
        std::vector<Field> without;
        for (const auto& f : form.fields)
          if (f.name != field.name) without.push_back(f);
        check(c, csrf, form, encode(without), false, where(field.name + " missing"), t, audit_count);
        check(c, csrf, form, encode(form.fields) + "&" + core::url_encode(field.name) + "=second", false,
              where(field.name + " twice"), t, audit_count);
        for (std::string odd : {"[\"a\",\"b\"]", "{\"a\":1}", "12345678901234567890", "-1.5e400", "null", "true"})
          check(c, csrf, form, as_json(form.fields, field.name, odd), true, where(field.name + " as JSON " + odd), t,
                audit_count);
        check(c, csrf, form, as_json(form.fields, field.name, std::string(5000, '[') + std::string(5000, ']')), true,
              where(field.name + " nested 5000 deep"), t, audit_count);
      }
      check(c, csrf, form, "", false, where("empty body"), t, audit_count);
      check(c, csrf, form, "{not json", true, where("malformed JSON"), t, audit_count);
      auto health = goldthread::testing::http_get(server_->port(), "/healthz");
      EXPECT_EQ(health.status, 200) << "unhealthy after " << where("batch");
      if (t.failures > 50) FAIL() << "stopping after 50 failures";
    }
  }
  std::cout << "[hostile] " << t.forms << " form batches, " << t.requests << " requests, " << covered_routes.size()
            << " POST routes, " << t.failures << " failures\n";
  // Every POST route whose form appears on a page is walked; the rest are named so that a
  // new form-less route is a visible decision, not a silent gap.
  for (const auto& r : server_->app().registry().routes())
    if (r.method == "POST" && !covered_routes.count(r.pattern) && !kSkipped.count(r.pattern))
      std::cout << "[hostile] no form on any page for POST " << r.pattern << "\n";
  EXPECT_GE(covered_routes.size(), 10u);  // guards against a walk that finds no forms
}

}  // namespace
}  // namespace goldthread::accounts
