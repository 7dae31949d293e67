// Tests for autodiff/tape.cpp: accumulation, parameter leaves, no-grad reads, buffer reuse, scopes.
#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "autodiff/ops.h"

namespace autodiff {
namespace {

TEST(Tape, ReusedInputAccumulatesGradient) {
  Tape<double> tape;
  Var<double> x = tape.variable(Matrix<double>{{3.0, -1.0}});
  tape.backward(sum(x * x));  // d(x^2)/dx = 2x: both uses of x contribute
  EXPECT_EQ(tape.grad(x), (Matrix<double>{{6.0, -2.0}}));
}

TEST(Tape, ParamGradientsAddUpAcrossReadsAndPassesUntilZeroGrad) {
  Param<double> p(Matrix<double>{{2.0}});
  Tape<double> tape;
  tape.backward(sum(tape.read(p) * tape.read(p)));  // 2p = 4
  EXPECT_EQ(p.grad(0, 0), 4.0);
  tape.reset();
  tape.backward(sum(tape.read(p)));  // + 1
  EXPECT_EQ(p.grad(0, 0), 5.0);
  p.zero_grad();
  tape.reset();
  tape.backward(sum(tape.read(p)));  // the first contribution after zero_grad assigns
  EXPECT_EQ(p.grad(0, 0), 1.0);
}

TEST(Tape, NoGradReadsGiveNoParamGradient) {
  Param<double> p(Matrix<double>{{2.0}});
  Param<double> frozen(Matrix<double>{{5.0}});
  Tape<double> tape;
  Var<double> f;
  {
    NoGrad<double> guard(tape);
    f = tape.read(frozen);
  }
  tape.backward(sum(tape.read(p) * f));
  EXPECT_EQ(p.grad(0, 0), 5.0);
  EXPECT_FALSE(frozen.has_grad);
  EXPECT_TRUE(tape.grad_enabled());
}

TEST(Tape, ResetReusesEveryBufferOnceWarm) {
  Tape<float> tape;
  Param<float> w(Matrix<float>(std::array<size_t, 2>{8, 4}, 0.5f));
  std::vector<const float*> first;
  for (int step = 0; step < 3; ++step) {
    tape.reset();
    Var<float> x = tape.constant(Matrix<float>(std::array<size_t, 2>{16, 8}, 1.0f));
    Var<float> loss = mean(relu(matmul(x, tape.read(w))));
    tape.backward(loss);
    std::vector<const float*> buffers;
    for (size_t id = 0; id < tape.size(); ++id) buffers.push_back(tape.node(static_cast<int>(id)).value.data());
    if (step == 0) first = buffers;
    EXPECT_EQ(buffers, first) << "step " << step << " reallocated a node buffer";
  }
}

// the value and gradient buffers of every node recorded after the first `from`
template <class T>
std::set<const T*> buffers_after(const Tape<T>& tape, size_t from) {
  std::set<const T*> buffers;
  for (size_t id = from; id < tape.size(); ++id) {
    const Node<T>& n = tape.node(static_cast<int>(id));
    for (const Matrix<T>* m : {&n.value, static_cast<const Matrix<T>*>(&n.grad)})
      if (m->size() > 0) buffers.insert(m->data());
  }
  return buffers;
}

TEST(TapeScope, ForgetsTheOpsOfTheScopeAndKeepsTheEarlierOnes) {
  Tape<double> tape;
  Var<double> x = tape.constant(Matrix<double>{{1.0, 2.0}});
  const size_t mark = tape.size();
  {
    TapeScope<double> scope(tape);
    Var<double> y = x * x;
    EXPECT_EQ(tape.value(y), (Matrix<double>{{1.0, 4.0}}));
    EXPECT_GT(tape.size(), mark);
  }
  EXPECT_EQ(tape.size(), mark);
  EXPECT_EQ(tape.value(x), (Matrix<double>{{1.0, 2.0}}));
  EXPECT_EQ(tape.value(x + x), (Matrix<double>{{2.0, 4.0}}));
}

// the point of a scope: the next scope's ops write into the memory the last one used, so once
// warm a sequence of scopes allocates nothing and holds only the largest scope's buffers
TEST(TapeScope, TheNextScopeReusesTheBuffersOfTheLastOne) {
  Tape<float> tape;
  Param<float> w(Matrix<float>(std::array<size_t, 2>{64, 64}, 0.01f));
  Var<float> x = tape.constant(Matrix<float>(std::array<size_t, 2>{64, 64}, 1.0f));
  const size_t mark = tape.size();
  std::set<const float*> first, second;
  {
    TapeScope<float> scope(tape);
    tape.backward(mean(relu(matmul(relu(matmul(x, tape.read(w))), tape.read(w)))));
    first = buffers_after(tape, mark);
  }
  {
    TapeScope<float> scope(tape);
    tape.backward(mean(tanh(matmul(x, tape.read(w)))));  // other ops, fewer of them
    second = buffers_after(tape, mark);
  }
  for (const float* b : second) EXPECT_TRUE(first.count(b)) << "the second scope allocated a new buffer";
}

TEST(TapeScope, GivesTheSameGradientsAsOneLongTape) {
  Param<double> w(Matrix<double>{{0.5, -1.0}, {2.0, 0.25}});
  Matrix<double> x{{1.0, -2.0}, {3.0, 0.5}};
  auto two_losses = [&](bool scoped) {
    Tape<double> tape;
    w.zero_grad();
    Var<double> in = tape.constant(x);
    for (int pass = 0; pass < 2; ++pass) {
      std::optional<TapeScope<double>> scope;
      if (scoped) scope.emplace(tape);
      tape.backward(sum(square(matmul(in, tape.read(w)))));
    }
    return Matrix<double>(w.grad);
  };
  EXPECT_EQ(two_losses(true), two_losses(false));
}

TEST(Tape, BackwardRejectsANonScalarLoss) {
  Tape<double> tape;
  Var<double> x = tape.variable(Matrix<double>{{1.0, 2.0}});
  EXPECT_THROW(tape.backward(x), ShapeError);
}

TEST(Tape, GradOfANodeOffThePathThrows) {
  Tape<double> tape;
  Var<double> x = tape.variable(Matrix<double>{{1.0}});
  Var<double> unused = tape.variable(Matrix<double>{{1.0}});
  tape.backward(sum(x));
  EXPECT_THROW(tape.grad(unused), Error);
}

}  // namespace
}  // namespace autodiff
