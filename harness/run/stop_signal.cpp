#include "harness/run/stop_signal.h"

#include <atomic>
#include <csignal>

namespace harness {
namespace {

// set by SIGINT/SIGTERM; read by the run loops
std::atomic<int> g_stop_signal{0};

extern "C" void request_stop(int signal) { g_stop_signal.store(signal); }

}  // namespace

StopOnSignal::StopOnSignal() {
  g_stop_signal.store(0);
  previous_int_ = std::signal(SIGINT, request_stop);
  previous_term_ = std::signal(SIGTERM, request_stop);
}

StopOnSignal::~StopOnSignal() {
  std::signal(SIGINT, previous_int_);
  std::signal(SIGTERM, previous_term_);
}

bool StopOnSignal::requested() const { return g_stop_signal.load() != 0; }

}  // namespace harness
