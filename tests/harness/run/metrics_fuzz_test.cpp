// Fuzz test of the run readers (harness/run/metrics_log.cpp, harness/run/json.cpp, issue 19): damaged
// metrics logs and run records are read or refused with a one-line message.
#include <gtest/gtest.h>

#include <cmath>

#include "harness/run/json.h"
#include "harness/run/metrics_log.h"
#include "tests/fuzz_mutations.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

constexpr size_t kMutants = 500;  // per reader

// a metrics log as training writes it: loss lines and an evaluation line with a NaN
std::string metrics_text() {
  std::string text;
  for (int step = 1000; step <= 3000; step += 1000) {
    text += JsonObject().add("step", static_cast<double>(step)).add("critic_loss", 0.25 / step).add("actor_loss", -1.5).str() + "\n";
  }
  text += JsonObject().add("step", 3000.0).add("normalized_score", std::nan("")).add("return", 1234.5).str() + "\n";
  return text;
}

// a run record as train writes it to run.json, newline included
std::string run_json_text() {
  return JsonObject()
             .add("dataset", "hopper-medium-v2")
             .add("seed", 3.0)
             .add("finished", true)
             .add("steps", 1e6)
             .add("final_score", 61.8)
             .add("note", "a \"quoted\"\tvalue")
             .str() +
         "\n";
}

TEST(MetricsFuzz, MetricsLogMutantsAreReadOrRefusedOnOneLine) {
  testing::TempDir dir;
  const std::string path = dir.file("metrics.jsonl");
  testing::write_bytes(path, metrics_text());
  ASSERT_EQ(read_metrics(path).size(), 4u) << "the seed must be valid";
  const std::vector<std::string> mutants = testing::text_mutants(metrics_text(), kMutants, 21);
  const size_t refused = testing::expect_clean_outcomes(mutants, [&](const std::string& mutant) {
    testing::write_bytes(path, mutant);
    read_metrics(path);
  });
  EXPECT_GT(refused, kMutants / 10) << "the mutants should reach the reader's error paths";
}

TEST(MetricsFuzz, RunRecordMutantsAreReadOrRefusedOnOneLine) {
  ASSERT_EQ(parse_json_object(run_json_text()).size(), 6u) << "the seed must be valid";
  const std::vector<std::string> mutants = testing::text_mutants(run_json_text(), kMutants, 22);
  const size_t refused =
      testing::expect_clean_outcomes(mutants, [](const std::string& mutant) { parse_json_object(mutant); });
  EXPECT_GT(refused, kMutants / 10);
}

}  // namespace
}  // namespace harness
