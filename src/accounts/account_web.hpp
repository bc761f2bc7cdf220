#pragma once
// Helpers shared by the accounts handlers: request input, form fields in GOV.UK markup
// (templates/field.mustache), and the Origin passed to services.
#include <nlohmann/json.hpp>
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

// A form page: the model gets "fields" and, with an error, the GOV.UK error summary. 400 with
// errors, else 200.
core::Response form_page(core::Context& ctx, const std::string& tmpl, const std::string& title, nlohmann::json model,
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
