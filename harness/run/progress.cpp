#include "harness/run/progress.h"

#include <unistd.h>

namespace harness {
namespace {

std::string duration_text(double seconds) {
  char text[32];
  const long s = static_cast<long>(seconds);
  std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return text;
}

}  // namespace

Progress::Progress(int64_t start_step, int64_t total_steps, std::FILE* out, std::chrono::milliseconds log_every)
    : start_step_(start_step),
      total_steps_(total_steps),
      out_(out),
      terminal_(isatty(fileno(out)) != 0),
      draw_every_(terminal_ ? std::chrono::milliseconds(500) : log_every),
      started_(Clock::now()),
      last_draw_(started_) {}

std::string Progress::line(int64_t step) const {
  const double elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
  const double rate = elapsed > 0 ? static_cast<double>(step - start_step_) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total_steps_ - step) / rate : 0.0;
  char text[160];
  std::snprintf(text, sizeof text, "step %lld/%lld  %.0f steps/s  ETA %s", static_cast<long long>(step),
                static_cast<long long>(total_steps_), rate, duration_text(eta).c_str());
  return text + (last_note_.empty() ? "" : "  " + last_note_);
}

void Progress::tick(int64_t step) {
  const Clock::time_point now = Clock::now();
  if (now - last_draw_ < draw_every_) return;
  last_draw_ = now;
  std::fprintf(out_, terminal_ ? "\r\033[K%s" : "%s\n", line(step).c_str());
  std::fflush(out_);
}

void Progress::note(int64_t step, const std::string& message) {
  last_note_ = message;
  if (terminal_) {
    std::fprintf(out_, "\r\033[K%s", line(step).c_str());
  } else {
    std::fprintf(out_, "%s\n", line(step).c_str());
  }
  std::fflush(out_);
}

void Progress::finish() {
  if (terminal_) std::fprintf(out_, "\n");
}

}  // namespace harness
