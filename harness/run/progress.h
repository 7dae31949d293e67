// The progress line of a long run: step, steps/s, ETA and the last score, redrawn in place on a
// terminal; on a pipe or file, one line per call to note() and one a minute from tick(), so logs
// stay readable and a long collection with nothing to note still shows it is moving.
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace harness {

class Progress {
 public:
  /// Counts from `start_step` to `total_steps`, drawing to `out` (stderr by default); off a terminal,
  /// tick() writes a line at most every `log_every`.
  Progress(int64_t start_step, int64_t total_steps, std::FILE* out = stderr,
           std::chrono::milliseconds log_every = std::chrono::minutes(1));

  /// Redraws the line at most every half second on a terminal, else writes it at most every log_every.
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
  std::chrono::milliseconds draw_every_;
  Clock::time_point started_, last_draw_;
  std::string last_note_;
};

}  // namespace harness
