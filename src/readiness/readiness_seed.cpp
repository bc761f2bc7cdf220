// The bundled framework and the open example round (labelled as an example).
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/audit.hpp"
#include "core/service.hpp"
#include "places/places.hpp"
#include "pledges/pledges.hpp"
#include "readiness/readiness.hpp"
#include "readiness/readiness_service.hpp"
#include "readiness/readiness_store.hpp"

namespace goldthread::readiness {

namespace {

// A deterministic spread of levels around a block's typical level (no randomness between runs).
int level(int base, int person, int statement) {
  int wobble = ((person * 7 + statement * 3) % 5) - 2;  // -2..2
  int v = base + (wobble > 1 ? 1 : (wobble < -1 ? -1 : wobble));
  return v < 1 ? 1 : (v > 5 ? 5 : v);
}

}  // namespace

core::Result<core::SeedReport> seed_bundled(core::Database& db, const std::string& place_file) {
  core::SeedReport rep;
  auto path = std::filesystem::path(place_file).parent_path().parent_path() / "readiness" / "essex-framework.json";
  std::ifstream in(path);
  if (!in) {
    rep.summary = "No bundled readiness framework beside the place file";
    return rep;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto f = parse_framework(ss.str());
  if (!f) return f.error();
  return core::transact<core::SeedReport>(
      db, "The readiness framework was seeded at the same moment",
      [&](core::Connection& c) -> core::Result<core::SeedReport> {
        if (store::latest_framework(c)) {
          rep.unchanged = 1;
          rep.summary = "Readiness framework already present";
          return rep;
        }
        core::audit::Actor system;
        Framework v1 = *f;
        v1.version = 1;
        store::insert_framework(c, v1);
        core::audit::record(
            c, system,
            {"create", "readiness-framework", "1", "", core::audit::to_text(nlohmann::json{{"version", 1}})});
        // The example round: open from the start of this month to the end of next year.
        auto today = core::now_utc().substr(0, 10);
        RoundInput ri;
        ri.name = "Essex readiness self-assessment (example)";
        ri.mode = "individual";
        ri.opens_on = today.substr(0, 8) + "01";
        ri.closes_on = std::to_string(std::stoi(today.substr(0, 4)) + 1) + "-12-31";
        ri.is_example = true;
        auto round = open_round_in(c, system, ri);
        if (!round) return round.error();
        std::vector<std::string> areas;
        if (auto place = places::try_current_place(c))
          for (const auto& a : places::list_areas(c, place->id))
            if (a.tier == "lower" || a.tier == "unitary") areas.push_back(a.code);
        // Typical levels by block, loosely after Collaborate's reading of Essex (seed 003):
        // good examples of delivery and a shared vision, weaker data, platforms and funding.
        const int base[] = {3, 3, 2, 2, 3, 3, 2, 2, 3};
        const char* sectors[] = {"county-council",      "district-council", "nhs",
                                 "voluntary-community", "police",           "business"};
        const int people[] = {7, 6, 6, 6, 3, 2};  // business and police stay under the threshold
        int person = 0;
        for (int s = 0; s < 6; ++s)
          for (int k = 0; k < people[s]; ++k, ++person) {
            Submission r;
            r.respondent_key = "example:" + std::to_string(person + 1);
            r.sector = sectors[s];
            r.area_code = areas.empty() ? "" : areas[person % areas.size()];
            r.status = "submitted";
            r.source = "example";
            r.updated_at = r.submitted_at = core::now_utc();
            r.id = store::save_response(c, round->id, r);
            std::vector<Answer> answers;
            int b = 0;
            for (const auto& blk : v1.blocks) {
              int st = 0;
              for (const auto& stmt : blk.statements) {
                int cur = (person + st) % 11 == 0 ? 0 : level(base[b % 9] + (s == 3 && b == 6 ? -1 : 0), person, st);
                int des = std::min(5, std::max(cur, base[b % 9]) + 1 + (person + st) % 2);
                answers.push_back({stmt.code, cur, des, "", ""});
                ++st;
              }
              ++b;
            }
            store::replace_answers(c, r.id, answers);
          }
        // One example action on a weak block, kept by the commitment mechanism like any other.
        pledges::CommitmentInput ci;
        ci.kind = "readiness-action";
        ci.href_prefix = "/readiness/actions/";
        ci.text = "Agree which data each partner will share to track the shared outcomes (an example action)";
        ci.owner_name = "Essex Partners (example)";
        ci.source_key = "readiness-example-action-1";
        auto m = pledges::create_commitment_in(c, system, ci);
        if (!m) return m.error();
        store::insert_action(c, m->id, round->id, "data-evidence-and-evaluation");
        core::audit::record(c, system,
                            {"seed", "readiness-round", std::to_string(round->id), "",
                             core::audit::to_text(nlohmann::json{{"example_answers", person}})});
        rep.created = 1;
        rep.summary = "Seeded the readiness framework and its example round";
        return rep;
      });
}

}  // namespace goldthread::readiness
