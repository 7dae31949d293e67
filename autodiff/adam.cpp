#include "autodiff/adam.h"

#include <algorithm>
#include <cmath>

#include "autodiff/thread_pool.h"

namespace autodiff {
namespace {

// a parameter's elements per thread below which splitting it costs more than it saves (a hand-off
// is about 1 us; Adam runs about 2 ns an element)
constexpr size_t kMinPartElements = 8192;

}  // namespace

template <class T>
Adam<T>::Adam(ParamList<T> params, AdamConfig config) : params_(std::move(params)), config_(config) {
  for (auto& [name, p] : params_.items) {
    p->adam_m = Matrix<T>(p->value.shape(), T(0));
    p->adam_v = Matrix<T>(p->value.shape(), T(0));
  }
}

template <class T>
void Adam<T>::step(double lr) {
  ++steps_;
  const double correction1 = 1.0 - std::pow(config_.beta1, static_cast<double>(steps_));
  const double correction2 = 1.0 - std::pow(config_.beta2, static_cast<double>(steps_));
  const T beta1 = T(config_.beta1), beta2 = T(config_.beta2);
  const T one_minus_beta1 = T(1.0 - config_.beta1), one_minus_beta2 = T(1.0 - config_.beta2);
  const T step_size = T(-lr / correction1);
  const T root_correction2 = T(std::sqrt(correction2));
  const T eps = T(config_.eps);
  for (auto& [name, p] : params_.items) {
    if (!p->has_grad) p->grad = Matrix<T>(p->value.shape(), T(0));
    T* value = p->value.data();
    T* m = p->adam_m.data();
    T* v = p->adam_v.data();
    const T* g = p->grad.data();
    // elements i0 .. i1; each element's arithmetic is its own, so the pool's threads may share them
    auto update = [&](size_t i0, size_t i1) {
      for (size_t i = i0; i < i1; ++i) {
        m[i] = m[i] * beta1 + one_minus_beta1 * g[i];
        v[i] = v[i] * beta2 + one_minus_beta2 * g[i] * g[i];
        const T denom = std::sqrt(v[i]) / root_correction2 + eps;
        value[i] = value[i] + step_size * m[i] / denom;
      }
    };
    const size_t size = p->value.size();
    const size_t parts = std::max<size_t>(1, std::min(available_threads(), size / kMinPartElements));
    parallel_run(parts, [&](size_t t) { update(size * t / parts, size * (t + 1) / parts); });
  }
}

double cosine_decay(double lr, int64_t step, int64_t total) {
  const double progress = static_cast<double>(std::min(step, total)) / static_cast<double>(total);
  return lr * 0.5 * (1.0 + std::cos(M_PI * progress));
}

template class Adam<float>;
template class Adam<double>;

}  // namespace autodiff
