// Ctrl-C and SIGTERM during a long run: the handler only records the request; the run's loop
// checkpoints and stops at its next safe point.
#pragma once

namespace harness {

/// Installs the stop handler for SIGINT and SIGTERM while alive, restoring the previous ones after.
class StopOnSignal {
 public:
  StopOnSignal();
  ~StopOnSignal();
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

  /// A signal has arrived since construction.
  bool requested() const;

 private:
  void (*previous_int_)(int);
  void (*previous_term_)(int);
};

}  // namespace harness
