// End-to-end tests of `iql grid` (harness/cli/grid.cpp): the real iql binary, built next to this
// test, trains two tiny cells on fixture data with one and with two jobs.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/data/d4rl_fixture.h"
#include "harness/data/registry.h"
#include "harness/grid/cell.h"
#include "harness/grid/local_pool.h"
#include "harness/run/json.h"
#include "tests/harness/cli/iql_binary.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

namespace fs = std::filesystem;

// tiny networks and one short evaluation, so a cell trains in about a second
const std::string kTinyGrid =
    "[defaults]\nseeds = [0, 1]\nhidden_dim = 32\nbatch_size = 32\n"
    "[dataset.hopper-medium-v2]\npreset = \"locomotion\"\neval_interval = 30\neval_episodes = 1\n";

class GridCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    iql_ = testing::iql_binary();
    ASSERT_TRUE(fs::exists(iql_)) << iql_ << " is missing: build the iql target (iql_cli) too";
    const DatasetInfo& info = dataset_info("hopper-medium-v2");
    write_fixture(dir_.file(info.file_name), info, FixtureShape{3000, 0}, 7);  // found as the cached file
    testing::write_bytes(dir_.file("tiny.toml"), kTinyGrid);
  }

  // runs `iql grid --grid tiny.toml ARGS...` with the fixture as the dataset cache (unless `env` names
  // another); returns the exit code
  int grid(std::vector<std::string> args, const std::string& log, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"grid", "--grid", dir_.file("tiny.toml")});
    env.emplace("D4RL_DATASET_DIR", dir_.path());
    const JobOutcome outcome = testing::run_iql(args, log, std::move(env));
    EXPECT_EQ(outcome.spawn_error, "");
    return outcome.exit_code;
  }

  // grid with these options must fail before any work, and its log must say `message`
  void expect_refused(std::vector<std::string> args, const std::string& log_name, const std::string& message) {
    const std::string log_file = dir_.file(log_name);
    EXPECT_NE(grid(std::move(args), log_file), 0) << "accepted:\n" << testing::read_bytes(log_file);
    const std::string log = testing::read_bytes(log_file);
    EXPECT_NE(log.find(message), std::string::npos) << log;
  }

  Json record(const std::string& runs, int seed) {
    return parse_json_object(testing::read_bytes(runs + "/hopper-medium-v2/seed" + std::to_string(seed) + "/run.json"));
  }

  testing::TempDir dir_;
  std::string iql_;
};

TEST_F(GridCommandTest, ResultsDoNotDependOnTheNumberOfJobs) {
  const std::string one = dir_.file("runs1"), two = dir_.file("runs2");
  ASSERT_EQ(grid({"--runs", one, "--jobs", "1", "--steps", "30"}, dir_.file("one.log")), 0)
      << testing::read_bytes(dir_.file("one.log"));
  ASSERT_EQ(grid({"--runs", two, "--jobs", "2", "--steps", "30"}, dir_.file("two.log")), 0)
      << testing::read_bytes(dir_.file("two.log"));
  for (int seed : {0, 1}) {
    const auto a = record(one, seed), b = record(two, seed);
    EXPECT_EQ(json_bool(a, "finished"), true) << "seed " << seed;
    EXPECT_EQ(json_number(a, "steps", 0), 30) << "seed " << seed;
    EXPECT_FALSE(json_string(a, "parameter_hash").empty());
    EXPECT_EQ(json_string(a, "parameter_hash"), json_string(b, "parameter_hash")) << "seed " << seed;
  }
  EXPECT_NE(json_string(record(one, 0), "parameter_hash"), json_string(record(one, 1), "parameter_hash"));
  const std::string log = testing::read_bytes(dir_.file("two.log"));
  EXPECT_NE(log.find("[2/2] hopper-medium-v2 seed "), std::string::npos) << log;
  EXPECT_NE(log.find(": done, score "), std::string::npos) << log;

  // a second run skips the finished cells
  ASSERT_EQ(grid({"--runs", one, "--jobs", "1", "--steps", "30"}, dir_.file("again.log")), 0);
  EXPECT_NE(testing::read_bytes(dir_.file("again.log")).find("nothing to run"), std::string::npos)
      << testing::read_bytes(dir_.file("again.log"));
}

TEST_F(GridCommandTest, DryRunPrintsCellsAndStartsNothing) {
  const std::string runs = dir_.file("runs");
  ASSERT_EQ(grid({"--runs", runs, "--steps", "30", "--seeds", "3", "--dry-run"}, dir_.file("dry.log")), 0);
  const std::string out = testing::read_bytes(dir_.file("dry.log"));
  EXPECT_NE(out.find("1 cells"), std::string::npos) << out;
  EXPECT_NE(out.find("start    hopper-medium-v2 seed 3"), std::string::npos) << out;
  EXPECT_NE(out.find(iql_ + " train --dataset hopper-medium-v2 --seed 3 --out " + runs +
                     "/hopper-medium-v2/seed3 --resume --eval-interval 30 --eval-episodes 1 --threads 1 --steps 30 "
                     "--batch-size 32 --hidden-dim 32"),
            std::string::npos)
      << out;
  EXPECT_FALSE(fs::exists(runs));
}

// an empty cache and a mirror nothing listens on: a download attempt would create the cache
// directory and its lock file, and its error would name the mirror. The Slurm backend checks too,
// before writing its script (RUNS/grid.sbatch), so no task fails later for want of a file.
TEST_F(GridCommandTest, OfflineWithAMissingDatasetNamesTheFileAndWhereToPutItWithoutDownloading) {
  for (const std::string backend : {"local", "slurm"}) {
    SCOPED_TRACE("--backend " + backend);
    const std::string cache = dir_.file("empty-cache-" + backend), runs = dir_.file("runs-" + backend);
    const std::string log_file = dir_.file("offline-" + backend + ".log");
    EXPECT_EQ(grid({"--runs", runs, "--steps", "30", "--offline", "--backend", backend}, log_file,
                   {{"D4RL_DATASET_DIR", cache}, {"D4RL_MIRROR", "http://127.0.0.1:9/"}, {"PATH", dir_.path()}}),
              1);
    const std::string log = testing::read_bytes(log_file);
    EXPECT_NE(log.find("hopper-medium-v2: not in the cache and downloads are off: place hopper_medium-v2.hdf5 ("),
              std::string::npos)
        << log;
    EXPECT_NE(log.find(" at " + cache + "/hopper_medium-v2.hdf5"), std::string::npos) << log;
    EXPECT_EQ(log.find("127.0.0.1"), std::string::npos) << "a download was attempted:\n" << log;
    EXPECT_FALSE(fs::exists(cache)) << "a download was prepared";
    EXPECT_FALSE(fs::exists(runs)) << "a cell started or a script was written";
  }
}

// nothing listens on port 9: the fetch fails at once, and its error names the URL it tried, so the
// flag's mirror (not $D4RL_MIRROR's) must be the one used, by both backends, before anything else
TEST_F(GridCommandTest, MirrorIsUsedToFetchMissingDatasetsBeforeAnyCellOrScript) {
  for (const std::string backend : {"local", "slurm"}) {
    SCOPED_TRACE("--backend " + backend);
    const std::string runs = dir_.file("runs-" + backend), log_file = dir_.file("mirror-" + backend + ".log");
    EXPECT_EQ(grid({"--runs", runs, "--steps", "30", "--backend", backend, "--mirror", "http://127.0.0.1:9/flag/"},
                   log_file,
                   {{"D4RL_DATASET_DIR", dir_.file("empty-cache")}, {"D4RL_MIRROR", "http://127.0.0.1:9/env/"},
                    {"PATH", dir_.path()}}),
              1);
    const std::string log = testing::read_bytes(log_file);
    EXPECT_NE(log.find("http://127.0.0.1:9/flag/gym_mujoco_v2/hopper_medium-v2.hdf5: cannot connect"),
              std::string::npos)
        << log;
    EXPECT_EQ(log.find("/env/"), std::string::npos) << "$D4RL_MIRROR was used:\n" << log;
    EXPECT_FALSE(fs::exists(runs)) << "a cell started or a script was written";
  }
}

// a finished cell stays finished when the grid is run again with a mirror: --mirror is no hyperparameter
TEST_F(GridCommandTest, MirrorGoesIntoEveryCellsCommandLineAndKeepsFinishedCellsSkipped) {
  const std::string runs = dir_.file("runs");
  ASSERT_EQ(grid({"--runs", runs, "--steps", "30", "--seeds", "0"}, dir_.file("train.log")), 0)
      << testing::read_bytes(dir_.file("train.log"));
  ASSERT_EQ(grid({"--runs", runs, "--steps", "30", "--seeds", "0,1", "--mirror", "https://mirror.example/d4rl/",
                  "--dry-run"},
                 dir_.file("dry.log")),
            0);
  const std::string out = testing::read_bytes(dir_.file("dry.log"));
  EXPECT_NE(out.find("1 to start, 0 to resume, 1 finished (skipped), 0 in conflict"), std::string::npos) << out;
  EXPECT_NE(out.find("skip     hopper-medium-v2 seed 0"), std::string::npos) << out;
  for (const std::string seed : {"0", "1"}) {
    EXPECT_NE(out.find(" --seed " + seed + " --out " + runs + "/hopper-medium-v2/seed" + seed +
                       " --resume --eval-interval 30 --eval-episodes 1 --threads 1 --steps 30 "
                       "--mirror https://mirror.example/d4rl/ --batch-size 32"),
              std::string::npos)
        << "seed " << seed << ":\n" << out;
  }
}

TEST_F(GridCommandTest, MirrorAndOfflineContradictEachOther) {
  expect_refused({"--runs", dir_.file("runs"), "--offline", "--mirror", "http://mirror.example/", "--dry-run"},
                 "both.log", "--mirror: --offline never downloads, so no mirror would be used: leave out one of the two");
}

// with the local backend they would be ignored; --dry-run so that an accepted option runs nothing
TEST_F(GridCommandTest, SlurmOnlyOptionsAreRefusedWithTheLocalBackend) {
  const std::vector<std::pair<std::string, std::string>> slurm_only = {
      {"--time", "00:10:00"}, {"--mem", "2G"}, {"--partition", "cpu"}, {"--iql", "/cluster/iql"},
      {"--workdir", "/cluster"}};
  for (const auto& [option, value] : slurm_only) {
    SCOPED_TRACE(option);
    expect_refused({"--runs", dir_.file("runs"), "--backend", "local", option, value, "--dry-run"},
                   option.substr(2) + ".log",
                   option + " only applies to --backend slurm (this grid runs with --backend local): add --backend "
                            "slurm to write a job array, or leave it out");
  }
  // local is the default backend; every ignored option is named at once
  expect_refused({"--runs", dir_.file("runs"), "--time", "1:00:00", "--mem", "2G", "--dry-run"}, "two.log",
                 "--time, --mem only apply to --backend slurm");
}

TEST_F(GridCommandTest, AMemoryThatIsNotSlurmsIsRefusedBeforeAnyTask) {
  for (const char* mem : {"lots", "0", "2GB", ""}) {
    SCOPED_TRACE(mem);
    expect_refused({"--runs", dir_.file("runs"), "--backend", "slurm", "--mem", mem, "--dry-run"}, "mem.log",
                   "is not a Slurm memory size: a whole number above 0, then K, M, G or T (e.g. 2G)");
  }
}

// the other way round: Slurm decides how many tasks run at once
TEST_F(GridCommandTest, JobsIsRefusedWithTheSlurmBackend) {
  expect_refused({"--runs", dir_.file("runs"), "--backend", "slurm", "--jobs", "2", "--dry-run"}, "jobs.log",
                 "--jobs: only applies to --backend local");
}

TEST_F(GridCommandTest, OfflineCellsRunTrainOffline) {
  const std::string runs = dir_.file("runs");
  ASSERT_EQ(grid({"--runs", runs, "--steps", "30", "--offline"}, dir_.file("offline.log")), 0)
      << testing::read_bytes(dir_.file("offline.log"));
  EXPECT_EQ(record(runs, 0).at("finished"), Json(true));
  EXPECT_NE(testing::read_bytes(runs + "/hopper-medium-v2/seed0/train.log").find("final score"), std::string::npos);
  ASSERT_EQ(grid({"--runs", runs, "--offline", "--seeds", "2", "--dry-run"}, dir_.file("dry.log")), 0);
  EXPECT_NE(testing::read_bytes(dir_.file("dry.log")).find(" --eval-episodes 1 --threads 1 --offline "), std::string::npos)
      << testing::read_bytes(dir_.file("dry.log"));
}

// PATH without sbatch: the test must never submit a job on a machine that has Slurm
TEST_F(GridCommandTest, SlurmBackendWithoutSbatchWritesTheScriptAndSaysHowToSubmit) {
  const std::string runs = dir_.file("runs");
  ASSERT_EQ(grid({"--runs", runs, "--backend", "slurm", "--time", "00:10:00"}, dir_.file("slurm.log"),
                 {{"PATH", dir_.path()}}),
            0)
      << testing::read_bytes(dir_.file("slurm.log"));
  EXPECT_NE(testing::read_bytes(dir_.file("slurm.log"))
                .find("on the cluster, in the directory that corresponds to this one (the script's relative paths "
                      "start there), run: sbatch " + runs + "/grid.sbatch"),
            std::string::npos)
      << testing::read_bytes(dir_.file("slurm.log"));
  const std::string script = testing::read_bytes(runs + "/grid.sbatch");
  EXPECT_NE(script.find("#SBATCH --array=0-1\n"), std::string::npos) << script;
  EXPECT_NE(script.find("#SBATCH --time=00:10:00\n"), std::string::npos) << script;
  EXPECT_EQ(script.find("--chdir"), std::string::npos) << script;
}

TEST_F(GridCommandTest, SlurmBinaryAndWorkdirComeFromTheirOptions) {
  const std::string runs = dir_.file("runs");
  ASSERT_EQ(grid({"--runs", runs, "--backend", "slurm", "--iql", "/cluster/iql/build/iql", "--workdir",
                  "/cluster/iql"},
                 dir_.file("slurm.log"), {{"PATH", dir_.path()}}),
            0)
      << testing::read_bytes(dir_.file("slurm.log"));
  EXPECT_NE(testing::read_bytes(dir_.file("slurm.log")).find("(its tasks run in /cluster/iql)"), std::string::npos)
      << testing::read_bytes(dir_.file("slurm.log"));
  const std::string script = testing::read_bytes(runs + "/grid.sbatch");
  EXPECT_NE(script.find("#SBATCH --chdir=/cluster/iql\n"), std::string::npos) << script;
  EXPECT_NE(script.find("; set -- /cluster/iql/build/iql train --dataset hopper-medium-v2 --seed 0 "),
            std::string::npos)
      << script;
  EXPECT_EQ(script.find(iql_), std::string::npos) << "this machine's binary is in the script:\n" << script;
}

}  // namespace
}  // namespace harness
