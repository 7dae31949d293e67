// The memory a config would take (networks with their targets and Adam moments, one batch's
// activations, SAC's replay buffer), checked against this machine's before anything is allocated:
// `--hidden-dim 1000000` is refused with the size it needs instead of ending in std::bad_alloc or
// the kernel's OOM killer.
#pragma once
#include <cstdint>

#include "iql/config.h"
#include "sac/config.h"

namespace harness {

/// Bytes of RAM on this machine.
uint64_t physical_memory();

/// Throws iql::ConfigError on the key that dominates the need (hidden_dim, batch_size or
/// replay_capacity), saying the gigabytes needed and those the machine has, when the estimate is
/// above `available` bytes.
void check_fits_in_memory(const iql::IqlConfig& config, uint64_t available = physical_memory());
void check_fits_in_memory(const sac::SacConfig& config, uint64_t available = physical_memory());

/// Throws autodiff::Error naming --online-steps when a fine-tune run's online rows alone (its replay
/// buffer holds the dataset and every online row) would take more than `available` bytes.
void check_online_rows_fit(int64_t online_steps, uint64_t available = physical_memory());

}  // namespace harness
