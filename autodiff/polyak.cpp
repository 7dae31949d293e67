#include "autodiff/polyak.h"

namespace autodiff {

void polyak_update(ParamList<float>& target, const ParamList<float>& online, double rate) {
  const float keep = static_cast<float>(1.0 - rate), take = static_cast<float>(rate);
  for (size_t k = 0; k < target.items.size(); ++k) {
    float* t = target.items[k].second->value.data();
    const float* p = online.items[k].second->value.data();
    const size_t n = target.items[k].second->value.size();
    for (size_t i = 0; i < n; ++i) t[i] = p[i] * take + t[i] * keep;
  }
}

}  // namespace autodiff
