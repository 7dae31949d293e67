// What the run commands (train, sac, finetune) say when a run did not reach its end.
#pragma once
#include <cstdint>
#include <string>

namespace harness {

/// Tells where the checkpoint is and how to continue; throws CLI::RuntimeError(130) when a signal,
/// not the planned --stop-at, stopped the run at `step`, so the shell sees the interruption. A
/// checkpoint already past --stop-at is said to be so, not taken for an interruption.
void report_interrupted(int64_t step, int64_t stop_at, const std::string& out_dir);

/// Throws the error of a run whose losses turned NaN or infinite at update `step`.
[[noreturn]] void throw_diverged(int64_t step);

}  // namespace harness
