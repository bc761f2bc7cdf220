#include "accounts/account_web.hpp"

#include <nlohmann/json.hpp>

#include "core/app.hpp"

namespace goldthread::accounts::web {

Origin origin(core::Context& ctx) {
  return {ctx.request().remote_addr, ctx.app().config().base_url, ctx.request().request_id};
}

nlohmann::json fields(const std::vector<Field>& list, const core::Error* e) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : list) {
    nlohmann::json j = {
        {"id", f.id}, {"label", f.label}, {"type", f.type}, {"autocomplete", f.autocomplete}, {"value", f.value}};
    std::string describedby;
    if (!f.hint.empty()) {
      j["hint"] = f.hint;
      describedby = f.id + "-hint";
    }
    if (e)
      for (const auto& fe : e->fields)
        if (fe.field == f.id) {
          j["error"] = fe.message;
          describedby += (describedby.empty() ? "" : " ") + f.id + "-error";
          break;
        }
    if (!describedby.empty()) j["describedby"] = describedby;
    out.push_back(std::move(j));
  }
  return out;
}

void to_json(nlohmann::json& j, const FormModel& m) {
  j = nlohmann::json::object();
  if (m.next) j["next"] = *m.next;
  if (m.token) j["token"] = *m.token;
  if (m.action) {
    j["action"] = *m.action;
    j["button"] = m.button;
    j["intro"] = m.intro;
    j["warning"] = m.warning;
  }
  if (m.choice) {
    j["keep"] = *m.choice == "keep";
    j["remove"] = *m.choice == "remove";
  }
}

core::Response form_page(core::Context& ctx, const std::string& tmpl, const std::string& title, const FormModel& form,
                         const std::vector<Field>& list, const core::Error* e, const std::vector<core::Crumb>& crumbs) {
  nlohmann::json model = form;
  model["fields"] = fields(list, e);
  model["csrf_token"] = ctx.csrf_token;
  if (e) core::attach_errors(model, *e);
  return core::render_page(ctx, tmpl, title, model, e ? 400 : 200, crumbs);
}

core::Response panel(core::Context& ctx, const std::string& title, const std::string& body, const std::string& text,
                     const std::string& link, const std::string& link_text) {
  return core::render_page(
      ctx, "accounts/panel", title,
      {{"title", title}, {"body", body}, {"text", text}, {"link", link}, {"link_text", link_text}});
}

}  // namespace goldthread::accounts::web
