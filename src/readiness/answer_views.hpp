#pragma once
// The readiness answer forms (answer_handlers.cpp) as typed views: answering a round a part at
// a time, and entering paper answers. Form pages: their JSON twin describes the form. Written
// in one place, readiness/answer_json.cpp.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/csv_import.hpp"
#include "core/result.hpp"
#include "readiness/readiness_service.hpp"
#include "readiness/readiness_store.hpp"

namespace goldthread::readiness {

// Every statement of the block has a current and a desired level ("don't know" counts).
bool block_complete(const Block& b, const std::vector<Answer>& answers);
// The framework cut down to one block (the part of the form on show).
Framework one_block(const Framework& fw, std::size_t part);

struct AnswerForm {
  const Round& round;
  const Framework& framework;
  const Respondent& who;
  const std::vector<Answer>& answers;
  std::string status;    // "", draft
  std::size_t part = 0;  // the block on show, from 0
  std::string today;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const AnswerForm& f);

struct PaperForm {
  const Round& round;
  std::string csv, today;
  const core::ImportReport* report = nullptr;
  const core::Error* error = nullptr;
};
void to_json(nlohmann::json& j, const PaperForm& f);

}  // namespace goldthread::readiness
