// The progress line of a long run: step, steps/s, ETA and the last score, redrawn in place on a
// terminal; on a pipe or file, one line per call to note() instead, so logs stay readable.
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace harness {

class Progress {
 public:
  /// Counts from `start_step` to `total_steps`, drawing to `out` (stderr by default).
  Progress(int64_t start_step, int64_t total_steps, std::FILE* out = stderr);

  /// Redraws the line at most every half second (terminal only).
  void tick(int64_t step);
  /// Records a score and prints a line (on a terminal, it also redraws).
  void note(int64_t step, const std::string& message);
  /// Ends the line on a terminal.
  void finish();

 private:
  std::string line(int64_t step) const;

  using Clock = std::chrono::steady_clock;
  int64_t start_step_, total_steps_;
  std::FILE* out_;
  bool terminal_;
  Clock::time_point started_, last_draw_;
  std::string last_note_;
};

}  // namespace harness
