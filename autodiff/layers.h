// Layers: Linear and the ReLU MLP. Layers are value types, so a target network is a plain copy
// (`Mlp target = online;`). Each names its parameters once, in collect().
#pragma once
#include <span>
#include <string>
#include <vector>

#include "autodiff/init.h"
#include "autodiff/ops.h"
#include "autodiff/param.h"

namespace autodiff {

// y = x w + b;  w (in, out), b (1, out): orthogonal w and zero b, or PyTorch's default uniform
template <class T>
struct Linear {
  Param<T> w;
  Param<T> b;

  Linear(size_t in, size_t out, const Init& init, Rng& rng);
  /// Given weights w (in, out) and bias b (1, out), for initialisations of other libraries.
  Linear(Matrix<T> weight, Matrix<T> bias);
  Var<T> forward(Tape<T>& tape, Var<T> x) { return linear(x, tape.read(w), tape.read(b)); }
  /// max(x w + b, 0): a hidden layer followed directly by its ReLU, as one op
  Var<T> forward_relu(Tape<T>& tape, Var<T> x) { return linear_relu(x, tape.read(w), tape.read(b)); }
  /// One row without a tape: y (out) = x (in) w + b.
  void infer(const T* x, T* y) const;
  void collect(ParamList<T>& list, const std::string& prefix) {
    list.add(prefix + "w", w);
    list.add(prefix + "b", b);
  }
  size_t in_dim() const { return w.value.shape(0); }
  size_t out_dim() const { return w.value.shape(1); }
};

// y = layer_norm(x) * gain + bias over each row; gain (1, C) starts at 1, bias at 0
template <class T>
struct LayerNorm {
  static constexpr double kEps = 1e-5;  // as torch.nn.LayerNorm
  Param<T> gain;
  Param<T> bias;

  explicit LayerNorm(size_t width);
  Var<T> forward(Tape<T>& tape, Var<T> x) { return layer_norm(x, tape.read(gain), tape.read(bias), T(kEps)); }
  /// The same on one row, in place, without a tape.
  void apply(std::span<T> row) const;
  void collect(ParamList<T>& list, const std::string& prefix) {
    list.add(prefix + "gain", gain);
    list.add(prefix + "bias", bias);
  }
};

// sizes {in, h1, ..., out}: ReLU after every layer but the last; optionally a LayerNorm before
// each hidden ReLU, and dropout after it (the IQL policy's)
template <class T>
class Mlp {
 public:
  Mlp(const std::vector<size_t>& sizes, const Init& init, Rng& rng, bool layer_norm = false);
  /// The given layers, in order (each layer's input width the previous one's output).
  explicit Mlp(std::vector<Linear<T>> layers);

  /// x (B, in) -> (B, out). With dropout_rate > 0, `rng` draws the masks and must be non-null.
  Var<T> forward(Tape<T>& tape, Var<T> x, T dropout_rate = T(0), Rng* rng = nullptr);

  /// One row through the network without a tape (evaluation): x (in) -> y (out), no dropout.
  void infer(std::span<const T> x, std::span<T> y);

  /// Names "<prefix>0/w", "<prefix>0/b", ("<prefix>0/ln/gain", "<prefix>0/ln/bias"), "<prefix>1/w", ...
  void collect(ParamList<T>& list, const std::string& prefix);

  size_t in_dim() const { return layers_.front().in_dim(); }
  size_t out_dim() const { return layers_.back().out_dim(); }
  std::vector<Linear<T>>& layers() { return layers_; }
  const std::vector<Linear<T>>& layers() const { return layers_; }

 private:
  std::vector<Linear<T>> layers_;
  std::vector<LayerNorm<T>> norms_;  // one per hidden layer, or none
  std::vector<T> scratch_[2];  // activations of infer(), kept between calls
};

}  // namespace autodiff
