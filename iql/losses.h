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

}  // namespace iql
