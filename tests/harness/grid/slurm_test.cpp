// Tests for harness/grid/slurm.cpp: the job-array script, checked as text and run with bash.
#include "harness/grid/slurm.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "harness/grid/local_pool.h"
#include "tests/harness/data/test_support.h"
#include "tests/harness/grid/test_support.h"

namespace harness {
namespace {

std::vector<Cell> cells_in(const std::string& runs) {
  GridDataset d = testing::hopper_dataset({0, 1, 2});
  d.hyperparameters = {{"hidden_dim", "32"}};
  GridSpec spec;
  spec.datasets = {d};
  return grid_cells(spec, CellContext{"/opt/iql bin/iql", runs, 30});
}

TEST(SlurmScript, HasOneArrayTaskPerCellAndOneCpuEach) {
  SlurmOptions options;
  options.time = "02:30:00";
  options.mem = "3G";
  const std::string script = sbatch_script(cells_in("runs"), "runs", options);
  EXPECT_EQ(script.rfind("#!/bin/bash\n", 0), 0u);
  EXPECT_NE(script.find("#SBATCH --array=0-2\n"), std::string::npos) << script;
  EXPECT_NE(script.find("#SBATCH --cpus-per-task=1\n"), std::string::npos) << script;
  EXPECT_NE(script.find("#SBATCH --ntasks=1\n"), std::string::npos) << script;
  EXPECT_NE(script.find("#SBATCH --time=02:30:00\n"), std::string::npos) << script;
  EXPECT_NE(script.find("#SBATCH --mem=3G\n"), std::string::npos) << script;
  EXPECT_NE(script.find("#SBATCH --signal=B:INT@300\n"), std::string::npos) << script;
  EXPECT_NE(script.find("#SBATCH --requeue\n"), std::string::npos) << script;
  EXPECT_EQ(script.find("--partition"), std::string::npos) << "none unless asked for";
  EXPECT_NE(script.find("export OPENBLAS_NUM_THREADS=1"), std::string::npos) << script;
  options.partition = "cpu";
  EXPECT_NE(sbatch_script(cells_in("runs"), "runs", options).find("#SBATCH --partition=cpu\n"), std::string::npos);
}

TEST(SlurmScript, TaskIRunsTheCommandLineOfCellI) {
  const std::vector<Cell> cells = cells_in("runs");
  const std::string script = sbatch_script(cells, "runs", SlurmOptions{});
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string task = "  " + std::to_string(i) + ") run_dir=" + cells[i].run_dir + "; set -- " +
                             command_line(cells[i].argv) + " ;;\n";
    EXPECT_NE(script.find(task), std::string::npos) << "task " << i << " should be\n" << task << "in\n" << script;
  }
  EXPECT_NE(script.find("'/opt/iql bin/iql' train --dataset hopper-medium-v2 --seed 2 --out runs/hopper-medium-v2/seed2 "
                        "--resume --eval-interval 5000 --eval-episodes 10 --threads 1 --steps 30 --hidden-dim 32 ;;"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("\"$@\" >> \"$run_dir/train.log\" 2>&1 &\n"), std::string::npos) << script;
}

// defect: with a fixed SIGINT 300 s before the limit, a task under a 5-minute limit was signalled at
// once and each resubmission made seconds of progress
TEST(SlurmScript, TheCheckpointSignalFitsTheTimeLimit) {
  SlurmOptions options;
  options.time = "4";
  EXPECT_NE(sbatch_script(cells_in("runs"), "runs", options).find("#SBATCH --signal=B:INT@60\n"), std::string::npos);
  options.time = "1";
  EXPECT_THROW(sbatch_script(cells_in("runs"), "runs", options), GridError) << "a limit too short to make progress";
}

// runs `script` as slurmstepd runs array task `task` of job 7: in `workdir`, its output opened there
// as slurm-7_<task>.out, `path` first on PATH (a fake scontrol). With `signal_after` (a file), SIGINT
// goes to the task's shell once that file has content, as Slurm's --signal=B:INT does. Returns the
// task's exit code.
int run_as_slurm_task(const std::string& script, const std::string& workdir, int task, const std::string& path = "",
                      const std::string& signal_after = "") {
  const std::string command =
      "cd \"$0\" || exit 99\n"
      "set -m  # the task's shell must not start with SIGINT ignored: under slurmstepd it does not\n"
      "bash \"$1\" > \"slurm-7_$SLURM_ARRAY_TASK_ID.out\" 2>&1 &\n"
      "task=$!\n"
      "if [ -n \"$2\" ]; then\n"
      "  for i in $(seq 400); do [ -s \"$2\" ] && break; sleep 0.05; done\n"
      "  kill -INT \"$task\"\n"
      "fi\n"
      "wait \"$task\"\n";
  PoolOptions options;
  options.env["SLURM_ARRAY_JOB_ID"] = "7";
  options.env["SLURM_ARRAY_TASK_ID"] = std::to_string(task);
  if (!path.empty()) options.env["PATH"] = path + ":" + std::getenv("PATH");
  const PoolJob job{{"/bin/bash", "-c", command, workdir, script, signal_after}, ""};
  return run_pool({job}, options).outcomes.at(0).exit_code;
}

// the script run by bash as Slurm would run task 1: only cell 1's command runs, into its log
TEST(SlurmScript, BashRunsOnlyTheTasksCell) {
  testing::TempDir runs;
  std::vector<Cell> cells(2);
  for (size_t i = 0; i < cells.size(); ++i) {
    cells[i].run_dir = runs.file("cell" + std::to_string(i));
    cells[i].argv = {"/bin/sh", "-c", "echo \"cell $0 threads $OPENBLAS_NUM_THREADS\"", std::to_string(i)};
  }
  const std::string script = write_sbatch(cells, runs.path(), SlurmOptions{});
  EXPECT_EQ(script, runs.file("grid.sbatch"));
  EXPECT_EQ(run_as_slurm_task(script, runs.path(), 1), 0) << testing::read_bytes(runs.file("slurm-7_1.out"));
  EXPECT_EQ(testing::read_bytes(runs.file("cell1/train.log")), "cell 1 threads 1\n");
  EXPECT_FALSE(std::filesystem::exists(runs.file("cell0")));
  EXPECT_EQ(run_as_slurm_task(script, runs.path(), 2), 2);
  EXPECT_NE(testing::read_bytes(runs.file("slurm-7_2.out")).find("grid.sbatch: no cell for task 2"),
            std::string::npos);
}

// a tree of relative paths, as `iql grid` makes it from a repository's root: bin/iql, runs/
class RelocatedTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(made_in_ + "/bin");
    testing::write_bytes(made_in_ + "/bin/iql", "#!/bin/sh\necho \"cell $1 in $(basename \"$PWD\")\"\n");
    std::filesystem::permissions(made_in_ + "/bin/iql", std::filesystem::perms::owner_all);
    std::vector<Cell> cells(2);
    for (size_t i = 0; i < cells.size(); ++i) {
      cells[i].run_dir = "runs/cell" + std::to_string(i);
      cells[i].argv = {"bin/iql", std::to_string(i)};
    }
    std::filesystem::create_directories(made_in_ + "/runs");
    testing::write_bytes(made_in_ + "/runs/grid.sbatch", sbatch_script(cells, "runs", SlurmOptions{}));
  }

  testing::TempDir dir_;
  std::string made_in_ = dir_.file("made-here");
};

TEST_F(RelocatedTreeTest, ScriptRunsInACopyOfTheTreeElsewhere) {
  const std::string cluster = dir_.file("cluster-checkout");
  std::filesystem::rename(made_in_, cluster);
  ASSERT_EQ(run_as_slurm_task("runs/grid.sbatch", cluster, 1), 0) << testing::read_bytes(cluster + "/slurm-7_1.out");
  EXPECT_EQ(testing::read_bytes(cluster + "/runs/cell1/train.log"), "cell 1 in cluster-checkout\n");
}

// Slurm's output is opened before the script runs: it starts in the working directory, and the
// task moves it into runs/slurm (one file per requeue) once it knows it runs in the right tree
TEST_F(RelocatedTreeTest, SlurmOutputMovesIntoTheRunsDirectoryOnceTheTaskRuns) {
  ASSERT_EQ(run_as_slurm_task("runs/grid.sbatch", made_in_, 0), 0);
  EXPECT_FALSE(std::filesystem::exists(made_in_ + "/slurm-7_0.out")) << "left in the working directory";
  EXPECT_TRUE(std::filesystem::exists(made_in_ + "/runs/slurm/7_0-0.out"));
}

// defect: with --output=runs/slurm/%A_%a.out, a task submitted from another directory failed before
// its script ran ("IO setup failed", only in slurmd's log), so this message never showed
TEST_F(RelocatedTreeTest, SubmittedFromTheWrongDirectoryItSaysWhatToDoInSlurmsOutput) {
  const std::string script = testing::read_bytes(made_in_ + "/runs/grid.sbatch");
  EXPECT_NE(script.find("#SBATCH --output=slurm-%A_%a.out\n"), std::string::npos)
      << "Slurm's output must open in any working directory:\n" << script;
  std::filesystem::create_directories(dir_.file("elsewhere/runs"));
  std::filesystem::copy_file(made_in_ + "/runs/grid.sbatch", dir_.file("elsewhere/runs/grid.sbatch"));
  EXPECT_EQ(run_as_slurm_task("runs/grid.sbatch", dir_.file("elsewhere"), 0), 2);
  const std::string log = testing::read_bytes(dir_.file("elsewhere/slurm-7_0.out"));
  EXPECT_NE(log.find("grid.sbatch: cannot run bin/iql from " + dir_.file("elsewhere") +
                     ": submit from the directory the grid was made in, or write the script again with "
                     "iql grid --iql PATH (and --workdir DIR)\n"),
            std::string::npos)
      << log;
  EXPECT_FALSE(std::filesystem::exists(dir_.file("elsewhere/runs/cell0"))) << "a task that cannot run made its run dir";
}

// a stand-in for train: checkpoints (a line in its log) and exits 130 on SIGINT, as iql train does
const std::string kFakeTrain =
    "import signal, sys, time\n"
    "signal.signal(signal.SIGINT, lambda *_: (print('checkpointed', flush=True), sys.exit(130)))\n"
    "print('started', flush=True)\n"
    "time.sleep(30)\n";

class CutTaskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.file("bin"));
    testing::write_bytes(dir_.file("bin/scontrol"), "#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/scontrol.args\"\n");
    std::filesystem::permissions(dir_.file("bin/scontrol"), std::filesystem::perms::owner_all);
  }

  // the script of one cell running `argv`, SIGINT sent to task 0 once the cell's log has a line
  int run_cut(std::vector<std::string> argv) {
    Cell cell;
    cell.run_dir = dir_.file("runs/cell0");
    cell.argv = std::move(argv);
    const std::string script = write_sbatch({cell}, dir_.file("runs"), SlurmOptions{});
    return run_as_slurm_task(script, dir_.path(), 0, dir_.file("bin"), cell.run_dir + "/train.log");
  }

  testing::TempDir dir_;
};

// defect: after SIGINT the task checkpointed and exited 130, so Slurm marked it FAILED and nothing
// continued it; now it says so and requeues itself (only this array task)
TEST_F(CutTaskTest, ATaskCutByItsTimeLimitCheckpointsAndRequeuesItselfInsteadOfFailing) {
  EXPECT_EQ(run_cut({"python3", "-c", kFakeTrain}), 0);
  EXPECT_EQ(testing::read_bytes(dir_.file("runs/cell0/train.log")), "started\ncheckpointed\n");
  EXPECT_EQ(testing::read_bytes(dir_.file("bin/scontrol.args")), "requeue 7_0\n");
  const std::string out = testing::read_bytes(dir_.file("runs/slurm/7_0-0.out"));
  EXPECT_NE(out.find("grid.sbatch: " + dir_.file("runs/cell0") +
                     " checkpointed before the time limit; requeueing the task to continue from the checkpoint"),
            std::string::npos)
      << out;
}

TEST_F(CutTaskTest, ATaskThatFailsIsReportedAsFailedAndNotRequeued) {
  EXPECT_EQ(run_cut({"/bin/sh", "-c", "echo started; sleep 2; exit 3"}), 3);
  EXPECT_FALSE(std::filesystem::exists(dir_.file("bin/scontrol.args")));
}

// the repository and build may sit anywhere on the cluster: nothing of this machine's tree goes in
TEST(SlurmScript, RelativePathsStartAtTheSubmitDirectoryByDefault) {
  const std::string script = sbatch_script(cells_in("runs"), "runs", SlurmOptions{});
  EXPECT_EQ(script.find("--chdir"), std::string::npos) << script;
  EXPECT_EQ(script.find(std::filesystem::current_path().string()), std::string::npos) << script;
  EXPECT_NE(script.find("# relative paths start at the directory sbatch is run from ($SLURM_SUBMIT_DIR)\n"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("mv slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}.out runs/slurm/"), std::string::npos)
      << script;
}

TEST(SlurmScript, AWorkdirBecomesTheChdirOfEveryTask) {
  SlurmOptions options;
  options.workdir = "/cluster/home/me/iql";
  const std::string script = sbatch_script(cells_in("runs"), "runs", options);
  EXPECT_NE(script.find("#SBATCH --chdir=/cluster/home/me/iql\n"), std::string::npos) << script;
  EXPECT_NE(script.find("# relative paths start at /cluster/home/me/iql (--chdir)\n"), std::string::npos) << script;
}

TEST(RelativeIfInside, NamesAPathInsideTheBaseRelativeToIt) {
  EXPECT_EQ(relative_if_inside("/home/me/iql/build/iql", "/home/me/iql"), "build/iql");
  EXPECT_EQ(relative_if_inside("/home/me/iql/build/iql", "/home/me/iql/"), "build/iql");
  EXPECT_EQ(relative_if_inside("/home/me/iql/build/iql", "/home/me/iql/build"), "./iql") << "exec would search PATH";
  EXPECT_EQ(relative_if_inside("/opt/iql/bin/iql", "/home/me/iql"), "/opt/iql/bin/iql");
  EXPECT_EQ(relative_if_inside("/home/me/iql2/iql", "/home/me/iql"), "/home/me/iql2/iql");
}

TEST(SlurmScript, NoCellsIsAnError) {
  EXPECT_THROW(sbatch_script({}, "runs", SlurmOptions{}), GridError);
}

TEST(FindOnPath, FindsShAndNotNonsense) {
  EXPECT_FALSE(find_on_path("sh").empty());
  EXPECT_EQ(find_on_path("no-such-program-iql-grid"), "");
}

}  // namespace
}  // namespace harness
