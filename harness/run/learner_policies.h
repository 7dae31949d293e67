// The policies a parallel evaluation (evaluate_parallel) acts with: each thread its own copy of the
// network, since acting writes the network's row buffers.
#pragma once
#include "harness/envs/evaluate.h"
#include "iql/learner.h"
#include "sac/networks.h"

namespace harness {

/// Copies of the IQL learner's evaluation policy, acting as Learner::act does.
PolicyFactory policy_copies(const iql::Learner& learner);

/// Copies of a SAC policy acting deterministically, tanh(mean).
PolicyFactory policy_copies(const sac::TanhGaussianPolicy& policy);

}  // namespace harness
