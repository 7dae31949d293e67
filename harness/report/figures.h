// The report's figures, each as PNG and SVG (figure.h), and the markdown that shows them:
// - curves/<dataset>: the learning curve of each method (IQL, BC), mean over seeds with the min-max
//   band, and the paper's and the behaviour policy's scores as dashed levels where known;
// - profiles/<suite>: the performance profile of each method (IQL, BC) with its bootstrap band;
// - overview/<suite>: every dataset's final score per method (IQL, BC, behaviour, paper) as dots with
//   intervals.
#pragma once
#include <string>
#include <vector>

#include "harness/report/runs.h"
#include "harness/report/summary.h"

namespace harness {

struct WrittenFigures {
  std::vector<std::string> files;  // relative to the report directory, PNG and SVG of each figure
  std::string markdown;            // the sections showing them (PNG inline, SVG linked)
};

/// Writes every figure of `runs` (every method's, sorted by dataset) under `out`; `summary` is theirs
/// (summarize) and gives the paper's and the behaviour policies' scores.
WrittenFigures write_figures(const std::vector<RunRecord>& runs, const Summary& summary, const std::string& out);

}  // namespace harness
