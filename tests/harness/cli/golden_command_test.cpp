// `iql golden` (harness/cli/golden.cpp) through the real binary, where it rewrites nothing.
#include <gtest/gtest.h>

#include "tests/harness/cli/iql_binary.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

// before, it said nothing and exited 0, as if the goldens had been rewritten
TEST(GoldenCommand, AnOnlyThatMatchesNoGoldenIsAnErrorListingThem) {
  testing::TempDir dir;
  const JobOutcome outcome = testing::run_iql({"golden", "--only", "zzzz-nomatch"}, dir.file("golden.log"));
  const std::string log = testing::read_bytes(dir.file("golden.log"));
  EXPECT_NE(outcome.exit_code, 0) << log;
  EXPECT_NE(log.find("--only 'zzzz-nomatch' matches no golden (they are: finetune-antmaze-umaze-regen, "
                     "halfcheetah-medium-v2, "),
            std::string::npos) << log;
}

}  // namespace
}  // namespace harness
