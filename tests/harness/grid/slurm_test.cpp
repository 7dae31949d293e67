// Tests for harness/grid/slurm.cpp: the job-array script, checked as text and run with bash.
#include "harness/grid/slurm.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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
  EXPECT_NE(script.find("#SBATCH --output=runs/slurm/%A_%a.out\n"), std::string::npos) << script;
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
                        "--resume --eval-interval 5000 --eval-episodes 10 --steps 30 --hidden-dim 32 ;;"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("exec \"$@\" >> \"$run_dir/train.log\" 2>&1\n"), std::string::npos) << script;
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
  EXPECT_TRUE(std::filesystem::is_directory(runs.file("slurm")));
  PoolOptions options;
  options.env["SLURM_ARRAY_TASK_ID"] = "1";
  EXPECT_EQ(run_pool({PoolJob{{"/bin/bash", script}, ""}}, options).outcomes.at(0).exit_code, 0);
  EXPECT_EQ(testing::read_bytes(runs.file("cell1/train.log")), "cell 1 threads 1\n");
  EXPECT_FALSE(std::filesystem::exists(runs.file("cell0")));
  options.env["SLURM_ARRAY_TASK_ID"] = "2";
  EXPECT_EQ(run_pool({PoolJob{{"/bin/bash", script}, runs.file("bad.log")}}, options).outcomes.at(0).exit_code, 2);
}

// the repository and build may sit anywhere on the cluster: nothing of this machine's tree goes in
TEST(SlurmScript, RelativePathsStartAtTheSubmitDirectoryByDefault) {
  const std::string script = sbatch_script(cells_in("runs"), "runs", SlurmOptions{});
  EXPECT_EQ(script.find("--chdir"), std::string::npos) << script;
  EXPECT_EQ(script.find(std::filesystem::current_path().string()), std::string::npos) << script;
  EXPECT_NE(script.find("# relative paths start at the directory sbatch is run from ($SLURM_SUBMIT_DIR)\n"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("#SBATCH --output=runs/slurm/%A_%a.out\n"), std::string::npos) << script;
}

TEST(SlurmScript, AWorkdirBecomesTheChdirOfEveryTask) {
  SlurmOptions options;
  options.workdir = "/cluster/home/me/iql";
  const std::string script = sbatch_script(cells_in("runs"), "runs", options);
  EXPECT_NE(script.find("#SBATCH --chdir=/cluster/home/me/iql\n"), std::string::npos) << script;
  EXPECT_NE(script.find("# relative paths start at /cluster/home/me/iql (--chdir)\n"), std::string::npos) << script;
}

// a tree of relative paths, as `iql grid` makes it from a repository's root: bin/iql, runs/
class RelocatedTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(made_in_ + "/bin");
    std::filesystem::create_directories(made_in_ + "/runs/slurm");
    testing::write_bytes(made_in_ + "/bin/iql", "#!/bin/sh\necho \"cell $1 in $(basename \"$PWD\")\"\n");
    std::filesystem::permissions(made_in_ + "/bin/iql", std::filesystem::perms::owner_all);
    std::vector<Cell> cells(2);
    for (size_t i = 0; i < cells.size(); ++i) {
      cells[i].run_dir = "runs/cell" + std::to_string(i);
      cells[i].argv = {"bin/iql", std::to_string(i)};
    }
    testing::write_bytes(made_in_ + "/runs/grid.sbatch", sbatch_script(cells, "runs", SlurmOptions{}));
  }

  // runs the script as Slurm runs task `task` when sbatch is run in `submit_dir`; returns the exit code
  int run_task(const std::string& submit_dir, int task, const std::string& log) {
    PoolOptions options;
    options.env["SLURM_ARRAY_TASK_ID"] = std::to_string(task);
    const std::string command = "cd \"$0\" && exec bash runs/grid.sbatch";
    return run_pool({PoolJob{{"/bin/bash", "-c", command, submit_dir}, log}}, options).outcomes.at(0).exit_code;
  }

  testing::TempDir dir_;
  std::string made_in_ = dir_.file("made-here");
};

TEST_F(RelocatedTreeTest, ScriptRunsInACopyOfTheTreeElsewhere) {
  const std::string cluster = dir_.file("cluster-checkout");
  std::filesystem::rename(made_in_, cluster);
  ASSERT_EQ(run_task(cluster, 1, dir_.file("task.log")), 0) << testing::read_bytes(dir_.file("task.log"));
  EXPECT_EQ(testing::read_bytes(cluster + "/runs/cell1/train.log"), "cell 1 in cluster-checkout\n");
}

TEST_F(RelocatedTreeTest, SubmittedFromTheWrongDirectoryItSaysWhatToDo) {
  std::filesystem::create_directories(dir_.file("elsewhere/runs"));
  std::filesystem::copy_file(made_in_ + "/runs/grid.sbatch", dir_.file("elsewhere/runs/grid.sbatch"));
  EXPECT_EQ(run_task(dir_.file("elsewhere"), 0, dir_.file("task.log")), 2);
  const std::string log = testing::read_bytes(dir_.file("task.log"));
  EXPECT_NE(log.find("grid.sbatch: cannot run bin/iql from " + dir_.file("elsewhere") +
                     ": submit from the directory the grid was made in, or write the script again with "
                     "iql grid --iql PATH (and --workdir DIR)\n"),
            std::string::npos)
      << log;
  EXPECT_FALSE(std::filesystem::exists(dir_.file("elsewhere/runs/cell0"))) << "a task that cannot run made its run dir";
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
