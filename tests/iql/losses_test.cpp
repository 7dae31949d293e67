// Tests for iql/losses.cpp.
#include <gtest/gtest.h>

#include "iql/losses.h"

namespace iql {
namespace {

float eval_expectile_loss(const Tensor& u, double expectile) {
  autodiff::Tape<float> tape;
  return tape.value(expectile_loss(tape.constant(u), expectile))(0, 0);
}

TEST(ExpectileLoss, WeightsNegativeResidualsByOneMinusTau) {
  EXPECT_FLOAT_EQ(eval_expectile_loss(Tensor{{-1.0f}, {2.0f}}, 0.7), 1.55f);  // (0.3*1 + 0.7*4) / 2
}

TEST(ExpectileLoss, IsHalfTheMeanSquareAtTauOneHalf) {
  EXPECT_FLOAT_EQ(eval_expectile_loss(Tensor{{-3.0f}, {1.0f}}, 0.5), 2.5f);  // 0.5 * (9 + 1) / 2
}

TEST(AdvantageWeights, ExponentiateTheScaledAdvantageAndCap) {
  const Tensor w = advantage_weights(Tensor{{1.0f}, {5.0f}, {0.0f}}, Tensor{{0.5f}, {0.0f}, {1.0f}}, 3.0, 100.0);
  EXPECT_FLOAT_EQ(w(0, 0), std::exp(1.5f));
  EXPECT_FLOAT_EQ(w(1, 0), 100.0f);  // exp(15) capped
  EXPECT_FLOAT_EQ(w(2, 0), std::exp(-3.0f));
}

TEST(WeightSpread, CountsTheRowsAtTheCapAndTheEffectiveShareOfTheBatch) {
  const WeightSpread equal = weight_spread(Tensor{{2.0f}, {2.0f}, {2.0f}, {2.0f}}, 100.0);
  EXPECT_FLOAT_EQ(equal.at_cap, 0.0f);
  EXPECT_FLOAT_EQ(equal.effective_share, 1.0f);  // every row counts, as in BC
  const WeightSpread one = weight_spread(Tensor{{100.0f}, {0.0f}, {0.0f}, {0.0f}}, 100.0);
  EXPECT_FLOAT_EQ(one.at_cap, 0.25f);
  EXPECT_FLOAT_EQ(one.effective_share, 0.25f);  // one row of four carries the batch
  EXPECT_FLOAT_EQ(weight_spread(Tensor{{100.0f}, {100.0f}, {1.0f}, {1.0f}}, 100.0).effective_share,
                  202.0f * 202.0f / (4.0f * 20002.0f));
}

}  // namespace
}  // namespace iql
