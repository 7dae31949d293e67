// Tests for harness/report/metric_chart.cpp: a metric's line per run from the metrics lines that
// have it, the legend labels, and the message when a run never logged the metric.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/report/metric_chart.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

void write_metrics(const std::string& dir, const std::string& lines) {
  std::filesystem::create_directories(dir);
  testing::write_bytes(dir + "/metrics.jsonl", lines);
}

TEST(MetricChart, DrawsTheMetricOfEachRunAtTheStepsThatLoggedIt) {
  testing::TempDir dir;
  write_metrics(dir.file("a"), "{\"step\":1000,\"weight_ess\":0.5}\n{\"step\":2000,\"actor_loss\":1}\n"
                               "{\"step\":3000,\"weight_ess\":0.25}\n");
  write_metrics(dir.file("b"), "{\"step\":1000,\"weight_ess\":1}\n");
  const LineChart chart = metric_chart({labelled_run(dir.file("a") + "=temperature 3"), labelled_run(dir.file("b"))},
                                       "weight_ess");
  ASSERT_EQ(chart.series.size(), 2u);
  EXPECT_EQ(chart.series[0].label, "temperature 3");
  EXPECT_EQ(chart.series[0].x, (std::vector<double>{1000, 3000}));
  EXPECT_EQ(chart.series[0].y, (std::vector<double>{0.5, 0.25}));
  EXPECT_EQ(chart.series[1].label, dir.file("b"));  // a bare directory is its own label
  EXPECT_EQ(chart.series[1].y, (std::vector<double>{1}));
  EXPECT_EQ(chart.y_label, "weight_ess");
}

TEST(MetricChart, ARunThatNeverLoggedTheMetricIsNamedWithTheKeysItHas) {
  testing::TempDir dir;
  write_metrics(dir.file("bc"), "{\"step\":1000,\"actor_loss\":1}\n");
  try {
    metric_chart({labelled_run(dir.file("bc"))}, "weight_ess");
    FAIL() << "a missing metric was accepted";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("bc/metrics.jsonl has no 'weight_ess' in any line; its keys: actor_loss, step"),
              std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace harness
