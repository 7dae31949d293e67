// Tests for harness/run/json.cpp and metrics_log.cpp: what our JSON lines hold, that any strict
// parser reads them, and that files older versions wrote (bare NaN) still read.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "autodiff/error.h"
#include "harness/run/json.h"
#include "harness/run/metrics_log.h"
#include "tests/harness/run/strict_json.h"

namespace harness {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(Json, NumbersStringsAndBooleansRoundTrip) {
  JsonObject o;
  o.add("step", 5000.0).add("score", 0.1 + 0.2).add("tiny", 1e-300).add("huge", 1e300).add("done", true);
  const Json parsed = parse_json_object(o.str());
  EXPECT_EQ(json_number(parsed, "step", 0), 5000.0);
  EXPECT_EQ(json_number(parsed, "score", 0), 0.1 + 0.2);  // shortest digits that read back the same double
  EXPECT_EQ(json_number(parsed, "tiny", 0), 1e-300);
  EXPECT_EQ(json_number(parsed, "huge", 0), 1e300);
  EXPECT_TRUE(json_bool(parsed, "done"));
}

TEST(Json, IntegralNumbersAreWrittenAsIntegers) {
  JsonObject o;
  o.add("step", 5000.0).add("seed", 3.0).add("negative_zero", -0.0).add("beyond_2_53", 1e17);
  EXPECT_EQ(o.str(), R"({"step":5000,"seed":3,"negative_zero":-0.0,"beyond_2_53":1e+17})");
}

TEST(Json, OddStringsRoundTripAsValidJson) {
  const std::string odd = "a \"quoted\" \\path\\\nline\ttab\x01\x1f end; unicode: \xc3\xbc \xe2\x80\x94 {\"no\": 1}";
  JsonObject o;
  o.add("config", odd).add("empty", "").add("key with \"quotes\"\n", "v");
  const std::string line = o.str();
  EXPECT_EQ(line.find('\n'), std::string::npos) << "a JSON line holds no raw line break: " << line;
  const Json parsed = parse_json_object(line);
  EXPECT_EQ(json_string(parsed, "config"), odd);
  EXPECT_EQ(json_string(parsed, "empty"), "");
  EXPECT_EQ(json_string(parsed, "key with \"quotes\"\n"), "v");
  EXPECT_TRUE(nlohmann::json::accept(line)) << line;
}

TEST(Json, InvalidUtf8IsReplacedNotWrittenRaw) {
  JsonObject o;
  o.add("path", std::string("runs/\xff\xfe/x"));
  EXPECT_EQ(json_string(parse_json_object(o.str()), "path"), "runs/\xef\xbf\xbd\xef\xbf\xbd/x");  // U+FFFD twice
}

TEST(Json, NonFiniteNumbersAreNullWithAFlag) {
  JsonObject o;
  o.add("loss", std::nan("")).add("lr", kInf).add("q", -kInf).add("score", 1.5);
  EXPECT_EQ(o.str(), R"({"loss":null,"loss_nonfinite":"nan","lr":null,"lr_nonfinite":"inf","q":null,)"
                     R"("q_nonfinite":"-inf","score":1.5})");
  const Json parsed = parse_json_object(o.str());
  EXPECT_TRUE(std::isnan(json_number(parsed, "loss", 0)));
  EXPECT_EQ(json_number(parsed, "lr", 0), kInf);
  EXPECT_EQ(json_number(parsed, "q", 0), -kInf);
  EXPECT_EQ(json_number(parsed, "score", 0), 1.5);
}

TEST(Json, AFiniteValueReplacingANonFiniteOneDropsTheFlag) {
  JsonObject o;
  o.add("loss", std::nan("")).add("loss", 2.0);
  EXPECT_EQ(o.str(), R"({"loss":2})");
}

// what versions before nlohmann::json wrote: Python's token for NaN, printf's for infinities
TEST(Json, OlderFilesWithBareNonFiniteTokensStillRead) {
  const Json parsed = parse_json_object(R"({"loss": NaN, "lr": inf, "q": -inf, "note": "NaN, inf: text", "step": 7})");
  EXPECT_TRUE(std::isnan(json_number(parsed, "loss", 0)));
  EXPECT_TRUE(std::isnan(json_number(parsed, "lr", 0)));
  EXPECT_TRUE(std::isnan(json_number(parsed, "q", 0)));
  EXPECT_EQ(json_string(parsed, "note"), "NaN, inf: text");
  EXPECT_EQ(json_number(parsed, "step", 0), 7);
}

TEST(Json, AbsentOrOtherTypedKeysGiveTheFallback) {
  const Json parsed = parse_json_object(R"({"name": "x", "n": 1, "flag": "yes"})");
  EXPECT_EQ(json_number(parsed, "missing", -1), -1);
  EXPECT_EQ(json_number(parsed, "name", -1), -1);
  EXPECT_EQ(json_string(parsed, "n"), "");
  EXPECT_FALSE(json_bool(parsed, "flag"));
}

// issue 19, defect 8: a damaged run.json (which ends in a newline) must give a one-line error
TEST(Json, MalformedTextIsNamedOnOneLineWithItsPosition) {
  const std::string text = "{\"dataset\": \"hopper-medium-v2\", \"seed\": 3, \"finished\": tru, \"steps\": 1000000}\n";
  std::string message;
  try {
    parse_json_object(text);
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  EXPECT_EQ(message.rfind("JSON: parse error at line 1, column 59: syntax error while parsing value - invalid "
                          "literal; last read: '\"finished\": tru,'", 0), 0u) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(Json, TextThatIsNotAnObjectIsRefused) {
  EXPECT_THROW(parse_json_object("[1, 2]"), std::runtime_error);
  EXPECT_THROW(parse_json_object("NaN"), std::runtime_error);
}

TEST(MetricsLog, ReopeningDropsLinesAfterTheKeptStep) {
  const std::string path = ::testing::TempDir() + "metrics.jsonl";
  std::ofstream(path, std::ios::trunc) << "{\"step\": 10}\n{\"step\": 20}\n{\"step\": 30}\n";
  {
    MetricsLog log(path, 20);
    log.write(JsonObject().add("step", 21.0));
  }
  std::vector<double> steps;
  for (const Json& line : read_metrics(path)) steps.push_back(json_number(line, "step", -1));
  EXPECT_EQ(steps, (std::vector<double>{10, 20, 21}));
}

// a crash or a full disk mid-write leaves the last line cut short: resuming drops it, and reading
// the log anywhere else still names the line
TEST(MetricsLog, ResumingDropsALastLineCutShort) {
  const std::string path = ::testing::TempDir() + "torn_metrics.jsonl";
  std::ofstream(path, std::ios::trunc) << "{\"step\": 10}\n{\"step\": 20}\n{\"step\": 3";
  EXPECT_THROW(read_metrics(path), autodiff::Error);
  {
    MetricsLog log(path, 20);
    log.write(JsonObject().add("step", 30.0));
  }
  std::vector<double> steps;
  for (const Json& line : read_metrics(path)) steps.push_back(json_number(line, "step", -1));
  EXPECT_EQ(steps, (std::vector<double>{10, 20, 30}));
  std::ofstream(path, std::ios::trunc) << "{\"step\": 1\n{\"step\": 20}\n";  // not the last line: damage
  EXPECT_THROW(MetricsLog(path, 20), autodiff::Error);
}

TEST(MetricsLog, ResumingAnOldLogRewritesItsBareNaNAsValidJson) {
  const std::string path = ::testing::TempDir() + "old_metrics.jsonl";
  std::ofstream(path, std::ios::trunc) << "{\"step\": 10, \"actor_loss\": NaN}\n";
  {
    MetricsLog log(path, 10);
    log.write(JsonObject().add("step", 20.0).add("actor_loss", std::nan("")));
  }
  EXPECT_EQ(testing::expect_strict_json_lines(path), 2);
  const std::vector<Json> lines = read_metrics(path);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(std::isnan(json_number(lines[0], "actor_loss", 0)));
  EXPECT_TRUE(std::isnan(json_number(lines[1], "actor_loss", 0)));
}

}  // namespace
}  // namespace harness
