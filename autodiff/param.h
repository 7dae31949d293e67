// Param: a trainable tensor that outlives the tape. It owns its value, the gradient of the current
// step and its Adam moments. ParamList names every parameter of a model once, for the optimiser,
// checkpoints and parity dumps.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "autodiff/tensor.h"

namespace autodiff {

template <class T>
struct Param {
  Matrix<T> value;
  Matrix<T> grad;      // d loss / d value; meaningful only while has_grad
  Matrix<T> adam_m;    // Adam first moment (same shape as value once the optimiser has run)
  Matrix<T> adam_v;    // Adam second moment
  bool has_grad = false;  // grad holds a contribution since zero_grad(): the first one assigns

  Param() = default;
  explicit Param(Matrix<T> initial) : value(std::move(initial)) {}

  // cheap: the next backward overwrites instead of adding, so no pass over memory here
  void zero_grad() { has_grad = false; }
};

/// Named pointers to a model's parameters, in a fixed (construction) order.
template <class T>
struct ParamList {
  std::vector<std::pair<std::string, Param<T>*>> items;

  void add(const std::string& name, Param<T>& param) { items.emplace_back(name, &param); }
  void zero_grad() {
    for (auto& item : items) item.second->zero_grad();
  }
};

}  // namespace autodiff
