// Tests for harness/run/json.cpp and metrics_log.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "harness/run/json.h"
#include "harness/run/metrics_log.h"

namespace harness {
namespace {

TEST(Json, FlatObjectRoundTripsNumbersStringsAndBooleans) {
  JsonObject o;
  o.add("step", 5000.0).add("score", 0.1 + 0.2).add("name", "a \"quoted\"\nline").add("done", true);
  const auto parsed = parse_flat_json(o.str());
  EXPECT_EQ(json_number(parsed, "step", 0), 5000.0);
  EXPECT_EQ(json_number(parsed, "score", 0), 0.1 + 0.2);  // 17 digits: the same double
  EXPECT_EQ(json_string(parsed, "name"), "a \"quoted\"\nline");
  EXPECT_TRUE(std::get<bool>(parsed.at("done")));
}

TEST(Json, NaNIsWrittenAsPythonDoes) {
  JsonObject o;
  o.add("loss", std::nan(""));
  EXPECT_EQ(o.str(), "{\"loss\": NaN}");
  EXPECT_TRUE(std::isnan(json_number(parse_flat_json(o.str()), "loss", 0)));
}

TEST(Json, MalformedTextNamesThePosition) {
  EXPECT_THROW(parse_flat_json("{\"a\": }"), std::runtime_error);
}

// issue 19, defect 8 (found by metrics_fuzz_test): the message quoted the whole text, so a damaged
// run.json (which ends in a newline) gave an error of two lines, and a long one a huge line
TEST(Json, MalformedTextIsNamedOnOneLineNearThePosition) {
  const std::string text = "{\"dataset\": \"hopper-medium-v2\", \"seed\": 3, \"finished\": tru, \"steps\": 1000000}\n";
  std::string message;
  try {
    parse_flat_json(text);
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  EXPECT_EQ(message,
            "JSON: expected a value at character 55 of ...\"m-v2\\\", \\\"seed\\\": 3, \\\"finished\\\": tru, "
            "\\\"steps\\\": 1000000}\\n\"");
}

TEST(MetricsLog, ReopeningDropsLinesAfterTheKeptStep) {
  const std::string path = ::testing::TempDir() + "metrics.jsonl";
  std::ofstream(path, std::ios::trunc) << "{\"step\": 10}\n{\"step\": 20}\n{\"step\": 30}\n";
  {
    MetricsLog log(path, 20);
    log.write(JsonObject().add("step", 21.0));
  }
  std::vector<double> steps;
  for (const auto& line : read_metrics(path)) steps.push_back(json_number(line, "step", -1));
  EXPECT_EQ(steps, (std::vector<double>{10, 20, 21}));
}

}  // namespace
}  // namespace harness
