// Runs a pipeline plan (pipeline_plan.h) on this machine through the process pool: the runs in the
// plan's order, each dataset to make just before the first run that needs it (so the first runs
// start within minutes and a session's work is never spent on data for runs it cannot reach). Every job
// that ends prints its line and the whole pipeline's progress with an ETA, and so does a timer
// while long jobs run. Ctrl-C stops the jobs at a checkpoint; the same command continues.
#pragma once
#include <cstdio>
#include <string>

#include "harness/grid/pipeline_plan.h"

namespace harness {

struct PipelineOutcome {
  int failed = 0;            // jobs that failed (their log says why)
  int blocked = 0;           // runs not started because their dataset could not be made
  bool interrupted = false;  // a signal stopped the pipeline; running jobs checkpointed
};

/// Runs what `plan` has left with `jobs` workers, printing progress to `out` (and every
/// `progress_seconds` while jobs run). A run whose dataset could not be made does not start.
PipelineOutcome run_pipeline_jobs(const PipelinePlan& plan, int jobs, double progress_seconds, std::FILE* out);

/// "pipeline 37% done (30 of 90 runs finished), 21.3 core-hours left, ETA 10h40m on 2 workers": the
/// share of the whole pipeline's compute (whole_cost), finished runs of earlier invocations included
std::string pipeline_progress_text(double seconds_left, double whole_seconds, size_t runs_finished, size_t runs,
                                   int workers);

}  // namespace harness
