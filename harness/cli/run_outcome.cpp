#include "harness/cli/run_outcome.h"

#include <cstdio>

#include <CLI/CLI.hpp>

#include "autodiff/error.h"

namespace harness {

void report_interrupted(int64_t step, int64_t stop_at, const std::string& out_dir) {
  std::fprintf(stderr, "stopped at step %lld; checkpoint saved in %s; run the same command with --resume to continue\n",
               static_cast<long long>(step), out_dir.c_str());
  if (step != stop_at) throw CLI::RuntimeError(130);  // a signal, not the planned stop
}

void throw_diverged(int64_t step) {
  throw autodiff::Error("training diverged at update " + std::to_string(step) +
                        ": a loss became NaN or infinite. run.json marks the run diverged and reports leave it out; "
                        "lower the learning rates or check the data, then start again with another --out");
}

}  // namespace harness
