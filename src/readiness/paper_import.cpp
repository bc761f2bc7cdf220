// Paper answers pasted as CSV: validated whole, then written in one transaction.
#include <map>

#include "core/text.hpp"
#include "partners/partners.hpp"
#include "places/places.hpp"
#include "readiness/readiness_service.hpp"

namespace goldthread::readiness {

core::ImportReport import_paper_csv(core::Database& db, const core::audit::Actor& actor, const Round& round,
                                    const std::string& csv_text) {
  core::ImportReport rep;
  auto table = core::csv::read_table(
      csv_text, {"sheet", "sector", "area_code", "statement", "current", "desired", "evidence_text", "evidence_url"},
      {"sheet", "statement", "current", "desired"}, rep);
  if (!table || !rep.problems.empty()) return rep;
  auto fw = [&] {
    auto conn = db.acquire();
    return store::framework_of_version(*conn, round.framework_version);
  }();
  if (!fw) {
    rep.problems.push_back({0, "", "This round's framework is missing"});
    return rep;
  }
  struct Sheet {
    Respondent who;
    std::vector<Answer> answers;
    std::size_t first_row = 0;
  };
  std::map<std::string, Sheet> sheets;
  std::vector<std::string> order;
  auto level = [&](std::size_t row, const std::string& col, int& out) {
    auto v = table->get(row, col);
    if (v == "don't know" || v == "dont know" || v == "0") return out = 0, true;
    auto n = core::parse_id(v);
    if (!n || *n > kMaxLevel) {
      rep.problems.push_back({row + 1, col, "Enter a level from 1 to 5, or 0 for don't know"});
      return false;
    }
    out = static_cast<int>(*n);
    return true;
  };
  for (std::size_t i = 0; i < table->rows.size(); ++i) {
    ++rep.rows;
    auto name = table->get(i, "sheet");
    if (name.empty()) {
      rep.problems.push_back({i + 1, "sheet", "Enter the sheet's name or number"});
      continue;
    }
    auto [it, fresh] = sheets.try_emplace(name);
    Sheet& sh = it->second;
    if (fresh) {
      order.push_back(name);
      sh.first_row = i + 1;
      sh.who.sector = table->get(i, "sector");
      sh.who.area_code = table->get(i, "area_code");
      if (!sh.who.sector.empty() && !partners::is_sector(sh.who.sector))
        rep.problems.push_back({i + 1, "sector", "Enter a sector code, such as nhs or voluntary-community"});
      if (!sh.who.area_code.empty() && !places::is_area_code(sh.who.area_code))
        rep.problems.push_back({i + 1, "area_code", "Enter an ONS area code, such as E07000066"});
    }
    Answer a;
    a.statement_code = table->get(i, "statement");
    if (!fw->statement(a.statement_code)) {
      rep.problems.push_back({i + 1, "statement", "Enter the code of a statement of this round's framework"});
      continue;
    }
    if (!level(i, "current", a.current) || !level(i, "desired", a.desired)) continue;
    a.evidence_text = table->get(i, "evidence_text");
    a.evidence_url = table->get(i, "evidence_url");
    if (!a.evidence_url.empty() && a.evidence_url.rfind("https://", 0) != 0 && a.evidence_url.rfind("http://", 0) != 0)
      rep.problems.push_back({i + 1, "evidence_url", "Enter a link starting with https:// or http://"});
    sh.answers.push_back(a);
  }
  for (const auto& name : order) {
    const auto& sh = sheets[name];
    std::size_t answered = 0;
    for (const auto& b : fw->blocks)
      for (const auto& st : b.statements)
        for (const auto& a : sh.answers)
          if (a.statement_code == st.code) {
            ++answered;
            break;
          }
    std::size_t total = 0;
    for (const auto& b : fw->blocks) total += b.statements.size();
    if (answered < total)
      rep.problems.push_back({sh.first_row, "statement",
                              "Sheet " + name + " answers " + std::to_string(answered) + " of " +
                                  std::to_string(total) + " statements: every statement needs a row"});
  }
  if (!rep.problems.empty()) return rep;
  std::vector<std::pair<Respondent, std::vector<Answer>>> all;
  for (const auto& name : order) all.push_back({sheets[name].who, sheets[name].answers});
  auto r = enter_paper_answers(db, actor, round, all);
  if (!r) {
    rep.problems.push_back({0, "", r.error().message});
    return rep;
  }
  rep.created = static_cast<std::size_t>(*r);
  rep.written = true;
  return rep;
}

}  // namespace goldthread::readiness
