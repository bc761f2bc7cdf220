#pragma once
// Helpers shared by the accounts handlers: request input, form fields in GOV.UK markup
// (templates/field.mustache), and the Origin passed to services.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "accounts/account_service.hpp"
#include "core/context.hpp"
#include "core/page.hpp"

namespace goldthread::accounts::web {

Origin origin(core::Context& ctx);

struct Field {
  std::string id, label, type = "text", autocomplete, value, hint;
};
// Fields as view models, with each field's error (and aria-describedby) from `e`.
nlohmann::json fields(const std::vector<Field>& list, const core::Error* e = nullptr);

// What a form page's template reads besides its fields; each key only where set.
struct FormModel {
  std::optional<std::string> next = {};    // sign in: where to go after
  std::optional<std::string> token = {};   // a new password: the reset token
  std::optional<std::string> action = {};  // accounts/form: where it posts, with button, intro, warning
  std::string button = {}, intro = {};
  bool warning = false;
  std::optional<std::string> choice = {};  // delete: "keep", "remove" or "" (keep and remove flags)
};
void to_json(nlohmann::json& j, const FormModel& m);

// A form page (not a resource: its twin describes the form): the model gets "fields", the
// csrf_token and, with an error, the GOV.UK error summary. 400 with errors, else 200.
core::Response form_page(core::Context& ctx, const std::string& tmpl, const std::string& title, const FormModel& model,
                         const std::vector<Field>& list, const core::Error* e = nullptr,
                         const std::vector<core::Crumb>& crumbs = {});

// A confirmation page (govuk-panel) with a paragraph and a link onwards.
core::Response panel(core::Context& ctx, const std::string& title, const std::string& body, const std::string& text,
                     const std::string& link, const std::string& link_text);

// Maps a service outcome to the page: errors other than invalid go to core::error_response.
inline bool is_form_error(const core::Error& e) {
  return e.kind == core::ErrorKind::invalid;
}

}  // namespace goldthread::accounts::web
