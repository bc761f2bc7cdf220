// The form binder (core/form.hpp) and the text helpers it is built on: what every form and
// JSON body in the product relies on.
#include "core/form.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/app.hpp"
#include "core/audit.hpp"
#include "core/text.hpp"

namespace goldthread::core {
namespace {

Body form_body(const std::string& urlencoded) {
  Request r;
  r.headers.set("content-type", "application/x-www-form-urlencoded");
  r.body = urlencoded;
  return parse_body(r);
}

Body json_body(const std::string& text) {
  Request r;
  r.headers.set("content-type", "application/json");
  r.body = text;
  return parse_body(r);
}

std::string message_for(const Form& f, const std::string& field) {
  for (const auto& e : f.errors())
    if (e.field == field) return e.message;
  return "";
}

TEST(Form, TrimsTextAndGivesEmptyForAMissingField) {
  auto b = form_body("title=++Warm+Spaces%09+&other=x");
  Form f(b);
  EXPECT_EQ(f.text("title", "Title", 200), "Warm Spaces");
  EXPECT_EQ(f.text("missing", "Missing", 200), "");
  EXPECT_TRUE(f.ok());
}

TEST(Form, RefusesInvalidUtf8AndControlCharactersNamingTheField) {
  auto b = form_body("name=Ann%FF%FE&title=A%00B&summary=tab%09inside&body=line%0D%0Anext%09tab");
  Form f(b);
  auto name = f.text("name", "Full name", 100);
  f.text("title", "Title", 200);
  f.text("summary", "Summary", 200);                               // a tab in a one-line field
  EXPECT_EQ(f.paragraph("body", "Body", 200), "line\nnext\ttab");  // fine where multi-line
  EXPECT_FALSE(f.ok());
  EXPECT_TRUE(f.rejected());
  EXPECT_EQ(message_for(f, "name"), "Full name must not contain control characters or invalid text");
  EXPECT_EQ(message_for(f, "title"), "Title must not contain control characters or invalid text");
  EXPECT_NE(message_for(f, "summary"), "");
  EXPECT_EQ(message_for(f, "body"), "");
  EXPECT_TRUE(is_valid_utf8(name)) << "what is shown again on the form is displayable";
  EXPECT_NO_THROW((void)nlohmann::json(name).dump());
}

TEST(Form, RefusesC1ControlsAndDel) {
  auto b = form_body("a=x%C2%85y&b=x%7Fy&c=caf%C3%A9");
  Form f(b);
  f.text("a", "A", 10);
  f.text("b", "B", 10);
  EXPECT_EQ(f.text("c", "C", 10), "café");
  auto errors = f.errors();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "a");
  EXPECT_EQ(errors[1].field, "b");
}

TEST(Form, CountsLengthInCharactersNotBytes) {
  std::string e200, e201;
  for (int i = 0; i < 200; ++i) e200 += "%C3%A9";
  e201 = e200 + "%C3%A9";
  auto ok = form_body("t=" + e200);
  Form f(ok);
  EXPECT_EQ(utf8_length(f.text("t", "Title", 200)), 200u);
  EXPECT_TRUE(f.ok());
  auto long_body = form_body("t=" + e201 + "&d=" + std::string(2001, 'x'));
  Form g(long_body);
  g.text("t", "Title", 200);
  g.paragraph("d", "Description", 2000);
  EXPECT_EQ(message_for(g, "t"), "Title must be 200 characters or fewer");
  EXPECT_EQ(message_for(g, "d"), "Description must be 2,000 characters or fewer");
  EXPECT_FALSE(g.rejected()) << "too long is an ordinary validation error";
}

TEST(Form, LinesAreTrimmedBlankLinesDroppedAndCounted) {
  auto b = form_body("s=+Anna+%0D%0A%0D%0ABen%0Acarl+&many=" + std::string("a%0A") + "b%0Ac%0Ad&wide=abcdef");
  Form f(b);
  EXPECT_EQ(f.lines("s", "Sponsors", 10, 50), (std::vector<std::string>{"Anna", "Ben", "carl"}));
  f.lines("many", "Sponsors", 3, 50);
  f.lines("wide", "Other partners", 3, 5);
  EXPECT_EQ(message_for(f, "many"), "Sponsors must be 3 lines or fewer");
  EXPECT_EQ(message_for(f, "wide"), "Each line of other partners must be 5 characters or fewer");
}

TEST(Form, RepeatedValuesAndTheirCount) {
  auto b = form_body("areas=E07000075&areas=+E07000066+&areas=&role=a&role=b&role=c");
  Form f(b);
  EXPECT_EQ(f.values("areas", "Areas", 10, 9), (std::vector<std::string>{"E07000075", "E07000066"}));
  f.values("role", "Roles", 2, 40);
  EXPECT_EQ(message_for(f, "role"), "Roles: select 2 or fewer");
}

TEST(Form, IdsAndNumbers) {
  auto b = form_body("a=12&b=&c=12abc&d=0&e=-3&n=7&m=70&x=seven");
  Form f(b);
  EXPECT_EQ(f.id("a", "Select A"), 12);
  EXPECT_EQ(f.id("b", "Select B"), 0);
  EXPECT_EQ(f.id("c", "Select C"), 0);
  EXPECT_EQ(f.id("d", "Select D"), 0);
  EXPECT_EQ(f.id("e", "Select E"), 0);
  EXPECT_EQ(f.number("n", "Count", 1, 10), 7);
  EXPECT_EQ(f.number("m", "Count", 1, 10), std::nullopt);
  EXPECT_EQ(f.number("x", "Count", 1, 10), std::nullopt);
  EXPECT_EQ(f.number("absent", "Count", 1, 10), std::nullopt);
  EXPECT_EQ(message_for(f, "c"), "Select C");
  EXPECT_EQ(message_for(f, "d"), "Select D");
  EXPECT_EQ(message_for(f, "e"), "Select E");
  EXPECT_EQ(message_for(f, "m"), "Count must be between 1 and 10");
  EXPECT_EQ(message_for(f, "x"), "Count must be a whole number");
  EXPECT_EQ(message_for(f, "b"), "");
}

TEST(Form, TheGovukDateInputRejectsImpossibleDates) {
  auto b = form_body(
      "leap-day=29&leap-month=2&leap-year=2028&"
      "noleap-day=29&noleap-month=2&noleap-year=2027&"
      "april-day=31&april-month=4&april-year=2026&"
      "part-day=1&part-month=&part-year=2026&"
      "short-day=1&short-month=4&short-year=26&"
      "empty-day=&empty-month=&empty-year=&"
      "words-day=one&words-month=4&words-year=2026&"
      "huge-day=12345678901234567890&huge-month=4&huge-year=2026");
  Form f(b);
  EXPECT_EQ(f.date("huge", "Start date"), "") << "a number too big for int is an error, not an exception";
  EXPECT_EQ(f.date("leap", "Start date"), "2028-02-29");
  EXPECT_EQ(f.date("noleap", "Start date"), "");
  EXPECT_EQ(f.date("april", "End date"), "");
  EXPECT_EQ(f.date("part", "Start date"), "");
  EXPECT_EQ(f.date("short", "Start date"), "");
  EXPECT_EQ(f.date("empty", "Start date"), "");
  f.date("words", "Start date");
  EXPECT_EQ(message_for(f, "leap"), "");
  EXPECT_EQ(message_for(f, "noleap"), "Start date must be a real date");
  EXPECT_EQ(message_for(f, "april"), "End date must be a real date");
  EXPECT_EQ(message_for(f, "part"), "Start date must include a month");
  EXPECT_EQ(message_for(f, "short"), "Year must include 4 numbers");
  EXPECT_EQ(message_for(f, "empty"), "");
  EXPECT_EQ(message_for(f, "words"), "Start date must be a real date");
}

TEST(Form, AnIsoDateFieldIsCheckedTheSameWay) {
  auto b = form_body("a=2026-04-30&b=2026-04-31&c=30/04/2026&d=");
  Form f(b);
  EXPECT_EQ(f.date("a", "Start date"), "2026-04-30");
  f.date("b", "Start date");
  f.date("c", "Start date");
  EXPECT_EQ(f.date("d", "Start date"), "");
  EXPECT_EQ(message_for(f, "b"), "Start date must be a real date, like 2026-04-01");
  EXPECT_EQ(message_for(f, "c"), "Start date must be a real date, like 2026-04-01");
}

TEST(Form, ErrorsFollowTheFormsOrderWithOneMessagePerField) {
  auto b = form_body("title=&summary=" + std::string(30, 'x') + "&links=ftp");
  Form f(b);
  f.text("title", "Title", 200);
  f.paragraph("summary", "Summary", 10);
  f.field("alignments");
  f.lines("links", "Links", 5, 100);
  // A service reports in its own order; the form's order wins, the binder's message first.
  f.add(std::vector<FieldError>{{"links", "Links must start with https://"},
                                {"summary", "Summary is wrong in another way"},
                                {"alignments", "Select ambitions of this place"},
                                {"title", "Enter a title"},
                                {"unknown", "Something else"}});
  auto e = f.invalid("Check the details");
  ASSERT_EQ(e.fields.size(), 5u);
  EXPECT_EQ(e.fields[0].field, "title");
  EXPECT_EQ(e.fields[1].field, "summary");
  EXPECT_EQ(e.fields[1].message, "Summary must be 10 characters or fewer");
  EXPECT_EQ(e.fields[2].field, "alignments");
  EXPECT_EQ(e.fields[3].field, "links");
  EXPECT_EQ(e.fields[4].field, "unknown");
  EXPECT_EQ(e.message, "Check the details");
  EXPECT_EQ(e.kind, ErrorKind::invalid);
}

TEST(Form, JsonBodiesFollowTheSameRules) {
  auto b = json_body(R"({"title":"  Warm  ","owner":12,"flag":true,"areas":["E07000075","E07000066"],
                         "sponsors":["Anna","Ben"],"note":"a\u0000b","nested":{"x":1},"list":["a"],"n":null})");
  ASSERT_EQ(b.problem, "");
  Form f(b);
  EXPECT_EQ(f.text("title", "Title", 200), "Warm");
  EXPECT_EQ(f.id("owner", "Select an owner"), 12);
  EXPECT_TRUE(f.flag("flag"));
  EXPECT_EQ(f.values("areas", "Areas", 10, 9).size(), 2u);
  EXPECT_EQ(f.lines("sponsors", "Sponsors", 10, 50), (std::vector<std::string>{"Anna", "Ben"}));
  f.text("note", "Note", 100);
  f.text("nested", "Nested", 100);
  f.text("list", "List", 100);
  EXPECT_EQ(f.text("n", "N", 100), "");
  EXPECT_EQ(message_for(f, "note"), "Note must not contain control characters or invalid text");
  EXPECT_EQ(message_for(f, "nested"), "Nested must be a single value");
  EXPECT_EQ(message_for(f, "list"), "List must be a single value");
  EXPECT_TRUE(f.rejected());
}

TEST(Form, AJsonBodyThatCannotBeReadIsOneProblem) {
  EXPECT_EQ(json_body("[1,2]").problem, "The request body must be a JSON object");
  EXPECT_EQ(json_body("{\"a\":").problem, "The request body is not valid JSON");
  EXPECT_EQ(json_body("{\"a\":\"\xff\"}").problem, "The request body is not valid JSON");
  std::string deep = "{\"a\":" + std::string(50, '[') + std::string(50, ']') + "}";
  EXPECT_NE(json_body(deep).problem.find("nested too deeply"), std::string::npos);
  std::string ok = "{\"a\":[[[1]]]}";
  EXPECT_EQ(json_body(ok).problem, "");
  auto b = json_body("{\"a\":");
  Form f(b);
  EXPECT_EQ(f.text("a", "A", 10), "");
  EXPECT_FALSE(f.ok());
  EXPECT_EQ(f.invalid("Check").message, "The request body is not valid JSON");
}

TEST(Form, OtherBodyTypesHaveNoFields) {
  Request r;
  r.headers.set("content-type", "text/plain");
  r.body = "title=x";
  EXPECT_TRUE(parse_body(r).fields.empty());
}

TEST(Text, Helpers) {
  EXPECT_EQ(trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(parse_id("42"), 42);
  EXPECT_EQ(parse_id("0"), std::nullopt);
  EXPECT_EQ(parse_id("1234567890123456789"), std::nullopt);
  EXPECT_EQ(like_contains("100%_a\\B"), "%100\\%\\_a\\\\b%");
  EXPECT_TRUE(is_area_code("E07000075"));
  EXPECT_FALSE(is_area_code("E0700007"));
  EXPECT_FALSE(is_area_code("X07000075"));
  EXPECT_EQ(with_commas(20000), "20,000");
  EXPECT_EQ(with_commas(200), "200");
  EXPECT_EQ(with_commas(1234567), "1,234,567");
}

TEST(Text, Utf8ValidityIsStrict) {
  EXPECT_TRUE(is_valid_utf8("café ✓ 𝄞 مرحبا"));
  EXPECT_FALSE(is_valid_utf8("\xff\xfe"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // a surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // over U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xe2\x9c"));          // cut short
  EXPECT_EQ(valid_utf8("a\xff"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(utf8_length("café"), 4u);
}

TEST(Text, SlugsFallBackToAReadableUniqueAddress) {
  std::set<std::string> used = {"initiative-1", "warm-spaces"};
  auto taken = [&](const std::string& s) { return used.count(s) > 0; };
  EXPECT_EQ(unique_slug("مرحبا بكم", "initiative", taken), "initiative-2");
  EXPECT_EQ(unique_slug("Warm Spaces", "initiative", taken), "warm-spaces-2");
  EXPECT_EQ(unique_slug("Cold Spaces", "initiative", taken), "cold-spaces");
}

TEST(Audit, SerialisingOddBytesNeverThrows) {
  nlohmann::json j = {{"name", "Ann\xff\xfe"}};
  std::string text;
  EXPECT_NO_THROW(text = audit::to_text(j));
  EXPECT_TRUE(is_valid_utf8(text));
}

TEST(FormInApp, TheBodyIsReadOncePerRequestAndA500IsLabelledWithItsRoute) {
  Registry reg;
  const Body* first = nullptr;
  bool same = false;
  std::string title;
  reg.add_route("POST", "/things/{slug}", Access::anyone(), [&](Context& ctx) {
    first = &ctx.body();
    Form f(ctx);
    title = f.text("title", "Title", 10);
    same = first == &ctx.body() && ctx.form_value("title") == "  Hello ";
    return Response::text("ok");
  });
  reg.add_route("POST", "/boom/{slug}", Access::anyone(), [](Context& ctx) -> Response {
    (void)ctx.body();
    throw std::runtime_error("bug");
  });
  auto db = Database::open("sqlite::memory:", 1);
  ASSERT_TRUE(db.ok());
  Config cfg;
  cfg.assets_dir = "/nonexistent";
  App app(cfg, std::move(db.value()), std::move(reg));
  Request r;
  r.method = "POST";
  r.path = r.target = "/things/a";
  r.headers.set("content-type", "application/json");
  r.body = R"({"title":"  Hello "})";
  EXPECT_EQ(app.handle(r).status, 200);
  EXPECT_TRUE(same);
  EXPECT_EQ(title, "Hello");
  Request boom = r;
  boom.path = boom.target = "/boom/a";
  EXPECT_EQ(app.handle(boom).status, 500);
  auto metrics = app.metrics().serialize();
  EXPECT_NE(metrics.find(R"(route="/boom/{slug}",status="500")"), std::string::npos) << metrics;
}

}  // namespace
}  // namespace goldthread::core
