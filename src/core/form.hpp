#pragma once
// The form binder: the one way a handler reads a form post or a JSON body (see
// docs/ARCHITECTURE.md, "Reading a form"). Each call reads one field, checks it against the
// same rules whatever the body's type, and returns a clean value; problems become field
// errors kept in the order the fields were read (the form's order):
//
//   core::Form f(ctx);
//   in.title = f.text("title", "Title", kTitleMax);
//   in.description = f.paragraph("description", "Description", kDescriptionMax);
//   in.owner_id = f.id("owner_organisation_id", "Select the organisation that owns it");
//   if (!f.ok()) return show_form(ctx, in, f.invalid("Check the details"));   // 400
//   auto r = service(db, in);            // owns the transaction; validates once
//   if (!r) { f.add(r.error()); return show_form(ctx, in, f.invalid(...)); }  // after rollback
//
// Every text value is trimmed; invalid UTF-8 and control characters (other than tab and
// newline in multi-line fields) are refused with an error naming the field, and such a value
// never reaches a service; every field has a maximum length in characters (docs/LIMITS.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/result.hpp"

namespace goldthread::core {

// JSON bodies deeper than this are refused (400) before any field is read.
inline constexpr int kMaxJsonDepth = 8;

// Reads a request's body (Context::body() calls it once and keeps the result).
Body parse_body(const Request& req);

class Form {
 public:
  explicit Form(Context& ctx) : Form(ctx.body()) {}
  explicit Form(const Body& body) : body_(body) {}

  // One line of text, trimmed; "" when absent.
  std::string text(const std::string& name, const std::string& label, std::size_t max_chars);
  // Several lines (a textarea): CR LF becomes LF; tab and newline allowed; trimmed at both ends.
  std::string paragraph(const std::string& name, const std::string& label, std::size_t max_chars);
  // One entry a line (or, from JSON, an array of strings): each trimmed, blank lines dropped.
  std::vector<std::string> lines(const std::string& name, const std::string& label, std::size_t max_lines,
                                 std::size_t max_chars);
  // Every value of a repeated field (checkboxes, or a JSON array): trimmed, empties dropped.
  std::vector<std::string> values(const std::string& name, const std::string& label, std::size_t max_count,
                                  std::size_t max_chars);
  // A password or token: not trimmed, but the same byte rules and a maximum length.
  std::string secret(const std::string& name, const std::string& label, std::size_t max_chars);
  // A positive id from a select or hidden field: 0 when empty; `message` when it is not an id.
  std::int64_t id(const std::string& name, const std::string& message);
  // A whole number between min and max; nullopt when empty.
  std::optional<std::int64_t> number(const std::string& name, const std::string& label, std::int64_t min,
                                     std::int64_t max);
  // The GOV.UK date input: <name>-day, <name>-month and <name>-year, or <name> as YYYY-MM-DD
  // (JSON clients and single-field forms). "YYYY-MM-DD", or "" when left empty; an impossible
  // date (31 April, 29 February 2027) is an error.
  std::string date(const std::string& name, const std::string& label);
  // A checkbox or JSON boolean: true for "1", "true", "on" or "yes".
  bool flag(const std::string& name);

  // Declares a field's place in the form's order without reading it (for errors a service
  // reports about fields read under another name, e.g. "alignments").
  void field(const std::string& name);
  // Adds an error for a field (the first error of a field is the one shown).
  void error(const std::string& field, const std::string& message);
  // Adds a service's field errors (or, without any, its message) to the form's.
  void add(const std::vector<FieldError>& errors);
  void add(const Error& e);

  // No field errors and a readable body.
  bool ok() const { return errors_.empty() && body_.problem.empty() && general_.empty(); }
  // A field held invalid UTF-8 or control characters.
  bool rejected() const { return rejected_; }
  // One error per field, in the form's order (the order fields were read or declared).
  std::vector<FieldError> errors() const;
  // Error::invalid with `summary` and errors() (or the body's problem when it was unreadable).
  Error invalid(const std::string& summary) const;

 private:
  const std::string* one(const std::string& name, const std::string& label);
  std::vector<const std::string*> all(const std::string& name, const std::string& label);
  bool check(const std::string& name, const std::string& label, std::string& value, bool multiline,
             std::size_t max_chars);

  const Body& body_;
  std::vector<std::string> order_;
  std::vector<FieldError> errors_;
  std::string general_;
  bool rejected_ = false;
};

}  // namespace goldthread::core
