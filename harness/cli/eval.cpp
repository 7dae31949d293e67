// iql eval --checkpoint runs/hopper-medium-v2/seed0/checkpoint.h5 [--episodes E] [--seed S]
//          [--video out.mp4 [--video-episodes K] [--fps F] [--size N]] [--trace steps.csv]
// iql eval --snapshot runs/sac/ant-goal/seed0/snapshots/step-0500000.h5 ...   (a SAC snapshot: its
//          sampled actions, as it behaves when it collects data)
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

#include "autodiff/thread_pool.h"
#include "harness/cli/commands.h"
#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"
#include "harness/cli/threads_option.h"
#include "harness/data/file_kind.h"
#include "harness/envs/eval_trace.h"
#include "harness/envs/evaluate.h"
#include "harness/render/env_video.h"
#include "harness/render/eval_video.h"
#include "harness/report/number_format.h"
#include "harness/run/checkpoint_policy.h"
#include "harness/run/policy_snapshot.h"

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
  std::string trace;              // "": no step-by-step record
  size_t threads = 1;             // the episodes' threads
};

// what is scored: its env, a label for the summary line, and how it acts
struct ScoredPolicy {
  std::string env;
  std::string label;       // "hopper-medium-v2 (hopper) step 1000000"
  PolicyFactory policies;  // one per thread of the evaluation
  bool one_thread = false;  // its actions draw from one noise stream through every episode, in order
};

ScoredPolicy checkpoint_policy(const EvalCommand& c) {
  // a fine-tune run's checkpoint is an IQL run's with its online phase's state beside it
  if (file_kind(c.checkpoint) != FileKind::finetune_checkpoint) require_kind(c.checkpoint, FileKind::iql_checkpoint, "--checkpoint");
  CheckpointPolicy loaded = load_checkpoint_policy(c.checkpoint);
  return {loaded.env, loaded.dataset + " (" + loaded.env + ") step " + std::to_string(loaded.step),
          std::move(loaded.policies)};
}

// sampled actions, the noise from the stream "eval/cli/noise" of the eval seed
ScoredPolicy snapshot_policy(const EvalCommand& c) {
  require_kind(c.snapshot, FileKind::sac_snapshot, "--snapshot");
  const SnapshotInfo info = read_snapshot_info(c.snapshot);
  auto policy = std::make_shared<sac::TanhGaussianPolicy>(read_policy_snapshot(c.snapshot));
  std::unique_ptr<Env> env = make_env(info.env);
  if (policy->obs_dim() != static_cast<size_t>(env->obs_dim()) || policy->act_dim() != static_cast<size_t>(env->act_dim())) {
    throw EnvError(c.snapshot + ": its policy does not fit its env " + info.env + "; it is a snapshot of another environment");
  }
  auto noise = std::make_shared<autodiff::Rng>(autodiff::Rng::stream(c.seed, "eval/cli/noise"));
  auto eps = std::make_shared<std::vector<float>>(policy->act_dim());
  const Policy sampled = [policy, noise, eps](std::span<const float> o, std::span<float> a) {
    for (float& e : *eps) e = static_cast<float>(noise->normal());
    policy->sample_row(o, *eps, a);
  };
  return {info.env, "SAC " + info.env + " seed " + std::to_string(info.seed) + " step " + std::to_string(info.step) + " (sampled actions)",
          [sampled] { return sampled; }, true};
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

// what watches the episodes run in order: the video's filming, the trace's rows, or both
EvalObserver in_order_observer(EnvVideo* video, int filmed, EvalTrace* trace) {
  EvalObserver film = video ? film_episodes(*video, filmed) : EvalObserver{};
  EvalObserver record = trace ? trace->observer() : EvalObserver{};
  if (!film || !record) return film ? film : record;
  return [film, record](const Env& env, const EvalMoment& m) {
    film(env, m);
    record(env, m);
  };
}

void run_eval_command(const EvalCommand& c) {
  autodiff::set_thread_count(c.threads);
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
  std::unique_ptr<EvalTrace> trace;
  if (!c.trace.empty()) trace = std::make_unique<EvalTrace>(c.trace, env->obs_dim(), env->act_dim());
  // a video or a trace sees the episodes in order, on one thread; the same scores either way
  const EvalResult r = video || trace ? evaluate(*env, trace ? trace->recording(scored.policies()) : scored.policies(),
                                                 c.episodes, rng, in_order_observer(video.get(), filmed, trace.get()))
                                      : evaluate_parallel(*env, scored.policies, c.episodes, rng,
                                                          scored.one_thread ? 1 : c.threads);
  if (trace) {
    trace->finish();
    std::printf("trace: %s (one row a step)\n", c.trace.c_str());
  }
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
  CLI::Option* checkpoint =
      add_input_file(*cmd, "--checkpoint", c->checkpoint, "checkpoint.h5 of an IQL run", "an IQL run's checkpoint.h5");
  add_input_file(*cmd, "--snapshot", c->snapshot, "a SAC run's snapshots/step-N.h5: scored with sampled actions",
                 "a SAC run's snapshots/step-N.h5")
      ->excludes(checkpoint);
  add_whole(*cmd, "--episodes", c->episodes, "evaluation episodes", 1)->capture_default_str();
  add_whole(*cmd, "--seed", c->seed, "seed of the evaluation's reset noise", uint64_t{0})->capture_default_str();
  CLI::Option* video = add_output_file(*cmd, "--video", c->video,
                                       "also write the first episodes to this .mp4 (H.264) or .gif (needs ffmpeg)");
  // the video's options without --video are a mistake, not something to ignore
  add_whole(*cmd, "--video-episodes", c->video_episodes, "episodes in the video (the first ones)", 1)
      ->capture_default_str()
      ->needs(video);
  add_real(*cmd, "--fps", c->fps, "video frame rate [real time: 1 / (timestep x frame skip)]", 0, true, kMaxFps)->needs(video);
  add_output_file(*cmd, "--trace", c->trace,
                  "also write every step (episode, step, reward, done, observation, action) to this CSV file");
  add_whole(*cmd, "--size", c->size, "video frame side in pixels (square)", 1, kMaxFrameSide)->capture_default_str()->needs(video);
  c->threads = default_run_threads();
  add_threads_option(*cmd, c->threads, "this machine's hardware threads; a video, a trace or a --snapshot's sampled actions: 1");
  cmd->callback([c] { run_eval_command(*c); });
}

}  // namespace harness
