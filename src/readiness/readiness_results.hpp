#pragma once
// A round's results (pure): the heat map of blocks × groups with the anonymity rule applied,
// the place's and an organisation's current and desired levels (for the radar), the
// comparison of two rounds on the statements they share, and the weak blocks.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "readiness/readiness_model.hpp"

namespace goldthread::readiness {

// How a cell is shown: with its figures, empty (no answers), hidden because it is small, or
// hidden so that a small sibling cannot be worked out from the total.
enum class CellState { shown, empty, small, complementary };

struct Cell {
  CellState state = CellState::empty;
  Spread current, desired;  // only meaningful when shown
};

struct Group {
  std::string key, label;
};

struct HeatRow {
  const Block* block = nullptr;
  Cell place;
  std::vector<Cell> cells;  // one per group
};

struct HeatMap {
  std::string by;  // sector | area | organisation
  std::vector<Group> groups;
  std::vector<HeatRow> rows;
  int threshold = kDefaultThreshold;
  bool attributable = false;  // facilitated round by organisation: each cell is one organisation's answer
};

// Which group a response belongs to for `by` ("" when not known: the "Not recorded" group).
std::string group_key(const Submission& r, const std::string& by);

// `labels`: group key → label (sectors, area names, organisation names). Groups are every key
// present in the responses, in label order, with "Not recorded" last.
HeatMap heat_map(const Framework& f, const std::vector<Submission>& submitted, const std::string& by, int threshold,
                 bool facilitated, const std::vector<Group>& labels, const std::vector<std::string>& codes = {});

// The blocks whose place median is below `below`, else (or also) the one with the largest gap
// between desired and current; only blocks whose place cell is shown.
std::vector<std::string> weak_blocks(const HeatMap& m, double below);

struct Movement {
  const Block* block = nullptr;
  Cell before, after;
  bool moved = false;  // |change of median| > the larger interquartile range
};
// The place's cells of two rounds on `codes` (the comparable statements).
std::vector<Movement> compare(const Framework& later, const std::vector<Submission>& before,
                              const std::vector<Submission>& after, const std::vector<std::string>& codes,
                              int threshold);

// "fewer than 5 answers" and the like.
std::string cell_note(const Cell& c, int threshold);
std::string level_text(double v);  // "3.5"

}  // namespace goldthread::readiness
