// Tape: records one step's tensor ops in creation order, then runs them backwards.
//
// A tape is reset and reused every step: its nodes keep their buffers, so once warm a step that
// records the same ops allocates nothing. Ops recorded in a TapeScope are forgotten when it ends,
// their buffers kept aside for the next ops, so consecutive scopes share memory. Creation order is
// already a topological order, so backward is a plain reverse loop (no recursion, no set
// ordering): gradients are summed in the same order every run.
//
// Parameters live outside the tape. Reading one records a leaf that points at it (no copy); the
// backward pass adds straight into Param::grad.
#pragma once
#include <array>
#include <cstddef>
#include <deque>
#include <initializer_list>
#include <vector>

#include "autodiff/error.h"
#include "autodiff/param.h"
#include "autodiff/tensor.h"

namespace autodiff {

template <class T>
class Tape;

/// A handle to one value on a tape: cheap to copy, pass by value; valid until Tape::reset().
template <class T>
struct Var {
  using value_type = T;
  Tape<T>* tape = nullptr;
  int id = -1;
};

template <class T>
struct Node;

/// Backward of one op: reads the node's inputs, output and gradient, adds into its inputs' grads.
template <class T>
using BackwardFn = void (*)(Tape<T>& tape, const Node<T>& node);

template <class T>
struct Node {
  const char* op = "";                // op name, for tape dumps and errors
  Matrix<T> value;                    // forward result (a parameter leaf reads its Param instead)
  mutable Matrix<T> grad;             // d loss / d value, meaningful only while has_grad; the
                                      // node's own backward may consume it in place (no one reads it later)
  Matrix<T> saved;                    // what backward needs beyond inputs and output (dropout mask)
  std::array<int, 3> inputs{-1, -1, -1};
  std::array<T, 2> constants{};       // op constants: scale, clamp bounds, ...
  BackwardFn<T> backward = nullptr;   // null for leaves
  Param<T>* param = nullptr;          // set for parameter leaves
  bool needs_grad = false;            // a trainable leaf is upstream of this node
  bool has_grad = false;              // grad holds a contribution in this backward pass
};

/// Where a backward writes one input's gradient: null when that input needs none.
template <class T>
struct GradRef {
  Matrix<T>* grad = nullptr;
  bool* has_grad = nullptr;
  explicit operator bool() const { return grad != nullptr; }
};

template <class T>
class Tape {
 public:
  Tape() = default;
  Tape(const Tape&) = delete;             // Vars point at their tape
  Tape& operator=(const Tape&) = delete;

  /// Forgets the recorded ops; their buffers stay for the next step.
  void reset() { size_ = 0; }

  /// Forgets the ops recorded after the first `mark` and keeps their buffers aside for the next
  /// ops, which reuse that memory while it is still in cache (see TapeScope).
  void rewind(size_t mark);

  /// Number of recorded nodes.
  size_t size() const { return size_; }

  /// A leaf holding a copy of `value`; no gradient flows into it.
  Var<T> constant(const Matrix<T>& value);

  /// A leaf holding a copy of `value` that receives a gradient (read it with grad()).
  Var<T> variable(const Matrix<T>& value);

  /// A leaf reading `param` in place. Gradients add into param.grad unless grads are disabled.
  Var<T> read(Param<T>& param);

  /// While false, read() records frozen leaves (target networks, no-grad evaluations).
  void set_grad_enabled(bool enabled) { grad_enabled_ = enabled; }
  bool grad_enabled() const { return grad_enabled_; }

  const Matrix<T>& value(Var<T> v) const;
  /// Gradient of a variable() leaf or any inner node after backward(); throws if it has none.
  const Matrix<T>& grad(Var<T> v) const;
  bool needs_grad(Var<T> v) const { return node(v.id).needs_grad; }

  /// Runs backward from a (1, 1) loss: d loss / d loss = 1, then every op in reverse order.
  void backward(Var<T> loss);

  // ---- for op implementations ----

  /// Records an op whose value is (rows, cols); the caller then fills out(result).
  Var<T> push(const char* op, std::initializer_list<Var<T>> inputs, size_t rows, size_t cols,
              BackwardFn<T> backward, T constant0 = 0, T constant1 = 0);
  Matrix<T>& out(Var<T> v) { return node(v.id).value; }
  Node<T>& node(int id) { return nodes_[static_cast<size_t>(id)]; }
  const Node<T>& node(int id) const { return nodes_[static_cast<size_t>(id)]; }
  const Matrix<T>& value(int id) const;
  /// The gradient buffer of node `id`, sized like its value; empty when it needs no gradient.
  GradRef<T> grad_ref(int id);

 private:
  Node<T>& next_node();
  /// Gives `m` the shape, reusing its buffer when the size matches, else a spare one of that size.
  void fit(Matrix<T>& m, const std::array<size_t, 2>& shape);

  std::deque<Node<T>> nodes_;  // a deque: references to earlier nodes survive a push
  std::vector<Matrix<T>> spare_;  // buffers of forgotten nodes, the most recently given back last
  size_t size_ = 0;
  bool grad_enabled_ = true;
};

/// RAII: the ops recorded in a scope are forgotten when it ends, their buffers kept for the next
/// scope's ops: consecutive scopes share one set of buffers, the largest scope's, instead of
/// holding the sum of all of them.
template <class T>
class TapeScope {
 public:
  explicit TapeScope(Tape<T>& tape) : tape_(tape), mark_(tape.size()) {}
  ~TapeScope() { tape_.rewind(mark_); }
  TapeScope(const TapeScope&) = delete;
  TapeScope& operator=(const TapeScope&) = delete;

 private:
  Tape<T>& tape_;
  size_t mark_;
};

/// RAII: disables gradients for parameter reads in a scope, like torch.no_grad().
template <class T>
class NoGrad {
 public:
  explicit NoGrad(Tape<T>& tape) : tape_(tape), previous_(tape.grad_enabled()) {
    tape.set_grad_enabled(false);
  }
  ~NoGrad() { tape_.set_grad_enabled(previous_); }
  NoGrad(const NoGrad&) = delete;
  NoGrad& operator=(const NoGrad&) = delete;

 private:
  Tape<T>& tape_;
  bool previous_;
};

}  // namespace autodiff
