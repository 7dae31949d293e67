// Tests for autodiff/polyak.cpp.
#include <gtest/gtest.h>

#include "autodiff/polyak.h"

namespace autodiff {
namespace {

TEST(PolyakUpdate, MovesTheTargetByTheRateTowardsTheOnlineNet) {
  Param<float> online(Tensor{{1.0f, 2.0f}});
  Param<float> target(Tensor{{0.0f, 4.0f}});
  ParamList<float> online_list, target_list;
  online_list.add("p", online);
  target_list.add("p", target);
  polyak_update(target_list, online_list, 0.25);
  EXPECT_FLOAT_EQ(target.value(0, 0), 0.25f);
  EXPECT_FLOAT_EQ(target.value(0, 1), 3.5f);
}

}  // namespace
}  // namespace autodiff
