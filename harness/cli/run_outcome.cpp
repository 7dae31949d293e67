#include "harness/cli/run_outcome.h"

#include <cstdio>

#include <CLI/CLI.hpp>

#include "autodiff/error.h"

namespace harness {

void report_interrupted(int64_t step, int64_t stop_at, const std::string& out_dir) {
  // the planned stop; a resume whose checkpoint is already past --stop-at stops there at once
  const bool planned = stop_at > 0 && step >= stop_at;
  if (planned && step > stop_at) {
    std::fprintf(stderr, "the checkpoint in %s is at step %lld, past --stop-at %lld: nothing to do; give a later "
                         "--stop-at, or none to run to the end\n", out_dir.c_str(), static_cast<long long>(step),
                 static_cast<long long>(stop_at));
    return;
  }
  std::fprintf(stderr, "stopped at step %lld; checkpoint saved in %s; run the same command with --resume to continue\n",
               static_cast<long long>(step), out_dir.c_str());
  if (!planned) throw CLI::RuntimeError(130);  // a signal: the shell sees the interruption
}

void throw_diverged(int64_t step) {
  throw autodiff::Error("training diverged at update " + std::to_string(step) +
                        ": a loss became NaN or infinite. run.json marks the run diverged and reports leave it out; "
                        "lower the learning rates or check the data, then start again with another --out");
}

}  // namespace harness
