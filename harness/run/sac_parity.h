// SAC parity with the independent PyTorch reference (tests/reference/sac_reference.py), as for IQL
// (parity.h): the same initial parameters, batches and policy noise, 50 updates, every tensor within
// kParityTolerance. The reference's output is committed as golden/parity/sac.h5.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "sac/learner.h"

namespace harness {

struct SacParityCase {
  size_t obs_dim = 11;  // hopper
  size_t act_dim = 3;
  sac::SacConfig config;  // rlkit's defaults
  uint64_t seed = 0;
  int updates = 50;
};

/// Update u's batch is rows [u B, (u + 1) B) of the batches, its noise the same rows of both noises.
struct SacParityInputs {
  rl::Transitions batches;  // random_transitions: rewards N(0, 1), masks 0 with probability 0.05
  sac::SacNoise noise;       // (U B, A) each
};

SacParityInputs sac_parity_inputs(const SacParityCase& c);

/// The inputs the reference reads: initial parameters, batches (terminals = 1 - masks), noise and
/// the hyperparameters as root attributes (tests/reference/README.md).
void write_sac_parity_inputs(const SacParityCase& c, const std::string& path);

/// The C++ learner after the case's updates; `losses` (if given) gets per update
/// [q1_loss, q2_loss, policy_loss, alpha_loss, alpha], the reference's `losses` columns.
std::unique_ptr<sac::SacLearner> run_sac_parity(const SacParityCase& c,
                                                std::vector<std::vector<double>>* losses = nullptr);

}  // namespace harness
