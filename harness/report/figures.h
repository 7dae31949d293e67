// The report's figures, each as PNG and SVG (figure.h), and the markdown that shows them:
// - curves/<dataset>: the learning curve, mean over seeds with the min-max band, and the paper's and
//   the behaviour policy's scores as dashed levels where known;
// - profiles/<suite>: the performance profile of each method (IQL, BC) with its bootstrap band;
// - overview/<suite>: every dataset's final score per method (IQL, BC, behaviour, paper) as dots with
//   intervals.
#pragma once
#include <string>
#include <vector>

#include "harness/behaviour/regen_manifest.h"
#include "harness/report/runs.h"
#include "harness/report/summary.h"

namespace harness {

struct WrittenFigures {
  std::vector<std::string> files;  // relative to the report directory, PNG and SVG of each figure
  std::string markdown;            // the sections showing them (PNG inline, SVG linked)
};

/// Writes every figure of `runs` under `out`. `manifest` gives the behaviour policies' scores of
/// regenerated datasets (empty: none known). The pointers in `summary` point into `runs`.
WrittenFigures write_figures(const std::vector<RunRecord>& runs, const Summary& summary,
                             const std::vector<RegenEntry>& manifest, const std::string& out);

/// The manifest entry whose behaviour policy collected `dataset`: the entry of that name, or of the
/// longest name it extends with "-..." (hopper-medium-regen-demo holds hopper-medium-regen's first
/// rows); nullptr when none.
const RegenEntry* behaviour_of(const std::vector<RegenEntry>& manifest, const std::string& dataset);

}  // namespace harness
