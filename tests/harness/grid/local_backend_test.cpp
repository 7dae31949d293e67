// Tests for harness/grid/local_backend.cpp: progress lines and the summary, with /bin/sh cells that
// write a run.json as `iql train` would.
#include "harness/grid/local_backend.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

// a cell whose command runs `script` in its run directory
Cell shell_cell(const testing::TempDir& runs, const std::string& dataset, uint64_t seed, const std::string& script) {
  Cell cell;
  cell.dataset = dataset;
  cell.seed = seed;
  cell.run_dir = runs.file(dataset + "/seed" + std::to_string(seed));
  cell.argv = {"/bin/sh", "-c", "cd \"$1\" && " + script, "sh", cell.run_dir};
  return cell;
}

const std::string kFinish = "echo training; printf '{\"finished\": true, \"steps\": 30, \"final_score\": 66.3}' > run.json";

// runs `cells` and returns what run_cells_locally printed
std::string run(const std::vector<Cell>& cells, int jobs, LocalSummary& summary) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::tmpfile(), &std::fclose);
  summary = run_cells_locally(cells, jobs, out.get());
  std::rewind(out.get());
  std::string text;
  for (int c = std::fgetc(out.get()); c != EOF; c = std::fgetc(out.get())) text += static_cast<char>(c);
  return text;
}

class LocalBackendJobs : public ::testing::TestWithParam<int> {};

TEST_P(LocalBackendJobs, ReportsEachCellAsItEnds) {
  testing::TempDir runs;
  const std::vector<Cell> cells = {shell_cell(runs, "hopper-medium-v2", 0, kFinish),
                                   shell_cell(runs, "hopper-medium-v2", 1, "echo broken >&2; exit 1"),
                                   shell_cell(runs, "walker2d-medium-v2", 0, kFinish)};
  LocalSummary summary;
  const std::string out = run(cells, GetParam(), summary);
  EXPECT_EQ(summary.done, 2);
  EXPECT_EQ(summary.failed, 1);
  EXPECT_FALSE(summary.interrupted);
  EXPECT_NE(out.find("hopper-medium-v2 seed 0: done, score 66.3 ("), std::string::npos) << out;
  EXPECT_NE(out.find("walker2d-medium-v2 seed 0: done, score 66.3 ("), std::string::npos) << out;
  EXPECT_NE(out.find("hopper-medium-v2 seed 1: failed, exit 1, see " + cell_log(cells[1])), std::string::npos) << out;
  EXPECT_NE(out.find("[3/3] "), std::string::npos) << out;
  EXPECT_EQ(testing::read_bytes(cell_log(cells[0])), "training\n");
  EXPECT_EQ(testing::read_bytes(cell_log(cells[1])), "broken\n");
}

INSTANTIATE_TEST_SUITE_P(OneAndTwo, LocalBackendJobs, ::testing::Values(1, 2));

TEST(LocalBackend, UnfinishedRunIsReportedAsStopped) {
  testing::TempDir runs;
  const Cell cell = shell_cell(runs, "hopper-medium-v2", 0,
                               "printf '{\"finished\": false, \"steps\": 12}' > run.json; exit 130");
  LocalSummary summary;
  const std::string out = run({cell}, 1, summary);
  EXPECT_EQ(summary.stopped, 1);
  EXPECT_NE(out.find("[1/1] hopper-medium-v2 seed 0: stopped at step 12"), std::string::npos) << out;
}

}  // namespace
}  // namespace harness
