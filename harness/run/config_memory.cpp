#include "harness/run/config_memory.h"

#include <cstdio>
#include <string>

#include <unistd.h>

#include "autodiff/error.h"

namespace harness {
namespace {

// generous upper bounds of the envs' sizes: the estimate is an order of magnitude, not an account
constexpr double kIoWidth = 64;         // observation + action floats at a network's ends
constexpr double kTransitionFloats = 160;  // obs, next obs, action, reward, done of one replay row

// what a config asks for, in bytes, by the part it comes from
struct Need {
  double networks = 0;     // parameters x (copies: nets, targets, two Adam moments)
  double activations = 0;  // one batch through every network, forward and backward
  double replay = 0;
  double total() const { return networks + activations + replay; }
};

Need need_of(int hidden_dim, int hidden_layers, int batch_size, double network_copies) {
  const double h = hidden_dim, layers = hidden_layers;
  const double parameters = (layers - 1) * h * h + (2 * kIoWidth + layers) * h;
  return {4 * network_copies * parameters, 4 * 6 * 4 * static_cast<double>(batch_size) * h * layers, 0};
}

// a replay buffer of `rows` rows
double replay_bytes(int64_t rows) { return 4 * kTransitionFloats * static_cast<double>(rows); }

std::string gigabytes(double bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g GB", bytes / 1e9);
  return text;
}

void require_fits(const Need& need, uint64_t available, int hidden_dim, int hidden_layers, int batch_size,
                  int64_t replay_capacity) {
  if (need.total() <= static_cast<double>(available)) return;
  const std::string sizes = "hidden_dim = " + std::to_string(hidden_dim) + ", hidden_layers = " +
                            std::to_string(hidden_layers) + ", batch_size = " + std::to_string(batch_size) +
                            (replay_capacity > 0 ? ", replay_capacity = " + std::to_string(replay_capacity) : "");
  const std::string rule = "small enough to fit in memory: " + sizes + " need about " + gigabytes(need.total()) +
                           " and this machine has " + gigabytes(static_cast<double>(available));
  if (need.replay >= need.networks && need.replay >= need.activations) {
    throw iql::ConfigError("replay_capacity", std::to_string(replay_capacity), rule);
  }
  if (need.activations >= need.networks) throw iql::ConfigError("batch_size", std::to_string(batch_size), rule);
  throw iql::ConfigError("hidden_dim", std::to_string(hidden_dim), rule);
}

}  // namespace

uint64_t physical_memory() {
  return static_cast<uint64_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<uint64_t>(sysconf(_SC_PAGE_SIZE));
}

// IQL: V, Q1, Q2, the policy and two target Qs; the four trained ones with two Adam moments each
void check_fits_in_memory(const iql::IqlConfig& c, uint64_t available) {
  require_fits(need_of(c.hidden_dim, c.hidden_layers, c.batch_size, 14), available, c.hidden_dim, c.hidden_layers,
               c.batch_size, 0);
}

// SAC: the policy, Q1, Q2 and two target Qs (three trained), and the replay buffer
void check_fits_in_memory(const sac::SacConfig& c, uint64_t available) {
  Need need = need_of(c.hidden_dim, c.hidden_layers, c.batch_size, 11);
  need.replay = replay_bytes(c.replay_capacity);
  require_fits(need, available, c.hidden_dim, c.hidden_layers, c.batch_size, c.replay_capacity);
}

void check_online_rows_fit(int64_t online_steps, uint64_t available) {
  const double need = replay_bytes(online_steps);
  if (need <= static_cast<double>(available)) return;
  throw autodiff::Error("--online-steps " + std::to_string(online_steps) + ": the replay buffer's online rows alone "
                        "would need about " + gigabytes(need) + " and this machine has " +
                        gigabytes(static_cast<double>(available)) + "; give fewer online steps");
}

}  // namespace harness
