#include "autodiff/adam.h"

#include <algorithm>
#include <cmath>

#include "autodiff/thread_pool.h"

namespace autodiff {
namespace {

// a parameter's elements per thread below which splitting it costs more than it saves (a hand-off
// is about 1 us; Adam runs about 1 ns an element, bound by memory)
constexpr size_t kMinPartElements = 8192;

// one step's constants, in the parameters' type
template <class T>
struct StepConstants {
  T beta1, beta2, one_minus_beta1, one_minus_beta2, step_size, root_correction2, eps;
};

// elements i0 .. i1 of one parameter. The constants come by value and the arrays are restrict:
// otherwise every store might change them, so the loop reloads them and stays scalar (Adam was 20%
// of an update). Vector lanes run the scalar loop's correctly rounded operations, so no bit changes.
template <class T>
void update_elements(const StepConstants<T> c, T* __restrict value, T* __restrict m, T* __restrict v,
                     const T* __restrict g, size_t i0, size_t i1) {
  for (size_t i = i0; i < i1; ++i) {
    m[i] = m[i] * c.beta1 + c.one_minus_beta1 * g[i];
    v[i] = v[i] * c.beta2 + c.one_minus_beta2 * g[i] * g[i];
    const T denom = std::sqrt(v[i]) / c.root_correction2 + c.eps;
    value[i] = value[i] + c.step_size * m[i] / denom;
  }
}

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
  const StepConstants<T> c{T(config_.beta1),       T(config_.beta2),
                           T(1.0 - config_.beta1), T(1.0 - config_.beta2),
                           T(-lr / correction1),   T(std::sqrt(correction2)),
                           T(config_.eps)};
  for (auto& [name, p] : params_.items) {
    if (!p->has_grad) p->grad = Matrix<T>(p->value.shape(), T(0));
    T* value = p->value.data();
    T* m = p->adam_m.data();
    T* v = p->adam_v.data();
    const T* g = p->grad.data();
    const size_t size = p->value.size();
    const size_t parts = std::max<size_t>(1, std::min(available_threads(), size / kMinPartElements));
    parallel_run(parts, [&](size_t t) {
      update_elements(c, value, m, v, g, size * t / parts, size * (t + 1) / parts);
    });
  }
}

double cosine_decay(double lr, int64_t step, int64_t total) {
  const double progress = static_cast<double>(std::min(step, total)) / static_cast<double>(total);
  return lr * 0.5 * (1.0 + std::cos(M_PI * progress));
}

template class Adam<float>;
template class Adam<double>;

}  // namespace autodiff
