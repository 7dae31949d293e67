// Tests for harness/run/parity.cpp: the C++ learner against the committed output of the PyTorch
// reference (golden/parity/*.h5, made by `make parity`), without needing torch.
#include <gtest/gtest.h>

#include "harness/run/parity.h"
#include "harness/run/sac_parity.h"

namespace harness {
namespace {

std::string golden(const std::string& name) { return IQL_SOURCE_DIR "/golden/parity/" + name + ".h5"; }

void expect_parity(const std::string& name) {
  std::unique_ptr<iql::Learner> learner = run_parity(parity_case(name));
  const ParityReport report = compare_with_reference(learner->parameters(), golden(name));
  for (const ParityError& e : report.tensors)
    EXPECT_LE(e.max_relative, kParityTolerance) << e.name << " (relative L2 " << e.relative_l2 << ")";
  EXPECT_TRUE(report.passed());
}

TEST(Parity, LocomotionMatchesThePyTorchReferenceAfter50Updates) { expect_parity("locomotion"); }

TEST(Parity, AntmazeMatchesThePyTorchReferenceAfter50Updates) { expect_parity("antmaze"); }

TEST(Parity, SacMatchesThePyTorchReferenceAfter50Updates) {
  std::unique_ptr<sac::SacLearner> learner = run_sac_parity(SacParityCase{});
  const ParityReport report = compare_with_reference(learner->parameters(), golden("sac"));
  for (const ParityError& e : report.tensors)
    EXPECT_LE(e.max_relative, kParityTolerance) << e.name << " (relative L2 " << e.relative_l2 << ")";
  EXPECT_TRUE(report.passed());
}

TEST(Parity, ASacTargetWithoutTheEntropyTermIsCaught) {
  SacParityCase changed;
  changed.config.target_entropy_per_dim = 0.0;  // alpha then moves the other way
  std::unique_ptr<sac::SacLearner> learner = run_sac_parity(changed);
  EXPECT_FALSE(compare_with_reference(learner->parameters(), golden("sac")).passed());
}

TEST(Parity, AnUpdateOrderOtherThanTheOfficialOneIsCaught) {
  ParityCase changed = parity_case("locomotion");
  changed.config.pre_update_value_targets = true;  // CORL's order: targets from V before its step
  std::unique_ptr<iql::Learner> learner = run_parity(changed);
  EXPECT_FALSE(compare_with_reference(learner->parameters(), golden("locomotion")).passed());
}

TEST(Parity, AntmazeBatchesCarryIqlAntmazeRewards) {
  const rl::Transitions batches = parity_batches(parity_case("antmaze"));
  for (size_t i = 0; i < batches.size(); ++i) {
    ASSERT_TRUE(batches.rewards(i, 0) == -1.0f || batches.rewards(i, 0) == 0.0f) << "row " << i;
    ASSERT_EQ(batches.masks(i, 0), batches.rewards(i, 0) == 0.0f ? 0.0f : 1.0f) << "row " << i;
  }
}

}  // namespace
}  // namespace harness
