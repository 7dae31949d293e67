// Tests for autodiff/tape.cpp: accumulation, parameter leaves, no-grad reads, buffer reuse.
#include <gtest/gtest.h>

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
