// Tests for harness/run/train.cpp and checkpoint.cpp: a run on a fixture file, resume to the same
// bits, refusals, and what the run directory records.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "autodiff/ordered_gemm.h"
#include "autodiff/thread_pool.h"
#include "harness/data/d4rl_fixture.h"
#include "harness/run/checkpoint.h"
#include "harness/run/config_options.h"
#include "harness/run/json.h"
#include "harness/run/metrics_log.h"
#include "harness/run/train.h"
#include "tests/harness/run/strict_json.h"
#include "tests/harness/run/test_support.h"

namespace harness {
namespace {
namespace fs = std::filesystem;

// a small, fast run on a 3000-row hopper-medium-v2 fixture
class TrainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    file_ = (dir_ / "hopper.hdf5").string();
    write_fixture(file_, dataset_info("hopper-medium-v2"), FixtureShape{3000, 0}, 7);
  }

  TrainOptions options(const std::string& out, int64_t steps) const {
    TrainOptions o;
    o.dataset = choose_dataset("hopper-medium-v2", file_, "");
    o.config.hidden_dim = 32;
    o.config.batch_size = 32;
    o.config.max_steps = steps;
    o.eval_interval = 20;
    o.eval_episodes = 1;
    o.log_interval = 10;
    o.seed = 3;
    o.out = (dir_ / out).string();
    return o;
  }

  // the error of resuming, with `change` made, a run stopped at step 10 ("" when it resumes)
  std::string resume_error(const std::function<void(TrainOptions&)>& change) {
    TrainOptions first = options("resumed", 40);
    first.stop_at = 10;
    if (!fs::exists(first.out)) run_train(first);
    TrainOptions again = options("resumed", 40);
    again.resume = true;
    again.stop_at = 10;
    change(again);
    return test::error_of([&] { run_train(again); });
  }

  fs::path dir_;
  std::string file_;
};

TEST_F(TrainTest, ResumedRunEndsWithTheSameBitsAsAnUninterruptedOne) {
  const TrainResult straight = run_train(options("straight", 60));
  TrainOptions first = options("split", 60);
  first.stop_at = 30;  // between two evaluations: the checkpoint is taken where it stops
  const TrainResult part = run_train(first);
  EXPECT_TRUE(part.interrupted);
  EXPECT_EQ(part.steps, 30);
  TrainOptions second = options("split", 60);
  second.resume = true;
  const TrainResult rest = run_train(second);
  EXPECT_FALSE(rest.interrupted);
  EXPECT_EQ(rest.parameter_hash, straight.parameter_hash);
  EXPECT_EQ(rest.final_score, straight.final_score);
}

TEST_F(TrainTest, ResumedRunWritesTheSameMetricsAsAnUninterruptedOne) {
  const TrainOptions straight = options("straight", 40);
  run_train(straight);
  TrainOptions first = options("split", 40);
  first.stop_at = 25;  // inside a log interval: its partial sums must survive the stop
  run_train(first);
  TrainOptions second = options("split", 40);
  second.resume = true;
  run_train(second);
  const auto expected = read_metrics(straight.out + "/metrics.jsonl");
  const auto actual = read_metrics(second.out + "/metrics.jsonl");
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    for (const auto& item : expected[i].items()) {
      if (item.key() == "train_seconds") continue;  // wall time is the one thing allowed to differ
      EXPECT_EQ(actual[i].at(item.key()), item.value()) << "line " << i << " key " << item.key();
    }
  }
}

// metrics lines without their wall times
std::vector<Json> metrics_without_times(const std::string& out) {
  std::vector<Json> lines = read_metrics(out + "/metrics.jsonl");
  for (auto& line : lines) line.erase("train_seconds");
  return lines;
}

// products big enough to be split (64 x 64 x 64) and three evaluation episodes to share
TrainOptions split_sized(TrainOptions o, size_t threads) {
  o.config.hidden_dim = 64;
  o.config.batch_size = 64;
  o.eval_interval = 10;
  o.eval_episodes = 3;
  o.threads = threads;
  return o;
}

TEST_F(TrainTest, EveryThreadCountGivesTheSameBits) {
  const TrainOptions one = split_sized(options("threads1", 20), 1);
  const TrainResult expected = run_train(one);
  for (size_t threads : {2, 3, 4}) {  // more threads than this machine's cores: oversubscribed is fine
    const TrainOptions o = split_sized(options("threads" + std::to_string(threads), 20), threads);
    const TrainResult r = run_train(o);
    EXPECT_EQ(r.parameter_hash, expected.parameter_hash) << threads << " threads";
    EXPECT_EQ(r.final_score, expected.final_score) << threads << " threads";
    EXPECT_EQ(metrics_without_times(o.out), metrics_without_times(one.out)) << threads << " threads";
    std::ifstream in(o.out + "/run.json");
    const auto record = parse_json_object(std::string(std::istreambuf_iterator<char>(in), {}));
    EXPECT_EQ(json_number(record, "threads", -1), static_cast<double>(threads));
  }
  autodiff::set_thread_count(1);
}

TEST_F(TrainTest, AResumeMayChangeTheThreadCount) {
  const TrainResult straight = run_train(split_sized(options("straight", 20), 1));
  TrainOptions first = split_sized(options("split", 20), 3);
  first.stop_at = 15;
  run_train(first);
  TrainOptions second = split_sized(options("split", 20), 2);
  second.resume = true;
  EXPECT_EQ(run_train(second).parameter_hash, straight.parameter_hash);
  autodiff::set_thread_count(1);
}

// issue 19, defect 5: hopper data trained and filed as walker2d-medium-v2
TEST_F(TrainTest, ARegistryNameOfAnotherEnvThanTheFilesIsRefused) {
  try {
    choose_dataset("walker2d-medium-v2", file_, "hopper");
    FAIL() << "a hopper file was labelled walker2d-medium-v2";
  } catch (const DatasetError& e) {
    EXPECT_NE(std::string(e.what()).find("is a walker2d dataset but --env says hopper"), std::string::npos) << e.what();
  }
  EXPECT_EQ(choose_dataset("my-hopper-set", file_, "hopper").info.name, "my-hopper-set");
}

// issue 19, defect 4's class: a run whose losses turn NaN stopped as "finished" with a score
TEST_F(TrainTest, ARunWhoseLossesTurnNonFiniteStopsAndIsMarkedDivergedNotFinished) {
  TrainOptions o = options("diverged", 60);
  o.config.actor_lr = o.config.critic_lr = o.config.value_lr = 1e30;  // finite, but no float survives it
  const TrainResult r = run_train(o);
  ASSERT_GT(r.diverged_at, 0);
  EXPECT_LT(r.diverged_at, 60);
  std::ifstream in(fs::path(o.out) / "run.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto record = parse_json_object(text.substr(0, text.find('\n')));
  EXPECT_EQ(record.at("finished"), Json(false));
  EXPECT_EQ(json_number(record, "diverged_at", 0), static_cast<double>(r.diverged_at));
  for (const Json& line : read_metrics((fs::path(o.out) / "metrics.jsonl").string()))
    for (const auto& item : line.items())
      if (item.value().is_number()) {
        EXPECT_TRUE(std::isfinite(item.value().get<double>())) << item.key();
      }
  EXPECT_EQ(testing::expect_strict_json_lines((fs::path(o.out) / "run.json").string()), 1);
}

TEST_F(TrainTest, SameSeedSameHashDifferentSeedDifferentHash) {
  const std::string a = run_train(options("a", 20)).parameter_hash;
  const std::string b = run_train(options("b", 20)).parameter_hash;
  TrainOptions other = options("c", 20);
  other.seed = 4;
  EXPECT_EQ(a, b);
  EXPECT_NE(a, run_train(other).parameter_hash);
}

TEST_F(TrainTest, SigtermCheckpointsAndStopsResumably) {
  TrainOptions o = options("signal", 100000);
  // signal once the loop has written a metrics line: its handler is installed by then
  std::thread killer([metrics = o.out + "/metrics.jsonl"] {
    for (int waited = 0; waited < 3000; ++waited) {
      if (fs::exists(metrics) && fs::file_size(metrics) > 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::raise(SIGTERM);
  });
  const TrainResult r = run_train(o);
  killer.join();
  EXPECT_TRUE(r.interrupted);
  EXPECT_LT(r.steps, 100000);
  EXPECT_EQ(read_run_state(o.out + "/checkpoint.h5").seed, 3u);
}

TEST_F(TrainTest, RefusesToOverwriteAnExistingRunWithoutResume) {
  run_train(options("run", 10));
  try {
    run_train(options("run", 10));
    FAIL() << "no error";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("--resume"), std::string::npos) << e.what();
  }
}

TEST_F(TrainTest, ResumeRejectsADifferentConfigNamingIt) {
  const std::string message = resume_error([](TrainOptions& o) { o.config.expectile = 0.8; });
  // the key that differs, however far down the config it sits, and nothing else of it
  EXPECT_NE(message.find("this run's config differs from the checkpoint's (expectile 0.7 -> 0.8; "), std::string::npos)
      << message;
  EXPECT_EQ(message.find("actor_lr"), std::string::npos) << message;
}

// another evaluation schedule would leave a metrics log on neither run's schedule
TEST_F(TrainTest, ResumeRejectsAnotherEvaluationScheduleNamingIt) {
  const std::string message = resume_error([](TrainOptions& o) { o.eval_interval = 30; });
  EXPECT_NE(message.find("this run's schedule differs from the checkpoint's (eval_interval 20 -> 30"), std::string::npos)
      << message;
  EXPECT_EQ(resume_error([](TrainOptions&) {}), "");
}

TEST_F(TrainTest, ACheckpointCutShortIsNamedWithTheWayOut) {
  EXPECT_EQ(resume_error([](TrainOptions&) {}), "");
  fs::resize_file(dir_ / "resumed" / "checkpoint.h5", 1000);
  const std::string message = resume_error([](TrainOptions&) {});
  EXPECT_NE(message.find("checkpoint.h5 cannot be read as a checkpoint (cut short or damaged?)"), std::string::npos)
      << message;
}

TEST_F(TrainTest, RunRecordHoldsWhatIsNeededToRepeatTheRun) {
  const TrainOptions o = options("run", 20);
  const TrainResult r = run_train(o);
  std::ifstream in(o.out + "/run.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto record = parse_json_object(text);
  EXPECT_EQ(json_string(record, "parameter_hash"), r.parameter_hash);
  EXPECT_EQ(json_string(record, "dataset_sha256").size(), 64u);
  EXPECT_EQ(json_number(record, "seed", -1), 3);
  EXPECT_EQ(json_string(record, "config"), config_toml(o.config));
  EXPECT_FALSE(json_string(record, "git_commit").empty());
  EXPECT_FALSE(json_string(record, "blas_kernel").empty());
  EXPECT_EQ(json_string(record, "gemm_kernel"), autodiff::gemm_kernel_name(autodiff::gemm_kernel()));
  EXPECT_EQ(json_number(record, "threads", -1), 1);
  EXPECT_TRUE(json_bool(record, "finished"));
}

TEST(Checkpoint, RoundTripRestoresEveryTensorAndCounter) {
  iql::IqlConfig config;
  config.hidden_dim = 16;
  autodiff::Rng rng(0);
  const rl::Transitions batch = rl::random_transitions(32, 11, 3, rng);
  iql::Learner trained(11, 3, config, 1);
  for (int i = 0; i < 3; ++i) trained.update(batch);
  RunState run;
  run.dataset = "hopper-medium-v2";
  run.env = "hopper";
  run.seed = 1;
  run.obs_dim = 11;
  run.act_dim = 3;
  run.config_toml = config_toml(config);
  run.batch_rng = autodiff::Rng(9).state();
  const std::string path = ::testing::TempDir() + "roundtrip.h5";
  save_checkpoint(path, trained, run);

  iql::Learner restored(11, 3, config, 2);  // another seed: everything must come from the file
  const RunState loaded = load_checkpoint(path, restored);
  EXPECT_EQ(restored.parameter_hash(), trained.parameter_hash());
  EXPECT_EQ(restored.step(), 3);
  EXPECT_EQ(loaded.batch_rng, run.batch_rng);
  EXPECT_EQ(loaded.config_toml, run.config_toml);
  // the next update agrees too: Adam moments and step counts came back
  trained.update(batch);
  restored.update(batch);
  EXPECT_EQ(restored.parameter_hash(), trained.parameter_hash());
}

TEST(Checkpoint, LoadIntoALearnerOfAnotherSizeNamesTheTensor) {
  iql::IqlConfig small, large;
  small.hidden_dim = 8;
  large.hidden_dim = 16;
  iql::Learner a(11, 3, small, 0);
  RunState run;
  const std::string path = ::testing::TempDir() + "sized.h5";
  save_checkpoint(path, a, run);
  iql::Learner b(11, 3, large, 0);
  try {
    load_checkpoint(path, b);
    FAIL() << "no error";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("params/actor/0/w"), std::string::npos) << e.what();
  }
}

TEST(Checkpoint, MissingFileIsNamed) {
  EXPECT_THROW(read_run_state("/nonexistent/checkpoint.h5"), autodiff::Error);
}

}  // namespace
}  // namespace harness
