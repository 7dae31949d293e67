// Tests for harness/grid/local_pool.cpp, with /bin/sh children standing in for `iql train`.
#include "harness/grid/local_pool.h"

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

namespace fs = std::filesystem;

// a job running `script` with /bin/sh, $1 = `arg`
PoolJob shell_job(const std::string& script, const std::string& arg = "", const std::string& log = "") {
  return PoolJob{{"/bin/sh", "-c", script, "sh", arg}, log};
}

class LocalPoolWorkers : public ::testing::TestWithParam<int> {};

TEST_P(LocalPoolWorkers, RunsEveryJobAndReportsItsExitCode) {
  testing::TempDir dir;
  std::vector<PoolJob> jobs;
  for (int i = 0; i < 4; ++i) {
    jobs.push_back(shell_job("echo ran > \"$1\".out; exit " + std::to_string(i % 3), dir.file(std::to_string(i))));
  }
  std::vector<size_t> finished;
  PoolOptions options;
  options.workers = GetParam();
  options.on_finish = [&](const JobOutcome& o) { finished.push_back(o.index); };
  const PoolResult result = run_pool(jobs, options);
  EXPECT_FALSE(result.interrupted);
  ASSERT_EQ(result.outcomes.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    const JobOutcome& o = result.outcomes[i];
    EXPECT_TRUE(o.started);
    EXPECT_EQ(o.exit_code, i % 3) << "job " << i;
    EXPECT_EQ(o.ok(), i % 3 == 0) << "job " << i;
    EXPECT_TRUE(fs::exists(dir.file(std::to_string(i) + ".out"))) << "job " << i;
  }
  EXPECT_EQ(finished.size(), 4u);
}

INSTANTIATE_TEST_SUITE_P(OneAndTwo, LocalPoolWorkers, ::testing::Values(1, 2));

TEST(LocalPool, RunsAtMostWorkersAtOnce) {
  testing::TempDir dir;
  const std::string trace = dir.file("trace");
  auto run = [&](int workers) {
    std::remove(trace.c_str());
    const std::vector<PoolJob> jobs(2, shell_job("echo s >> \"$1\"; sleep 0.4; echo e >> \"$1\"", trace));
    PoolOptions options;
    options.workers = workers;
    run_pool(jobs, options);
    return testing::read_bytes(trace);
  };
  EXPECT_EQ(run(1), "s\ne\ns\ne\n");
  EXPECT_EQ(run(2), "s\ns\ne\ne\n");
}

TEST(LocalPool, AJobWaitsForTheJobsItNeedsAndLetsLaterJobsGoFirst) {
  testing::TempDir dir;
  const std::string order = dir.file("order");
  // 0 is slow; 1 needs 0; 2 needs nothing, so the second worker takes 2 while 1 waits
  std::vector<PoolJob> jobs = {shell_job("sleep 0.3; echo 0 >> \"$1\"", order),
                               shell_job("echo 1 >> \"$1\"", order), shell_job("echo 2 >> \"$1\"", order)};
  jobs[1].after = {0};
  PoolOptions options;
  options.workers = 2;
  const PoolResult result = run_pool(jobs, options);
  for (const JobOutcome& o : result.outcomes) EXPECT_TRUE(o.ok()) << o.index;
  EXPECT_EQ(testing::read_bytes(order), "2\n0\n1\n");
}

TEST(LocalPool, AJobWhoseDependencyFailedIsBlockedAndSoAreItsDependents) {
  std::vector<PoolJob> jobs = {shell_job("exit 3"), shell_job("exit 0"), shell_job("exit 0"), shell_job("exit 0")};
  jobs[1].after = {0};
  jobs[2].after = {1};
  int finished = 0;
  PoolOptions options;
  options.on_finish = [&](const JobOutcome&) { ++finished; };
  const PoolResult result = run_pool(jobs, options);
  EXPECT_EQ(result.outcomes[0].exit_code, 3);
  for (size_t i : {1, 2}) {
    EXPECT_TRUE(result.outcomes[i].blocked) << i;
    EXPECT_FALSE(result.outcomes[i].started) << i;
  }
  EXPECT_TRUE(result.outcomes[3].ok());
  EXPECT_EQ(finished, 2);  // blocked jobs never started, so never finish
}

TEST(LocalPool, AppendsStdoutAndStderrToTheLog) {
  testing::TempDir dir;
  const std::string log = dir.file("cell/train.log");  // the directory is made as needed
  const std::vector<PoolJob> jobs = {shell_job("echo out; echo err >&2", "", log), shell_job("echo again", "", log)};
  PoolOptions options;
  options.workers = 1;
  run_pool(jobs, options);
  EXPECT_EQ(testing::read_bytes(log), "out\nerr\nagain\n");
}

TEST(LocalPool, SetsTheChildEnvironment) {
  testing::TempDir dir;
  PoolOptions options;
  options.env["OPENBLAS_NUM_THREADS"] = "1";
  run_pool({shell_job("echo \"$OPENBLAS_NUM_THREADS\" > \"$1\"", dir.file("env"))}, options);
  EXPECT_EQ(testing::read_bytes(dir.file("env")), "1\n");
}

TEST(LocalPool, MissingProgramIsReportedNotThrown) {
  const PoolResult result = run_pool({PoolJob{{"/no/such/program"}, ""}}, PoolOptions{});
  const JobOutcome& o = result.outcomes.at(0);
  EXPECT_FALSE(o.ok());
  EXPECT_NE(o.spawn_error.find("/no/such/program"), std::string::npos) << o.spawn_error;
}

TEST(LocalPool, ChildKilledBySignalIsReported) {
  const JobOutcome o = run_pool({shell_job("kill -9 $$")}, PoolOptions{}).outcomes.at(0);
  EXPECT_EQ(o.signal, 9);
  EXPECT_FALSE(o.ok());
}

// the child traps SIGINT like `iql train` (which checkpoints, then exits 130); the test sends
// SIGINT to itself once the child is ready, as Ctrl-C on a terminal would
TEST(LocalPool, InterruptIsForwardedAndStartsNoMoreJobs) {
  testing::TempDir dir;
  const std::string script =
      "trap 'echo stopped > \"$1\".stopped; exit 130' INT; touch \"$1\".ready; "
      "i=0; while [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done";
  const std::vector<PoolJob> jobs = {shell_job(script, dir.file("a")), shell_job(script, dir.file("b"))};
  std::thread interrupter([&] {
    for (int i = 0; i < 500 && !fs::exists(dir.file("a.ready")); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    kill(getpid(), SIGINT);
  });
  PoolOptions options;
  options.workers = 1;
  const PoolResult result = run_pool(jobs, options);
  interrupter.join();
  EXPECT_TRUE(result.interrupted);
  EXPECT_EQ(result.outcomes[0].exit_code, 130);
  EXPECT_LT(result.outcomes[0].seconds, 5.0) << "the child stopped on the signal, not at its end";
  EXPECT_TRUE(fs::exists(dir.file("a.stopped")));
  EXPECT_FALSE(result.outcomes[1].started);
}

TEST(ShortDuration, PicksTheUnit) {
  EXPECT_EQ(short_duration(4.4), "4s");
  EXPECT_EQ(short_duration(12 * 60 + 5), "12m");
  EXPECT_EQ(short_duration(3 * 3600 + 5 * 60), "3h05m");
}

}  // namespace
}  // namespace harness
