// A Slurm time limit (--time) and the warning signal that goes with it. Each task is sent SIGINT
// before its limit so that `iql train` checkpoints; Slurm checks limits every 30 s and sends that
// signal up to 60 s before the time asked for, so a fixed offset would arrive at once under a
// short limit and each resubmission would make seconds of progress. The offset is a share of the
// limit instead, and limits too short to leave any progress are refused.
#pragma once
#include <cstdint>
#include <string>

namespace harness {

/// The shortest time limit accepted: with it a task runs at least 30 s before its warning signal.
constexpr int64_t kShortestSlurmLimitSeconds = 120;

/// Seconds of a --time value in Slurm's forms: "M", "M:S", "H:M:S", "D-H", "D-H:M", "D-H:M:S",
/// rounded up to whole minutes as Slurm does. Throws GridError naming the value and the forms.
int64_t slurm_time_seconds(const std::string& time);

/// How long before the limit SIGINT is asked for: a quarter of the limit, at most 5 minutes (room
/// for a checkpoint after a long evaluation). Throws GridError when the limit is under
/// kShortestSlurmLimitSeconds, naming --time and the shortest limit accepted.
int64_t stop_signal_seconds(const std::string& time);

}  // namespace harness
