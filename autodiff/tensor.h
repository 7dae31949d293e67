// Tensors are 2-D row-major xtensor matrices: (rows, cols). A batch is (B, features); a vector is
// stored as one row (1, n); a scalar as (1, 1). Float32 is the training type; double exists for
// gradient checks.
#pragma once
#include <cstddef>
#include <string>

#include <xtensor/xtensor.hpp>

#include "autodiff/buffer_pool.h"

namespace autodiff {

template <class T>
using Matrix = xt::xtensor<T, 2, xt::layout_type::row_major, BufferAllocator<T>>;
using Tensor = Matrix<float>;

/// "(rows, cols)", for error messages.
template <class T>
std::string shape_string(const Matrix<T>& m) {
  return "(" + std::to_string(m.shape(0)) + ", " + std::to_string(m.shape(1)) + ")";
}

}  // namespace autodiff
