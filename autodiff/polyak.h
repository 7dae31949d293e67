// Polyak averaging of a target network: the slowly moving copy that TD targets are computed with.
#pragma once
#include "autodiff/param.h"

namespace autodiff {

/// In place: target <- rate * online + (1 - rate) * target, tensor by tensor in list order; the two
/// lists name the same shapes in the same order.
void polyak_update(ParamList<float>& target, const ParamList<float>& online, double rate);

}  // namespace autodiff
