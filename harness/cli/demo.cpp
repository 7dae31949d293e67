// iql demo: the offline main job behind `make run`. Regenerates a small hopper dataset from the
// committed medium behaviour policy (a SAC snapshot, golden/regen/), trains IQL on it (one process
// per seed, in parallel), evaluates, prints the score table beside the behaviour's score and where
// the learning-curve plot is, and films one episode of seed 0's policy.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "autodiff/error.h"
#include "harness/behaviour/regenerate.h"
#include "harness/cli/commands.h"
#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"
#include "harness/grid/cell.h"
#include "harness/grid/local_pool.h"
#include "harness/report/report.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

constexpr const char* kDemoDataset = "hopper-medium-regen-demo";  // a small hopper-medium-regen
constexpr const char* kBehaviourEntry = "hopper-medium-regen";      // its policy and behaviour score

constexpr size_t kMaxDemoRows = 1'000'000;  // the full hopper-medium-regen; the demo's recipe has no more
constexpr int kMaxDemoSeeds = 100;          // each seed is a training process

struct DemoOptions {
  std::string out = "runs/demo";
  size_t rows = 100000;       // transitions collected with the medium policy's sampled actions
  int64_t steps = 20000;      // IQL updates per seed
  int seeds = 2;
  int jobs = 0;               // 0 = one per core
  int eval_episodes = 10;
};

std::vector<PoolJob> train_jobs(const DemoOptions& o, const std::string& data) {
  const std::string self = self_executable();
  std::vector<PoolJob> jobs;
  for (int seed = 0; seed < o.seeds; ++seed) {
    const std::string run = o.out + "/runs/" + kDemoDataset + "/seed" + std::to_string(seed);
    fs::create_directories(run);
    jobs.push_back({{self, "train", "--dataset", kDemoDataset, "--file", data, "--env", "hopper", "--seed",
                     std::to_string(seed), "--out", run, "--resume", "--steps", std::to_string(o.steps),
                     "--eval-interval", std::to_string(std::max<int64_t>(1, o.steps / 10)), "--eval-episodes",
                     std::to_string(o.eval_episodes)},
                    run + "/train.log"});
  }
  return jobs;
}

// the trained policy at work: one evaluation episode of seed 0, filmed by the command a user would run
void film_policy(const DemoOptions& o) {
  const std::string checkpoint = o.out + "/runs/" + kDemoDataset + "/seed0/checkpoint.h5";
  const std::string video = o.out + "/report/" + kDemoDataset + "-seed0.mp4";
  std::printf("\nfilming seed 0: iql eval --checkpoint %s --episodes 1 --video %s\n", checkpoint.c_str(),
              video.c_str());
  std::fflush(stdout);
  const std::vector<std::string> argv = {self_executable(), "eval", "--checkpoint", checkpoint, "--episodes", "1",
                                         "--video", video};
  if (!run_pool({PoolJob{argv, ""}}, PoolOptions()).outcomes.at(0).ok()) {
    throw autodiff::Error("filming the trained policy failed (its error is above)");
  }
  std::printf("video of the trained policy: %s\n", video.c_str());
}

void run_demo(const DemoOptions& o) {
  const std::string data = o.out + "/data/" + kDemoDataset + ".hdf5";
  // written again every time: it is fast and deterministic, and the behaviour score is printed
  fs::create_directories(o.out + "/data");
  const std::vector<RegenEntry> manifest = read_manifest(default_manifest_path());
  const RegenEntry& medium = manifest_entry(manifest, kBehaviourEntry, default_manifest_path());
  write_d4rl(data, collect_recipe(medium, static_cast<int64_t>(o.rows)));  // hopper-medium-regen's first rows
  std::printf("wrote %zu transitions of hopper rollouts with the sampled actions of %s\n  (SAC, step %lld) to %s\n",
              o.rows, medium.policy.c_str(), static_cast<long long>(medium.policy_step), data.c_str());
  std::printf("behaviour policy: D4RL-normalised score %.1f +- %.1f (%d episodes of its sampled actions)\n",
              medium.behaviour_score, medium.behaviour_score_std, medium.behaviour_episodes);
  std::printf("training %d seeds x %lld updates (logs: %s/runs/%s/seed*/train.log)\n", o.seeds,
              static_cast<long long>(o.steps), o.out.c_str(), kDemoDataset);
  PoolOptions pool;
  pool.workers = o.jobs > 0 ? o.jobs : available_cores();
  pool.on_finish = [](const JobOutcome& j) {
    std::printf("  seed %zu: %s (%s)\n", j.index, j.ok() ? "done" : "FAILED, see its train.log",
                short_duration(j.seconds).c_str());
    std::fflush(stdout);
  };
  const PoolResult result = run_pool(train_jobs(o, data), pool);
  if (result.interrupted) throw autodiff::Error("interrupted: run the same command again to resume");
  for (const JobOutcome& j : result.outcomes)
    if (!j.ok()) throw autodiff::Error("training seed " + std::to_string(j.index) + " failed; see its train.log");

  ReportOptions report;
  report.runs_dir = o.out + "/runs";
  report.golden = IQL_SOURCE_DIR "/golden/paper.csv";
  report.out = o.out + "/report";
  std::printf("\n%s", write_report(report).text.c_str());
  std::printf("\nlearning curve: %s/curves/%s.png\n", report.out.c_str(), kDemoDataset);
  film_policy(o);
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* cmd = app.add_subcommand("demo", "Offline main job: a regenerated hopper-medium set, IQL on it, evaluate, report");
  add_output_dir(*cmd, "--out", o->out, "directory for the dataset, runs and report")->capture_default_str();
  add_whole(*cmd, "--rows", o->rows, "transitions in the generated dataset", size_t{1}, kMaxDemoRows)->capture_default_str();
  add_whole(*cmd, "--steps", o->steps, "IQL updates per seed", int64_t{1})->capture_default_str();
  add_whole(*cmd, "--seeds", o->seeds, "seeds 0..N-1", 1, kMaxDemoSeeds)->capture_default_str();
  add_whole(*cmd, "--jobs", o->jobs, "training processes at once [one per core]", 1, 4096);
  add_whole(*cmd, "--eval-episodes", o->eval_episodes, "episodes per evaluation", 1)->capture_default_str();
  cmd->callback([o] { run_demo(*o); });
}

}  // namespace harness
