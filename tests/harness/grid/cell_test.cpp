// Tests for harness/grid/cell.cpp: each cell's command line, and its state read from run.json.
#include "harness/grid/cell.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "harness/run/json.h"
#include "tests/harness/data/test_support.h"
#include "tests/harness/grid/test_support.h"

namespace harness {
namespace {

GridDataset hopper() { return testing::hopper_dataset({0, 1}); }

// a run.json as train writes it, reduced to what the grid reads
void write_record(const Cell& cell, bool finished, const std::string& config) {
  std::filesystem::create_directories(cell.run_dir);
  JsonObject record;
  record.add("dataset", cell.dataset).add("steps", 30.0).add("finished", finished).add("final_score", 66.25)
      .add("config", config);
  testing::write_bytes(cell.run_dir + "/run.json", record.str() + "\n");
}

TEST(Cell, CommandLineRunsTrainWithResumeInItsRunDirectory) {
  const Cell cell = make_cell(hopper(), 1, CellContext{"/opt/iql", "runs", 0});
  EXPECT_EQ(cell.run_dir, "runs/hopper-medium-v2/seed1");
  EXPECT_EQ(cell.argv, (std::vector<std::string>{"/opt/iql", "train", "--dataset", "hopper-medium-v2", "--seed", "1",
                                                 "--out", "runs/hopper-medium-v2/seed1", "--resume",
                                                 "--eval-interval", "5000", "--eval-episodes", "10", "--threads", "1"}));
}

TEST(Cell, StepsConfigAndHyperparametersAreForwarded) {
  GridDataset d = hopper();
  d.config = IQL_SOURCE_DIR "/configs/locomotion.toml";
  d.hyperparameters = {{"hidden_dim", "32"}, {"max_steps", "500"}};
  const Cell cell = make_cell(d, 0, CellContext{"iql", "r", 30});
  const std::string line = command_line(cell.argv);
  EXPECT_NE(line.find(" --steps 30 --config " + d.config + " --hidden-dim 32"), std::string::npos) << line;
  EXPECT_EQ(line.find("--max-steps"), std::string::npos) << "--steps replaces max_steps: " << line;
  EXPECT_NE(cell.config_toml.find("max_steps = 30\n"), std::string::npos) << cell.config_toml;
  EXPECT_NE(cell.config_toml.find("hidden_dim = 32\n"), std::string::npos) << cell.config_toml;
}

TEST(Cell, ACellWithOnlineStepsFineTunesWithTheFineTuningPreset) {
  GridDataset d = testing::hopper_dataset({0});
  d.name = "antmaze-umaze-regen";
  d.preset = "antmaze";
  d.eval_interval = 100000;
  d.eval_episodes = 100;
  d.online_steps = 5000;
  const Cell cell = make_cell(d, 0, CellContext{"iql", "runs", 0});
  EXPECT_EQ(cell.argv, (std::vector<std::string>{"iql", "finetune", "--dataset", "antmaze-umaze-regen", "--seed", "0",
                                                 "--out", "runs/antmaze-umaze-regen/seed0", "--resume",
                                                 "--eval-interval", "100000", "--eval-episodes", "100", "--threads",
                                                 "1", "--online-steps", "5000"}));
  // the official fine-tuning config has no learning-rate schedule; offline training has the cosine one
  EXPECT_NE(cell.config_toml.find("cosine_actor_schedule = false\n"), std::string::npos) << cell.config_toml;
  d.online_steps = 0;
  EXPECT_NE(make_cell(d, 0, CellContext{"iql", "runs", 0}).config_toml.find("cosine_actor_schedule = true\n"),
            std::string::npos);
}

TEST(Cell, OfflineGridRunsTrainOffline) {
  const Cell cell = make_cell(hopper(), 0, CellContext{"iql", "runs", 0, true});
  EXPECT_EQ(cell.argv.back(), "--offline") << command_line(cell.argv);
  const Cell online = make_cell(hopper(), 0, CellContext{"iql", "runs", 0});
  EXPECT_EQ(cell.config_toml, online.config_toml) << "--offline is no hyperparameter: a finished cell stays finished";
}

TEST(Cell, MirrorIsPassedToTrainAndIsNoHyperparameter) {
  CellContext context{"iql", "runs", 0};
  context.mirror = "https://mirror.example/d4rl/";
  const Cell cell = make_cell(hopper(), 0, context);
  const std::vector<std::string> tail(cell.argv.end() - 2, cell.argv.end());
  EXPECT_EQ(tail, (std::vector<std::string>{"--mirror", "https://mirror.example/d4rl/"})) << command_line(cell.argv);
  const Cell without = make_cell(hopper(), 0, CellContext{"iql", "runs", 0});
  EXPECT_EQ(command_line(without.argv).find("--mirror"), std::string::npos) << command_line(without.argv);
  EXPECT_EQ(cell.config_toml, without.config_toml) << "a mirror is no hyperparameter: a finished cell stays finished";
}

TEST(Cell, GridCellsAreDatasetsTimesSeeds) {
  GridSpec spec;
  spec.datasets = {hopper(), hopper()};
  spec.datasets[1].name = "walker2d-medium-v2";
  const std::vector<Cell> cells = grid_cells(spec, CellContext{"iql", "runs", 0});
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[1].dataset, "hopper-medium-v2");
  EXPECT_EQ(cells[1].seed, 1u);
  EXPECT_EQ(cells[2].dataset, "walker2d-medium-v2");
  EXPECT_EQ(cells[2].seed, 0u);
}

TEST(ShellQuote, LeavesPlainWordsAndQuotesTheRest) {
  EXPECT_EQ(shell_quote("runs/hopper-medium-v2/seed0"), "runs/hopper-medium-v2/seed0");
  EXPECT_EQ(shell_quote("a b"), "'a b'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(command_line({"iql", "train", "--out", "my runs"}), "iql train --out 'my runs'");
}

class CellStatusTest : public ::testing::Test {
 protected:
  testing::TempDir runs;
  Cell cell = make_cell(hopper(), 0, CellContext{"iql", runs.path(), 0});
};

TEST_F(CellStatusTest, EmptyRunDirectoryIsFresh) {
  EXPECT_EQ(read_cell_status(cell).state, CellState::fresh);
}

TEST_F(CellStatusTest, FinishedRunIsSkipped) {
  write_record(cell, true, cell.config_toml);
  const CellStatus status = read_cell_status(cell);
  EXPECT_EQ(status.state, CellState::finished) << status.detail;
  EXPECT_DOUBLE_EQ(status.final_score, 66.25);
}

TEST_F(CellStatusTest, UnfinishedRunIsResumed) {
  write_record(cell, false, cell.config_toml);
  const CellStatus status = read_cell_status(cell);
  EXPECT_EQ(status.state, CellState::partial) << status.detail;
  EXPECT_EQ(status.steps, 30);
}

TEST_F(CellStatusTest, CheckpointWithoutRunRecordIsResumed) {
  std::filesystem::create_directories(cell.run_dir);
  testing::write_bytes(cell.run_dir + "/checkpoint.h5", "");
  EXPECT_EQ(read_cell_status(cell).state, CellState::partial);
}

TEST_F(CellStatusTest, UnreadableRunRecordIsResumed) {
  std::filesystem::create_directories(cell.run_dir);
  testing::write_bytes(cell.run_dir + "/run.json", "{\"finished\": tr");
  EXPECT_EQ(read_cell_status(cell).state, CellState::partial);
}

TEST_F(CellStatusTest, RunWithOtherHyperparametersIsAConflict) {
  write_record(cell, true, "hidden_dim = 8\n");
  const CellStatus status = read_cell_status(cell);
  EXPECT_EQ(status.state, CellState::conflict);
  EXPECT_NE(status.detail.find("use another --runs DIR"), std::string::npos) << status.detail;
  EXPECT_NE(status.detail.find("hidden_dim 8 -> 256"), std::string::npos) << status.detail;
}

}  // namespace
}  // namespace harness
