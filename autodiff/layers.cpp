#include "autodiff/layers.h"

#include <algorithm>
#include <cmath>

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
Linear<T>::Linear(Matrix<T> weight, Matrix<T> bias) : w(std::move(weight)), b(std::move(bias)) {
  if (b.value.shape(0) != 1 || b.value.shape(1) != w.value.shape(1)) {
    throw ShapeError("Linear: bias has shape " + shape_string(b.value) + ", expected (1, " +
                     std::to_string(w.value.shape(1)) + ")");
  }
}

template <class T>
void Linear<T>::infer(const T* x, T* y) const {
  std::copy(b.value.begin(), b.value.end(), y);
  gemv_transposed(in_dim(), out_dim(), T(1), w.value.data(), x, T(1), y);
}

template <class T>
LayerNorm<T>::LayerNorm(size_t width)
    : gain(Matrix<T>(std::array<size_t, 2>{1, width}, T(1))), bias(Matrix<T>(std::array<size_t, 2>{1, width}, T(0))) {}

template <class T>
void LayerNorm<T>::apply(std::span<T> row) const {
  const T n = T(row.size());
  T mean = 0, var = 0;
  for (T v : row) mean += v;
  mean /= n;
  for (T v : row) var += (v - mean) * (v - mean);
  const T rstd = T(1) / std::sqrt(var / n + T(kEps));
  for (size_t c = 0; c < row.size(); ++c) row[c] = (row[c] - mean) * rstd * gain.value(0, c) + bias.value(0, c);
}

template <class T>
Mlp<T>::Mlp(const std::vector<size_t>& sizes, const Init& init, Rng& rng, bool layer_norm) {
  if (sizes.size() < 2) throw Error("Mlp needs at least an input and an output size");
  for (size_t i = 0; i + 1 < sizes.size(); ++i) layers_.emplace_back(sizes[i], sizes[i + 1], init, rng);
  if (layer_norm) {
    for (size_t i = 1; i + 1 < sizes.size(); ++i) norms_.emplace_back(sizes[i]);
  }
}

template <class T>
Mlp<T>::Mlp(std::vector<Linear<T>> layers) : layers_(std::move(layers)) {
  if (layers_.empty()) throw Error("Mlp needs at least one layer");
  for (size_t i = 1; i < layers_.size(); ++i) {
    if (layers_[i].in_dim() != layers_[i - 1].out_dim()) {
      throw ShapeError("Mlp: layer " + std::to_string(i) + " takes " + std::to_string(layers_[i].in_dim()) +
                       " inputs but layer " + std::to_string(i - 1) + " gives " + std::to_string(layers_[i - 1].out_dim()));
    }
  }
}

template <class T>
Var<T> Mlp<T>::forward(Tape<T>& tape, Var<T> x, T dropout_rate, Rng* rng) {
  if (dropout_rate > T(0) && !rng) throw Error("Mlp::forward: dropout needs an Rng");
  for (size_t i = 0; i + 1 < layers_.size(); ++i) {
    if (norms_.empty()) {
      x = layers_[i].forward_relu(tape, x);
    } else {  // LayerNorm sits between the layer and its ReLU
      x = relu(norms_[i].forward(tape, layers_[i].forward(tape, x)));
    }
    if (dropout_rate > T(0)) x = dropout(x, dropout_rate, *rng);
  }
  return layers_.back().forward(tape, x);
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
    layer.infer(in, out);
    if (!last) {
      if (!norms_.empty()) norms_[i].apply(std::span<T>(out, layer.out_dim()));
      for (size_t j = 0; j < layer.out_dim(); ++j) out[j] = std::max(out[j], T(0));
    }
    in = out;
  }
}

template <class T>
void Mlp<T>::collect(ParamList<T>& list, const std::string& prefix) {
  for (size_t i = 0; i < layers_.size(); ++i) {
    layers_[i].collect(list, prefix + std::to_string(i) + "/");
    if (i < norms_.size()) norms_[i].collect(list, prefix + std::to_string(i) + "/ln/");
  }
}

template struct LayerNorm<float>;
template struct LayerNorm<double>;
template struct Linear<float>;
template struct Linear<double>;
template class Mlp<float>;
template class Mlp<double>;

}  // namespace autodiff
