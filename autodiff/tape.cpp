#include "autodiff/tape.h"

#include <algorithm>
#include <string>

namespace autodiff {

template <class T>
Node<T>& Tape<T>::next_node() {
  if (size_ == nodes_.size()) nodes_.emplace_back();
  Node<T>& n = nodes_[size_++];
  n.inputs = {-1, -1, -1};
  n.constants = {};
  n.backward = nullptr;
  n.param = nullptr;
  n.needs_grad = false;
  n.has_grad = false;
  return n;
}

template <class T>
void Tape<T>::rewind(size_t mark) {
  // newest first, so that the oldest nodes' buffers end up on top: a backward pass touched those last
  for (size_t i = size_; i > mark; --i) {
    Node<T>& n = nodes_[i - 1];
    for (Matrix<T>* m : {&n.value, &n.grad}) {
      if (m->size() > 0) spare_.push_back(std::move(*m));
      *m = Matrix<T>();
    }
  }
  size_ = std::min(size_, mark);
}

template <class T>
void Tape<T>::fit(Matrix<T>& m, const std::array<size_t, 2>& shape) {
  const size_t size = shape[0] * shape[1];
  if (m.size() != size) {
    if (m.size() > 0) spare_.push_back(std::move(m));
    // the most recently given back buffer of this size, if any: it is likely still in cache
    for (size_t i = spare_.size(); i > 0; --i) {
      if (spare_[i - 1].size() != size) continue;
      m = std::move(spare_[i - 1]);
      spare_.erase(spare_.begin() + static_cast<std::ptrdiff_t>(i - 1));
      break;
    }
  }
  m.resize(shape);
}

template <class T>
Var<T> Tape<T>::constant(const Matrix<T>& value) {
  Node<T>& n = next_node();
  n.op = "constant";
  fit(n.value, value.shape());
  n.value = value;
  return {this, static_cast<int>(size_ - 1)};
}

template <class T>
Var<T> Tape<T>::variable(const Matrix<T>& value) {
  Var<T> v = constant(value);
  Node<T>& n = node(v.id);
  n.op = "variable";
  n.needs_grad = true;
  return v;
}

template <class T>
Var<T> Tape<T>::read(Param<T>& param) {
  Node<T>& n = next_node();
  n.op = "param";
  n.param = &param;
  n.needs_grad = grad_enabled_;
  return {this, static_cast<int>(size_ - 1)};
}

template <class T>
const Matrix<T>& Tape<T>::value(int id) const {
  const Node<T>& n = node(id);
  return n.param ? n.param->value : n.value;
}

template <class T>
const Matrix<T>& Tape<T>::value(Var<T> v) const {
  return value(v.id);
}

template <class T>
const Matrix<T>& Tape<T>::grad(Var<T> v) const {
  const Node<T>& n = node(v.id);
  if (!n.has_grad) {
    throw Error(std::string("tape: node '") + n.op + "' has no gradient: it is not upstream of " +
                "the loss, or backward() has not run");
  }
  return n.param ? n.param->grad : n.grad;
}

template <class T>
Var<T> Tape<T>::push(const char* op, std::initializer_list<Var<T>> inputs, size_t rows,
                     size_t cols, BackwardFn<T> backward, T constant0, T constant1) {
  Node<T>& n = next_node();
  n.op = op;
  n.backward = backward;
  n.constants = {constant0, constant1};
  size_t k = 0;
  for (Var<T> in : inputs) {
    n.inputs[k++] = in.id;
    n.needs_grad = n.needs_grad || node(in.id).needs_grad;
  }
  fit(n.value, {rows, cols});
  return {this, static_cast<int>(size_ - 1)};
}

template <class T>
GradRef<T> Tape<T>::grad_ref(int id) {
  Node<T>& n = node(id);
  if (!n.needs_grad) return {};
  if (n.param) {
    Param<T>& p = *n.param;
    if (!p.has_grad) p.grad.resize(p.value.shape());
    return {&p.grad, &p.has_grad};
  }
  if (!n.has_grad) fit(n.grad, n.value.shape());
  return {&n.grad, &n.has_grad};
}

template <class T>
void Tape<T>::backward(Var<T> loss) {
  Node<T>& root = node(loss.id);
  if (root.value.size() != 1 || root.param) {
    throw ShapeError(std::string("tape: backward() needs a (1, 1) loss, got '") + root.op +
                     "' of shape " + shape_string(value(loss)));
  }
  // nodes recorded in an earlier backward on this tape start clean
  for (size_t i = 0; i < size_; ++i) nodes_[i].has_grad = false;
  fit(root.grad, {1, 1});
  root.grad(0, 0) = T(1);
  root.has_grad = true;
  for (int id = loss.id; id >= 0; --id) {
    const Node<T>& n = nodes_[static_cast<size_t>(id)];
    if (n.has_grad && n.backward) n.backward(*this, n);
  }
}

template class Tape<float>;
template class Tape<double>;

}  // namespace autodiff
