// The paper's pieces as small pure functions. B = batch.
#pragma once
#include "autodiff/ops.h"

namespace iql {

using autodiff::Tensor;
using Var = autodiff::Var<float>;

/// IQL eq. (2): mean over the batch of |tau - 1(u < 0)| u^2, for residuals u (B,1).
Var expectile_loss(Var u, double expectile);

/// Advantage weights of the actor loss: min(exp(beta * (q - v)), cap), elementwise; (B,1).
Tensor advantage_weights(const Tensor& q, const Tensor& v, double temperature, double cap);

/// How a batch's advantage weights w (B,1) spread the actor's attention: the share of rows at the
/// cap, and the effective sample size (sum w)^2 / sum w^2 as a share of B (1: all equal, as BC;
/// 1/B: one row carries the batch).
struct WeightSpread {
  float at_cap = 0;
  float effective_share = 0;
};
WeightSpread weight_spread(const Tensor& w, double cap);

}  // namespace iql
