// The short-run goldens: every paper dataset's configuration, trained for 200 updates on a
// fixture of its layout, must reproduce golden/ci/<dataset>.txt exactly (losses, score, hash).
// A mismatch prints the differing lines; `make golden` rewrites the files after a reviewed change.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "autodiff/thread_pool.h"
#include "harness/run/golden_ci.h"

namespace harness {
namespace {

class GoldenCi : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenCi, ReproducesTheCommittedRecordExactly) {
  const std::string dataset = GetParam();
  std::ifstream in(golden_ci_path(dataset));
  ASSERT_TRUE(in) << golden_ci_path(dataset) << " is missing: run `make golden` and review the new file";
  std::stringstream expected;
  expected << in.rdbuf();
  const std::string actual = golden_ci_record(dataset, ::testing::TempDir() + "golden-ci");
  EXPECT_EQ(golden_diff(expected.str(), actual), "")
      << "golden/ci/" << dataset << ".txt differs (expected vs got above). If the change is intended, run "
      << "`make golden` and commit the new records.\nfull record now:\n" << actual;
}

INSTANTIATE_TEST_SUITE_P(PaperDatasets, GoldenCi, ::testing::ValuesIn(golden_ci_datasets()),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) if (c == '-') c = '_';
                           return name;
                         });

// the full-size networks on 2 and 3 threads: the committed records, unchanged
TEST(GoldenCiThreads, MoreThreadsReproduceTheCommittedRecords) {
  for (const auto& [dataset, threads] : {std::pair<std::string, size_t>{"hopper-medium-v2", 2}, {"antmaze-umaze-v2", 3}}) {
    std::ifstream in(golden_ci_path(dataset));
    std::stringstream expected;
    expected << in.rdbuf();
    GoldenCiSettings settings;
    settings.threads = threads;
    const std::string actual = golden_ci_record(dataset, ::testing::TempDir() + "golden-ci-threads", settings);
    EXPECT_EQ(golden_diff(expected.str(), actual), "") << dataset << " on " << threads << " threads";
  }
  autodiff::set_thread_count(1);
}

TEST(GoldenDiff, NamesEachDifferingKey) {
  EXPECT_EQ(golden_diff("a = 1\nb = 2\n", "a = 1\nb = 3\nc = 4\n"), "b: expected 2, got 3\nc: not expected, got 4\n");
  EXPECT_EQ(golden_diff("a = 1\n", "a = 1\n"), "");
}

}  // namespace
}  // namespace harness
