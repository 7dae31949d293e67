// iql eval --checkpoint runs/hopper-medium-v2/seed0/checkpoint.h5 [--episodes E] [--seed S]
//          [--video out.mp4 [--video-episodes K] [--fps F] [--size N]]
// iql eval --snapshot runs/sac/ant-goal/seed0/snapshots/step-0500000.h5 ...   (a SAC snapshot: its
//          sampled actions, as it behaves when it collects data)
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

#include "harness/behaviour/policy_snapshot.h"
#include "harness/cli/commands.h"
#include "harness/cli/positive.h"
#include "harness/envs/evaluate.h"
#include "harness/render/eval_video.h"
#include "harness/report/number_format.h"
#include "harness/run/checkpoint_policy.h"

namespace harness {
namespace {

struct EvalCommand {
  std::string checkpoint;         // an IQL run's, or
  std::string snapshot;           // a SAC run's policy snapshot
  int episodes = 10;
  uint64_t seed = 0;
  std::string video;              // "": no video
  int video_episodes = 1;
  std::optional<double> fps;      // none: real time
  int size = 480;                 // pixels, square frames
};

// what is scored: its env, a label for the summary line, and how it acts
struct ScoredPolicy {
  std::string env;
  std::string label;  // "hopper-medium-v2 (hopper) step 1000000"
  Policy act;
};

ScoredPolicy checkpoint_policy(const EvalCommand& c) {
  CheckpointPolicy loaded = load_checkpoint_policy(c.checkpoint);
  return {loaded.env, loaded.dataset + " (" + loaded.env + ") step " + std::to_string(loaded.step), std::move(loaded.act)};
}

// sampled actions, the noise from the stream "eval/cli/noise" of the eval seed
ScoredPolicy snapshot_policy(const EvalCommand& c) {
  const SnapshotInfo info = read_snapshot_info(c.snapshot);
  auto policy = std::make_shared<sac::TanhGaussianPolicy>(read_policy_snapshot(c.snapshot));
  std::unique_ptr<Env> env = make_env(info.env);
  if (policy->obs_dim() != static_cast<size_t>(env->obs_dim()) || policy->act_dim() != static_cast<size_t>(env->act_dim())) {
    throw EnvError(c.snapshot + ": its policy does not fit its env " + info.env + "; it is a snapshot of another environment");
  }
  auto noise = std::make_shared<autodiff::Rng>(autodiff::Rng::stream(c.seed, "eval/cli/noise"));
  auto eps = std::make_shared<std::vector<float>>(policy->act_dim());
  return {info.env, "SAC " + info.env + " seed " + std::to_string(info.seed) + " step " + std::to_string(info.step) + " (sampled actions)",
          [policy, noise, eps](std::span<const float> o, std::span<float> a) {
            for (float& e : *eps) e = static_cast<float>(noise->normal());
            policy->sample_row(o, *eps, a);
          }};
}

void print_result(const EvalCommand& c, const ScoredPolicy& scored, const Env& env, const EvalResult& r) {
  for (size_t i = 0; i < r.returns.size(); ++i) {
    std::printf("episode %zu: return %.2f, length %d", i, r.returns[i], r.lengths[i]);
    if (env.spec().d4rl_reference) std::printf(", normalised %.1f", r.normalized_scores[i]);
    std::printf("\n");
  }
  std::printf("%s: %.1f +- %.1f %s over %s (eval seed %llu)\n", scored.label.c_str(), r.normalized_mean,
              r.normalized_std, score_unit(env.spec()), counted(c.episodes, "episode").c_str(),
              static_cast<unsigned long long>(c.seed));
  if (env.spec().goal_directed) {
    std::printf("goals: %.0f%% of the episodes reached one\n", 100.0 * success_rate(r));
  }
  if (r.physics_warnings > 0) {
    std::printf("%s ended by a MuJoCo instability warning\n", counted(r.physics_warnings, "episode").c_str());
  }
}

void run_eval_command(const EvalCommand& c) {
  if (c.checkpoint.empty() && c.snapshot.empty()) {
    throw CLI::ValidationError("iql eval", "give the policy to score: --checkpoint (an IQL run's) or --snapshot (a SAC run's)");
  }
  const ScoredPolicy scored = c.snapshot.empty() ? checkpoint_policy(c) : snapshot_policy(c);
  std::unique_ptr<Env> env = make_env(scored.env);

  // the video films the first episodes as they are scored: the same returns as without it
  const int filmed = std::min(c.video_episodes, c.episodes);
  std::unique_ptr<EnvVideo> video;
  if (!c.video.empty()) {
    video = std::make_unique<EnvVideo>(scored.env, 1.0 / env->dt(), VideoOptions{c.video, {c.size, c.size}, c.fps},
                                       static_cast<int64_t>(filmed) * env->max_steps());
  }
  autodiff::Rng rng = autodiff::Rng::stream(c.seed, "eval/cli");
  const EvalResult r = evaluate(*env, scored.act, c.episodes, rng, video ? film_episodes(*video, filmed) : EvalObserver());
  if (video) {
    const int frames = video->finish();
    std::printf("video: %s (%s, %d frames at %.4g fps)\n", c.video.c_str(), counted(filmed, "episode").c_str(),
                frames, video->timing().fps);
  }
  print_result(c, scored, *env, r);
}

}  // namespace

void add_eval_command(CLI::App& app) {
  auto c = std::make_shared<EvalCommand>();
  CLI::App* cmd = app.add_subcommand("eval", "Score a saved policy in its environment; optionally film it");
  CLI::Option* checkpoint = cmd->add_option("--checkpoint", c->checkpoint, "checkpoint.h5 of an IQL run")->check(CLI::ExistingFile);
  cmd->add_option("--snapshot", c->snapshot, "a SAC run's snapshots/step-N.h5: scored with sampled actions")
      ->check(CLI::ExistingFile)
      ->excludes(checkpoint);
  cmd->add_option("--episodes", c->episodes, "evaluation episodes")->capture_default_str()->check(positive_count());
  cmd->add_option("--seed", c->seed, "seed of the evaluation's reset noise")->capture_default_str();
  CLI::Option* video =
      cmd->add_option("--video", c->video, "also write the first episodes to this .mp4 (H.264) or .gif (needs ffmpeg)");
  // the video's options without --video are a mistake, not something to ignore
  cmd->add_option("--video-episodes", c->video_episodes, "episodes in the video (the first ones)")
      ->capture_default_str()
      ->check(positive_count())
      ->needs(video);
  cmd->add_option("--fps", c->fps, "video frame rate [real time: 1 / (timestep x frame skip)]")->needs(video);
  cmd->add_option("--size", c->size, "video frame side in pixels (square)")
      ->capture_default_str()
      ->check(positive_count())
      ->needs(video);
  cmd->callback([c] { run_eval_command(*c); });
}

}  // namespace harness
