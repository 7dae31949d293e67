// Tests for harness/run/finetune.cpp: the short fine-tune at its exact golden
// (golden/ci/finetune-antmaze-umaze-regen.txt, rewritten by `make golden`), a run stopped offline and
// online in mid-episode that resumes to the same bits, the metrics across the boundary, refusals.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/report/report.h"
#include "harness/run/finetune.h"
#include "harness/run/golden_ci.h"
#include "harness/run/json.h"
#include "harness/run/metrics_log.h"
#include "harness/run/text_file.h"
#include "harness/run/train.h"
#include "test_support.h"

namespace harness {
namespace {
namespace fs = std::filesystem;

std::string committed_golden() {
  std::ifstream in(golden_ci_path(kFinetuneCiName));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void expect_at_golden(const std::string& record) {
  EXPECT_EQ(golden_diff(committed_golden(), record), "")
      << golden_ci_path(kFinetuneCiName) << " differs (expected vs got above). If the change is intended, run "
      << "`make golden` and commit the new record.\nfull record now:\n" << record;
}

// a tiny fine-tune on the golden's fixture: 16-wide networks, `offline` updates, `online` steps
FinetuneOptions tiny_run(const fs::path& dir, int64_t offline, int64_t online) {
  FinetuneOptions o = finetune_ci_options(dir.string(), (dir / "run").string());
  o.config.hidden_dim = 16;
  o.config.batch_size = 16;
  o.config.max_steps = offline;
  o.online_steps = online;
  return o;
}

TEST(Finetune, AShortRunReproducesItsGoldenExactly) {
  expect_at_golden(finetune_ci_golden(test::test_dir().string()));
}

// stopped offline, then online in mid-episode, then finished: the same bits as the golden's straight run
TEST(Finetune, ARunStoppedOfflineAndOnlineInMidEpisodeResumesToTheGoldensBits) {
  const fs::path dir = test::test_dir();
  const std::string out = (dir / "run").string();
  FinetuneOptions o = finetune_ci_options(dir.string(), out);
  o.stop_at = 120;  // offline
  FinetuneResult part = run_finetune(o);
  EXPECT_TRUE(part.interrupted);
  EXPECT_EQ(part.steps, 120);
  EXPECT_EQ(part.env_steps, 0);
  o.resume = true;
  o.stop_at = 257;  // online step 57: AntMaze episodes last hundreds of steps, so mid-episode
  part = run_finetune(o);
  EXPECT_EQ(part.env_steps, 57);
  o.stop_at = 0;
  const FinetuneResult rest = run_finetune(o);
  EXPECT_FALSE(rest.interrupted);
  EXPECT_EQ(rest.steps, 400);
  EXPECT_EQ(rest.env_steps, 200);
  expect_at_golden(finetune_ci_record(out));
}

TEST(Finetune, MetricsSpanBothPhasesWithTheBoundaryEvaluated) {
  const fs::path dir = test::test_dir();
  FinetuneOptions o = tiny_run(dir, 20, 30);
  o.log_interval = 10;
  o.eval_interval = 1000;
  const FinetuneResult r = run_finetune(o);
  const std::vector<Json> lines = read_metrics((dir / "run/metrics.jsonl").string());
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(json_string(lines[1], "phase"), "offline");
  EXPECT_EQ(json_number(lines[1], "step", -1), 20);
  EXPECT_TRUE(lines[1].count("normalized_score"));  // the boundary
  EXPECT_EQ(json_string(lines[2], "phase"), "online");
  EXPECT_EQ(json_number(lines[2], "env_steps", -1), 10);
  EXPECT_FALSE(lines[2].count("normalized_score"));
  EXPECT_TRUE(lines[4].count("normalized_score"));  // the end
  const Json run = parse_json_object(read_text_file((dir / "run/run.json").string()));
  EXPECT_EQ(json_number(run, "offline_steps", -1), 20);
  EXPECT_EQ(json_number(run, "offline_score", -1), json_number(lines[1], "normalized_score", -2));
  EXPECT_EQ(json_number(run, "final_score", -1), r.final_score);
  EXPECT_EQ(run.at("finished"), Json(true));
}

TEST(Finetune, TheReportTabulatesOfflineAndOnlineAndMarksTheBoundaryOnTheCurves) {
  const fs::path dir = test::test_dir();
  FinetuneOptions o = tiny_run(dir, 20, 30);
  o.out = (dir / "runs/antmaze-umaze-regen/seed0").string();
  o.eval_interval = 10;
  const FinetuneResult r = run_finetune(o);
  ReportOptions report;
  report.runs_dir = (dir / "runs").string();
  report.out = (dir / "report").string();
  report.golden = std::string(IQL_SOURCE_DIR) + "/golden/paper.csv";
  write_report(report);
  const std::string markdown = read_text_file((dir / "report/report.md").string());
  EXPECT_NE(markdown.find("Offline -> online"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("offline until step 20, online after it"), std::string::npos) << markdown;
  EXPECT_TRUE(fs::exists(dir / "report/curves/antmaze-umaze-regen.png"));
  EXPECT_GT(r.final_score, -1);
}

// an offline run resumed in a fine-tune run's directory would drop its online part: refused by kind
TEST(Finetune, ItsDirectoryIsNamedAsAFineTuneRunsToTheOtherKindsOfRun) {
  const fs::path dir = test::test_dir();
  FinetuneOptions o = tiny_run(dir, 10, 10);
  run_finetune(o);
  TrainOptions train;
  train.dataset = o.dataset;
  train.config = o.config;
  train.out = o.out;
  train.resume = true;
  try {
    run_train(train);
    ADD_FAILURE() << "iql train resumed a fine-tune run";
  } catch (const autodiff::Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(o.out + " holds a fine-tune run's checkpoint, not an IQL run's checkpoint"),
              std::string::npos) << message;
    EXPECT_NE(message.find("iql finetune --resume --out continues its run directory"), std::string::npos) << message;
  }
  o.out = (dir / "offline").string();
  train.out = o.out;
  train.config.max_steps = 5;
  run_train(train);
  o.resume = true;
  try {
    run_finetune(o);
    ADD_FAILURE() << "iql finetune resumed an offline run";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("holds an IQL run's checkpoint, not a fine-tune run's checkpoint"),
              std::string::npos) << e.what();
  }
}

TEST(Finetune, RefusesALocomotionDatasetAndAResumeOfAnotherLength) {
  EXPECT_THROW(finetune_preset(dataset_info("hopper-medium-v2")), autodiff::Error);
  FinetuneOptions o = tiny_run(test::test_dir(), 10, 10);
  o.stop_at = 5;
  run_finetune(o);
  EXPECT_THROW(run_finetune(o), autodiff::Error);  // no --resume
  o.resume = true;
  o.online_steps = 20;
  try {
    run_finetune(o);
    FAIL() << "resumed with another online length";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("online steps"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace harness
