// Tests for harness/grid/slurm.cpp: the job-array script, checked as text and run with bash.
#include "harness/grid/slurm.h"

#include <gtest/gtest.h>

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
  EXPECT_NE(script.find("/runs/slurm/%A_%a.out\n"), std::string::npos) << script;
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

TEST(SlurmScript, NoCellsIsAnError) {
  EXPECT_THROW(sbatch_script({}, "runs", SlurmOptions{}), GridError);
}

TEST(FindOnPath, FindsShAndNotNonsense) {
  EXPECT_FALSE(find_on_path("sh").empty());
  EXPECT_EQ(find_on_path("no-such-program-iql-grid"), "");
}

}  // namespace
}  // namespace harness
