#include "autodiff/layers.h"

#include <algorithm>

#include "autodiff/blas.h"

namespace autodiff {

template <class T>
Linear<T>::Linear(size_t in, size_t out, const Init& init, Rng& rng) {
  if (init.kind == InitKind::orthogonal) {
    w = Param<T>(orthogonal<T>(in, out, init.gain, rng));
    b = Param<T>(Matrix<T>(std::array<size_t, 2>{1, out}, T(0)));
  } else {
    const double bound = 1.0 / std::sqrt(static_cast<double>(in));
    w = Param<T>(uniform<T>(in, out, bound, rng));
    b = Param<T>(uniform<T>(1, out, bound, rng));
  }
}

template <class T>
Mlp<T>::Mlp(const std::vector<size_t>& sizes, const Init& init, Rng& rng) {
  if (sizes.size() < 2) throw Error("Mlp needs at least an input and an output size");
  for (size_t i = 0; i + 1 < sizes.size(); ++i) layers_.emplace_back(sizes[i], sizes[i + 1], init, rng);
}

template <class T>
Var<T> Mlp<T>::forward(Tape<T>& tape, Var<T> x, T dropout_rate, Rng* rng) {
  if (dropout_rate > T(0) && !rng) throw Error("Mlp::forward: dropout needs an Rng");
  for (size_t i = 0; i < layers_.size(); ++i) {
    x = layers_[i].forward(tape, x);
    if (i + 1 == layers_.size()) break;
    x = relu(x);
    if (dropout_rate > T(0)) x = dropout(x, dropout_rate, *rng);
  }
  return x;
}

template <class T>
void Mlp<T>::infer(std::span<const T> x, std::span<T> y) {
  const T* in = x.data();
  for (size_t i = 0; i < layers_.size(); ++i) {
    const Linear<T>& layer = layers_[i];
    const bool last = i + 1 == layers_.size();
    std::vector<T>& buffer = scratch_[i % 2];
    buffer.resize(layer.out_dim());
    T* out = last ? y.data() : buffer.data();
    std::copy(layer.b.value.begin(), layer.b.value.end(), out);
    gemv_transposed(layer.in_dim(), layer.out_dim(), T(1), layer.w.value.data(), in, T(1), out);
    if (!last) {
      for (size_t j = 0; j < layer.out_dim(); ++j) out[j] = std::max(out[j], T(0));
    }
    in = out;
  }
}

template <class T>
void Mlp<T>::collect(ParamList<T>& list, const std::string& prefix) {
  for (size_t i = 0; i < layers_.size(); ++i) layers_[i].collect(list, prefix + std::to_string(i) + "/");
}

template struct Linear<float>;
template struct Linear<double>;
template class Mlp<float>;
template class Mlp<double>;

}  // namespace autodiff
