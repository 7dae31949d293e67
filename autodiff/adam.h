// Adam (Kingma & Ba) with bias correction, and the cosine learning-rate schedule. The update is
// written in the order PyTorch's single-tensor Adam uses, so a float32 reference agrees closely.
#pragma once
#include <cstdint>

#include "autodiff/param.h"

namespace autodiff {

struct AdamConfig {
  double beta1 = 0.9;    // decay of the first moment
  double beta2 = 0.999;  // decay of the second moment
  double eps = 1e-8;     // added to the bias-corrected root of the second moment
};

template <class T>
class Adam {
 public:
  Adam(ParamList<T> params, AdamConfig config);

  /// One update of every parameter with learning rate `lr` (it may change from step to step).
  /// A parameter that received no gradient since zero_grad() is updated with a zero gradient.
  void step(double lr);

  /// Updates taken so far: the bias correction uses step_count() + 1 on the next step.
  int64_t step_count() const { return steps_; }
  void set_step_count(int64_t steps) { steps_ = steps; }
  const ParamList<T>& params() const { return params_; }

 private:
  ParamList<T> params_;
  AdamConfig config_;
  int64_t steps_ = 0;
};

/// lr * (1 + cos(pi * min(step, total) / total)) / 2: from lr at step 0 down to 0 at `total`.
double cosine_decay(double lr, int64_t step, int64_t total);

}  // namespace autodiff
