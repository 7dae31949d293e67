// iql demo: the offline main job behind `make run`. Makes a documented mixture of regenerated
// hopper data from committed inputs (mixture.h: 50 episodes of the SAC expert policy, then 50,000
// rows of random actions), trains IQL and BC (IQL's actor at temperature 0) on it, one process per run,
// and prints what a person reads in ten seconds: a three-row table (IQL, BC, the data's behaviour),
// a verdict computed from it, and the paths of the report, the learning curves and a side-by-side
// video of both policies on one episode.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <utility>
#include <vector>

#include "autodiff/error.h"
#include "harness/behaviour/episode_scores.h"
#include "harness/behaviour/mixture.h"
#include "harness/cli/commands.h"
#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"
#include "harness/envs/evaluate.h"
#include "harness/grid/cell.h"
#include "harness/grid/local_pool.h"
#include "harness/render/side_by_side_video.h"
#include "harness/report/headline.h"
#include "harness/report/number_format.h"
#include "harness/report/report.h"
#include "harness/report/runs.h"
#include "harness/run/checkpoint_policy.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxDemoSeeds = 100;         // each seed is two training processes
constexpr int kMaxVideoWidth = 8192;        // pixels; ffmpeg's H.264 encoder takes no wider

struct DemoOptions {
  std::string out = "runs/demo";
  std::string mixture = mixture_text(demo_mixture());  // NAME:ROWS parts of the manifest, joined in order
  std::string name = kDemoDataset;     // the runs' dataset name
  int64_t steps = 10000;               // updates per run, IQL's and BC's: measured margins in README
  int seeds = 2;
  int jobs = 0;                        // 0 = one per core
  int eval_episodes = 10;
  bool video = true;
  int video_width = 640;               // both halves; each is half as wide and as high
};

// the run directory of one method's seed: <out>/runs/<method>/<dataset>/seed<S>
std::string run_dir(const DemoOptions& o, const std::string& method, int seed) {
  return o.out + "/runs/" + method + "/" + o.name + "/seed" + std::to_string(seed);
}

// the written mixture: its file, the env its parts share, and the scores of its own episodes
struct DemoData {
  std::string path;
  std::string env;
  BehaviourScore behaviour;  // all episodes
  std::vector<std::pair<std::string, BehaviourScore>> parts;  // per part: its entry and its episodes
};

// "hopper-expert-regen 101.6, hopper-random-regen 1.2", with each part's episode count when asked
std::string parts_text(const DemoData& data, bool with_episodes) {
  std::string text;
  for (const auto& [entry, score] : data.parts) {
    text += (text.empty() ? "" : ", ") + entry + " " + fixed(score.mean);
    if (with_episodes) text += " (" + counted(score.episodes, "episode") + ")";
  }
  return text;
}

PoolJob train_job(const DemoOptions& o, const DemoData& data, const std::string& method, int seed) {
  const std::string run = run_dir(o, method, seed);
  fs::create_directories(run);
  std::vector<std::string> argv = {self_executable(), "train", "--dataset", o.name, "--file", data.path, "--env",
                                   data.env, "--seed", std::to_string(seed), "--out", run, "--resume", "--steps",
                                   std::to_string(o.steps), "--eval-interval",
                                   std::to_string(std::max<int64_t>(1, o.steps / 10)), "--eval-episodes",
                                   std::to_string(o.eval_episodes)};
  if (method == "bc") argv.insert(argv.end(), {"--temperature", "0"});  // every advantage weight 1
  return {argv, run + "/train.log"};
}

// IQL's runs first: they are the longer ones, so two workers finish together
std::vector<PoolJob> train_jobs(const DemoOptions& o, const DemoData& data) {
  std::vector<PoolJob> jobs;
  for (const char* method : {"iql", "bc"})
    for (int seed = 0; seed < o.seeds; ++seed) jobs.push_back(train_job(o, data, method, seed));
  return jobs;
}

void train_all(const DemoOptions& o, const DemoData& data) {
  PoolOptions pool;
  pool.workers = o.jobs > 0 ? o.jobs : available_cores();
  const std::vector<PoolJob> jobs = train_jobs(o, data);
  pool.on_finish = [&jobs](const JobOutcome& j) {
    const char* end = j.ok() ? "done" : j.exit_code == kCheckpointedExit ? "stopped, checkpoint kept" : "FAILED, see it";
    std::printf("  %s: %s (%s)\n", jobs[j.index].log_path.c_str(), end, short_duration(j.seconds).c_str());
    std::fflush(stdout);
  };
  const PoolResult result = run_pool(jobs, pool);
  if (result.interrupted) throw autodiff::Error("interrupted: run the same command again to resume");
  for (const JobOutcome& j : result.outcomes)
    if (!j.ok()) throw autodiff::Error("a training run failed; see " + jobs[j.index].log_path);
}

// the behaviour of data no single policy collected: its own complete episodes, all and per part
void score_episodes(DemoData& data, const Mixture& mixture, const std::vector<MixturePart>& parts) {
  const EnvSpec& spec = env_spec(data.env);
  const std::vector<double> all = episode_scores(mixture.file.arrays, spec, {0, mixture.file.arrays.rows()});
  const auto [mean, std] = mean_and_std(all);
  data.behaviour = {mean, std, static_cast<int>(all.size()), true};
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::vector<double> part = episode_scores(mixture.file.arrays, spec, mixture.parts[i]);
    const auto [part_mean, part_std] = mean_and_std(part);
    data.parts.push_back({parts[i].entry, {part_mean, part_std, static_cast<int>(part.size()), true}});
  }
}

DemoData make_data(const DemoOptions& o) {
  DemoData data;
  data.path = o.out + "/data/" + o.name + ".hdf5";
  fs::create_directories(o.out + "/data");
  const std::vector<MixturePart> parts = parse_mixture(o.mixture);
  const std::vector<RegenEntry> manifest = read_manifest(default_manifest_path());
  const std::vector<RegenEntry> entries = mixture_entries(manifest, default_manifest_path(), parts);
  const Mixture mixture = collect_mixture(entries, parts);
  write_d4rl(data.path, mixture.file);
  data.env = entries.front().env;
  score_episodes(data, mixture, parts);
  std::printf("data: %s, %zu rows (%s)\n", data.path.c_str(), mixture.file.arrays.rows(), o.mixture.c_str());
  return data;
}

ReportOptions report_options(const DemoOptions& o, const DemoData& data) {
  ReportOptions report;
  report.runs_dir = o.out + "/runs/iql";
  report.bc_runs_dir = o.out + "/runs/bc";
  report.out = o.out + "/report";
  report.data_behaviour[o.name] = data.behaviour;
  return report;
}

// the long explanation, below the report's tables and figures
void append_demo_notes(const std::string& report_md, const DemoOptions& o, const DemoData& data) {
  std::ofstream out(report_md, std::ios::app);
  out << "## The data of `make run`\n\n"
      << "`" << o.name << "` is a mixture made by a documented recipe from committed inputs "
      << "(`harness/behaviour/mixture.h`): " << o.mixture << ", that is, the first rows of each regenerated "
      << "set's recipe (the same committed policy, collection seed and random streams as the whole set, "
      << "`golden/regen/manifest.toml`), each part but the last cut after its last complete episode, joined in "
      << "order as D4RL joins medium-expert. No single policy collected it, so its behaviour is the "
      << "D4RL-normalised return of its own " << counted(data.behaviour.episodes, "episode") << ": "
      << fixed(data.behaviour.mean) << " ± " << fixed(data.behaviour.std) << " (per part: " << parts_text(data, true) << ").\n\n"
      << "This is the data offline RL is for: good and bad actions mixed, with rewards that tell them apart. "
      << "Every episode starts near the same standing pose, where the random episodes outnumber the expert's, "
      << "so BC (IQL's actor trained alone at temperature 0, imitating every action "
      << "alike) learns mostly the random actions where it matters first, and its hopper falls as a random one "
      << "does. IQL weights each action by exp(3 x its advantage) (capped at 100), from critics learned on the "
      << "same data by expectile regression: the expert's actions lead to far higher value, so they dominate "
      << "its actor's targets and its hopper hops on. Both use IQL's official locomotion settings (expectile "
      << "0.7, temperature 3 for IQL, the actor's cosine schedule over the run's " << o.steps
      << " updates); the paper's budget is 1M updates, and at this one IQL's seeds still differ widely "
      << "(see the learning curves above).\n";
  if (!out) throw autodiff::Error(report_md + ": could not append the demo's notes");
}

// the three rows and the verdict: what a person reads in ten seconds
void print_headline(const DemoOptions& o, const DemoData& data, const DatasetSummary& d) {
  const std::string runs = counted(d.iql.seeds, "seed") + " x " + std::to_string(o.steps) + " updates";
  std::printf("\n%s, final D4RL-normalised score (0 random, 100 expert), mean ± std:\n%s", o.name.c_str(),
              headline_table({{"IQL", d.iql.mean, d.iql.std, runs},
                              {"BC", d.bc.mean, d.bc.std, counted(d.bc.seeds, "seed") + ", IQL's actor at temperature 0"},
                              {"behaviour", data.behaviour.mean, data.behaviour.std,
                               "the data's " + counted(data.behaviour.episodes, "episode") + ": " + parts_text(data, false)}})
                  .c_str());
  std::printf("%s\n", verdict_line(d.iql, d.bc, data.behaviour, "the data's episodes").c_str());
}

// the seed whose final score is the highest of `method`'s runs (the lowest seed on a tie): each
// method shown at its best, the same rule for both, and the label says so
const RunRecord& best_run(const std::vector<RunRecord>& runs) {
  return *std::max_element(runs.begin(), runs.end(),
                           [](const RunRecord& a, const RunRecord& b) { return a.final_score < b.final_score; });
}

LabelledPolicy best_policy(const DemoOptions& o, const std::string& method, const std::string& label) {
  const std::vector<RunRecord> runs = collect_method_runs(o.out + "/runs/" + method, method == "bc" ? kBcMethod : kIqlMethod);
  const RunRecord& best = best_run(runs);
  return {label + ", seed " + std::to_string(best.seed) + " (best of " + std::to_string(runs.size()) + ")",
          load_checkpoint_policy(best.dir + "/checkpoint.h5").policies()};
}

// each method's best seed on one episode (eval seed 0), IQL left and BC right
std::string film(const DemoOptions& o, const DemoData& data) {
  const std::string path = o.out + "/report/" + o.name + "-iql-vs-bc.mp4";
  std::printf("\nfilming IQL (left) and BC (right), the best seed of each, on one episode...\n");
  std::fflush(stdout);
  const SideBySideResult r = film_side_by_side(data.env, best_policy(o, "iql", "IQL"), best_policy(o, "bc", "BC"), 0,
                                               {path, {o.video_width, o.video_width / 2}, std::nullopt});
  return path + " (IQL " + fixed(r.scores[0]) + " left, BC " + fixed(r.scores[1]) + " right)";
}

void run_demo(const DemoOptions& o) {
  // written again every time: it is fast and deterministic
  const DemoData data = make_data(o);
  std::printf("training IQL and BC, %d seeds x %lld updates each\n", o.seeds, static_cast<long long>(o.steps));
  train_all(o, data);
  const ReportOptions report = report_options(o, data);
  const ReportOutcome outcome = write_report(report);
  append_demo_notes(report.out + "/report.md", o, data);
  const auto ours = std::find_if(outcome.datasets.begin(), outcome.datasets.end(),
                                 [&](const DatasetSummary& d) { return d.dataset == o.name; });
  if (ours == outcome.datasets.end()) throw autodiff::Error("the report has no row for " + o.name);
  print_headline(o, data, *ours);
  const std::string video = o.video ? film(o, data) : "not made (--no-video)";
  std::printf("\nreport: %s/report.md\nfigure: %s/curves/%s.png\nvideo:  %s\n", report.out.c_str(),
              report.out.c_str(), o.name.c_str(), video.c_str());
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* cmd = app.add_subcommand("demo", "Offline main job: IQL and BC on a mixture of regenerated data, the table, a verdict, a figure and a video");
  add_output_dir(*cmd, "--out", o->out, "directory for the dataset, runs and report")->capture_default_str();
  cmd->add_option("--mixture", o->mixture, "the data: NAME:ROWS parts of golden/regen/manifest.toml, joined in order")
      ->capture_default_str();
  cmd->add_option("--name", o->name, "the dataset name of the runs and report")->capture_default_str();
  add_whole(*cmd, "--steps", o->steps, "updates per run (IQL and BC)", int64_t{1})->capture_default_str();
  add_whole(*cmd, "--seeds", o->seeds, "seeds 0..N-1 of each method", 1, kMaxDemoSeeds)->capture_default_str();
  add_whole(*cmd, "--jobs", o->jobs, "training processes at once [one per core]", 1, 4096);
  add_whole(*cmd, "--eval-episodes", o->eval_episodes, "episodes per evaluation", 1)->capture_default_str();
  cmd->add_flag("!--no-video", o->video, "skip the side-by-side video of IQL and BC");
  add_whole(*cmd, "--video-width", o->video_width, "width of the video's frame in pixels (both halves; a multiple of 4)",
            4, kMaxVideoWidth)
      ->capture_default_str()
      ->check(CLI::Validator([](std::string& v) { return std::stoll(v) % 4 == 0 ? "" : v + " is not a multiple of 4"; },
                             ""));  // each half's height is a quarter, and H.264 needs even sides
  cmd->callback([o] { run_demo(*o); });
}

}  // namespace harness
