#include "harness/behaviour/regenerate.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

#include "harness/behaviour/collect.h"
#include "harness/behaviour/collect_antmaze.h"
#include "harness/behaviour/sac_rerun.h"
#include "harness/data/cache.h"
#include "harness/data/content_digest.h"
#include "harness/data/registry.h"
#include "harness/data/sha256.h"
#include "harness/envs/evaluate.h"
#include "harness/run/policy_snapshot.h"
#include "harness/run/replay_stream.h"
#include "harness/run/fingerprint.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

constexpr size_t kMediumExpertRows = 2000000;  // D4RL's cap
constexpr int kBehaviourEpisodes = 100;

// a manifest names committed files relative to the repository; an absolute path (tests) stays as it is
std::string repository_path(const std::string& path) {
  return fs::path(path).is_absolute() ? path : std::string(IQL_SOURCE_DIR) + "/" + path;
}

// rows [0, count) of a tensor, then all of another's
template <class T>
autodiff::Matrix<T> stacked(const autodiff::Matrix<T>& a, size_t count, const autodiff::Matrix<T>& b) {
  if (a.shape(0) == 0) return a;  // a key neither file has
  return autodiff::Matrix<T>(xt::concatenate(xt::xtuple(xt::view(a, xt::range(0, count), xt::all()), b), 0));
}

template <class T>
std::vector<T> stacked(const std::vector<T>& a, size_t count, const std::vector<T>& b) {
  std::vector<T> out(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(count));
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

// what generates the actions of a policy or random recipe, and its behaviour score
struct BehaviourSource {
  std::unique_ptr<sac::TanhGaussianPolicy> policy;  // null: uniform random actions
  Behaviour make(size_t act_dim, autodiff::Rng& rng) {
    return policy ? policy_behaviour(*policy, rng) : random_behaviour(act_dim, rng);
  }
};

BehaviourSource behaviour_of(const RegenEntry& e) {
  BehaviourSource source;
  if (e.recipe == "random") return source;
  const std::string path = repository_path(e.policy);
  const std::string found = sha256_file(path);
  if (found != e.policy_sha256) {
    throw DatasetError(path + ": sha256 " + found + " but the manifest records " + e.policy_sha256 +
                       " for " + e.name + "; restore the committed snapshot (git checkout -- " + e.policy + ")");
  }
  source.policy = std::make_unique<sac::TanhGaussianPolicy>(read_policy_snapshot(path));
  return source;
}

// D4RL's metadata/ of a file collected by a SAC policy
void add_policy_metadata(D4rlFile& file, const RegenEntry& e, sac::TanhGaussianPolicy& policy) {
  file.metadata_text = {{"metadata/algorithm", "SAC"},
                        {"metadata/iteration", std::to_string(e.policy_step)},
                        {"metadata/policy/nonlinearity", "relu"},
                        {"metadata/policy/output_distribution", "tanh_gaussian"}};
  file.metadata_tensors = policy_tensors(policy, "metadata/policy/");
}

D4rlFile collect_entry(const RegenEntry& e, int64_t rows) {
  BehaviourSource source = behaviour_of(e);
  std::unique_ptr<Env> env = make_env(e.env);
  autodiff::Rng actions = autodiff::Rng::stream(e.collection_seed, "actions");
  autodiff::Rng resets = autodiff::Rng::stream(e.collection_seed, "resets");
  Progress progress(0, rows);
  D4rlFile file = collect_rows(*env, source.make(static_cast<size_t>(env->act_dim()), actions), rows, resets, &progress);
  progress.finish();
  if (source.policy) add_policy_metadata(file, e, *source.policy);
  return file;
}

// the goal-reaching ant's snapshot steered through the maze of e.env
D4rlFile antmaze_entry(const RegenEntry& e, int64_t rows) {
  BehaviourSource source = behaviour_of(e);
  Progress progress(0, rows);
  D4rlFile file = collect_antmaze(antmaze_recipe(e.recipe, e.env), *source.policy, rows, e.collection_seed, &progress);
  progress.finish();
  add_policy_metadata(file, e, *source.policy);
  return file;
}

// "87.1% of 999 episodes reached their target; 1.20% of rows rewarded"
std::string statistics_text(const D4rlArrays& arrays) {
  const AntMazeStatistics s = antmaze_statistics(arrays);
  char text[160];
  std::snprintf(text, sizeof text, "%.1f%% of %d episodes reached their target; %.2f%% of rows rewarded",
                100.0 * s.episodes_reaching_target / std::max(s.episodes, 1), s.episodes,
                100.0 * static_cast<double>(s.rewarded_rows) / static_cast<double>(std::max<size_t>(arrays.rows(), 1)));
  return text;
}

// rows [0, rows) of the SAC run's replay stream: the one given, else the run's rerun here
D4rlFile replay_entry(const RegenEntry& e, const GenerateOptions& o, const std::string& manifest) {
  const std::string replay_dir = o.replay_dir.empty() ? replay_of_sac_run(e, manifest) : o.replay_dir;
  std::unique_ptr<Env> env = make_env(e.env);
  const ReplayStream stream(replay_dir, {size_t(env->obs_dim()), size_t(env->act_dim()), size_t(env->model().nq),
                                           size_t(env->model().nv)}, ReplayStream::Access::read);
  const ReplayRows r = stream.read(0, e.rows);
  auto tensor = [&](const std::vector<float>& v, size_t cols) {
    Tensor t({r.rows, cols});
    std::copy(v.begin(), v.end(), t.begin());
    return t;
  };
  auto state = [&](const std::vector<double>& v, size_t cols) {
    StateMatrix t({r.rows, cols});
    std::copy(v.begin(), v.end(), t.begin());
    return t;
  };
  auto flags = [](const std::vector<float>& v) {
    std::vector<uint8_t> out(v.size());
    std::transform(v.begin(), v.end(), out.begin(), [](float x) { return static_cast<uint8_t>(x != 0.0f); });
    return out;
  };
  D4rlFile file;
  file.arrays.observations = tensor(r.observations, r.obs_dim);
  file.arrays.actions = tensor(r.actions, r.act_dim);
  file.arrays.rewards = tensor(r.rewards, 1);
  file.arrays.terminals = flags(r.terminals);
  file.arrays.timeouts = flags(r.timeouts);
  file.arrays.qpos = state(r.qpos, r.nq);
  file.arrays.qvel = state(r.qvel, r.nv);
  file.next_observations = tensor(r.next_observations, r.obs_dim);
  file.action_log_probs = tensor(r.action_log_probs, 1);
  file.metadata_text = {{"metadata/algorithm", "SAC"}};
  return file;
}

D4rlFile make_file(const RegenEntry& e, const std::vector<RegenEntry>& all, const GenerateOptions& o,
                   const std::string& manifest);

D4rlFile medium_expert_entry(const RegenEntry& e, const std::vector<RegenEntry>& all, const GenerateOptions& o,
                             const std::string& manifest) {
  const size_t comma = e.parts.find(',');
  if (comma == std::string::npos) throw DatasetError(manifest + ": [" + e.name + "] parts must be \"MEDIUM,EXPERT\"");
  const D4rlFile medium = make_file(manifest_entry(all, e.parts.substr(0, comma), manifest), all, o, manifest);
  const D4rlFile expert = make_file(manifest_entry(all, e.parts.substr(comma + 1), manifest), all, o, manifest);
  return concatenate_episodes(medium, expert, kMediumExpertRows);
}

D4rlFile make_file(const RegenEntry& e, const std::vector<RegenEntry>& all, const GenerateOptions& o,
                   const std::string& manifest) {
  if (e.recipe == "random" || e.recipe == "policy") return collect_entry(e, e.rows);
  if (e.recipe == "replay") return replay_entry(e, o, manifest);
  if (e.recipe == "medium-expert") return medium_expert_entry(e, all, o, manifest);
  if (is_antmaze_recipe(e.recipe)) return antmaze_entry(e, e.rows);
  throw DatasetError(manifest + ": [" + e.name + "] recipe '" + e.recipe +
                     "' is not one of random, policy, replay, medium-expert, antmaze, antmaze-play, antmaze-diverse");
}

// the behaviour's D4RL-normalised score over 100 episodes of its own (sampled) actions
EvalResult behaviour_score(const RegenEntry& e) {
  BehaviourSource source = behaviour_of(e);
  std::unique_ptr<Env> env = make_env(e.env);
  autodiff::Rng actions = autodiff::Rng::stream(e.collection_seed, "behaviour-score/actions");
  autodiff::Rng resets = autodiff::Rng::stream(e.collection_seed, "behaviour-score/resets");
  Behaviour behaviour = source.make(static_cast<size_t>(env->act_dim()), actions);
  return evaluate(*env, [&](std::span<const float> obs, std::span<float> act) { behaviour(obs, act); },
                  kBehaviourEpisodes, resets);
}

std::string build_text() {
  const BuildInfo b = build_info();
  return "iql " + b.git_commit + ", " + b.compiler;
}

}  // namespace

D4rlFile collect_recipe(const RegenEntry& entry, int64_t rows) {
  if (is_antmaze_recipe(entry.recipe)) return antmaze_entry(entry, rows);
  if (entry.recipe != "random" && entry.recipe != "policy") {
    throw DatasetError(entry.name + ": only random, policy and AntMaze recipes are collected; this one is '" +
                       entry.recipe + "' (generate the whole set with `iql datasets generate " + entry.name + "`)");
  }
  return collect_entry(entry, rows);
}

D4rlFile concatenate_episodes(const D4rlFile& medium, const D4rlFile& expert, size_t max_rows) {
  const D4rlArrays& m = medium.arrays;
  size_t keep = m.rows();
  while (keep > 0 && !m.terminals[keep - 1] && !m.timeouts[keep - 1]) --keep;  // drop the cut episode
  const size_t expert_rows = std::min(expert.arrays.rows(), max_rows - std::min(max_rows, keep));
  auto expert_rows_of = [&]<class T>(const autodiff::Matrix<T>& t) {
    return t.shape(0) == 0 ? t : autodiff::Matrix<T>(xt::view(t, xt::range(0, expert_rows), xt::all()));
  };
  const D4rlArrays& x = expert.arrays;
  D4rlFile out;
  out.arrays.observations = stacked(m.observations, keep, expert_rows_of(x.observations));
  out.arrays.actions = stacked(m.actions, keep, expert_rows_of(x.actions));
  out.arrays.rewards = stacked(m.rewards, keep, expert_rows_of(x.rewards));
  out.arrays.terminals = stacked(m.terminals, keep, std::vector<uint8_t>(x.terminals.begin(), x.terminals.begin() + expert_rows));
  out.arrays.timeouts = stacked(m.timeouts, keep, std::vector<uint8_t>(x.timeouts.begin(), x.timeouts.begin() + expert_rows));
  out.arrays.qpos = stacked(m.qpos, keep, expert_rows_of(x.qpos));
  out.arrays.qvel = stacked(m.qvel, keep, expert_rows_of(x.qvel));
  out.next_observations = stacked(medium.next_observations, keep, expert_rows_of(expert.next_observations));
  out.action_log_probs = stacked(medium.action_log_probs, keep, expert_rows_of(expert.action_log_probs));
  return out;
}

GenerateResult generate_dataset(const std::string& name, const GenerateOptions& options) {
  const DatasetInfo& info = dataset_info(name);
  if (!info.regenerated) {
    throw DatasetError(name + " is D4RL's own dataset, not a regenerated one: fetch it (`iql datasets fetch " + name +
                       "`); `iql datasets list` marks the regenerated sets");
  }
  const std::string manifest = options.manifest.empty() ? default_manifest_path() : options.manifest;
  std::vector<RegenEntry> entries = read_manifest(manifest);
  const RegenEntry& entry = manifest_entry(entries, name, manifest);
  if (!options.replay_dir.empty() && entry.recipe != "replay") {  // an option that would change nothing
    throw DatasetError("--replay " + options.replay_dir + ": " + name + " is made by its " + entry.recipe +
                       " recipe, not cut from a replay stream; leave out --replay");
  }
  D4rlFile file = make_file(entry, entries, options, manifest);
  file.floats = info.floats;
  GenerateResult result;
  result.digest = content_digest(file);
  result.rows = static_cast<int64_t>(file.arrays.rows());
  if (!options.record && !entry.content_digest.empty() && entry.content_digest != result.digest) {
    throw DatasetError(name + ": the generated content digest is " + result.digest + " but " + manifest + " expects " +
                       entry.content_digest + " (recorded by " + entry.recorded_by + "; this build: " + build_text() +
                       "); nothing was written. A different build or platform can change the bits: see README, Determinism");
  }
  result.path = options.out.empty() ? cached_path(info) : options.out;
  fs::create_directories(fs::absolute(result.path).parent_path());
  write_d4rl(result.path, file);
  if (options.record) {
    RegenEntry updated = entry;
    updated.content_digest = result.digest;
    updated.recorded_by = build_text();
    if (entry.recipe == "medium-expert") updated.rows = result.rows;  // known once the medium part is cut
    if (entry.recipe == "random" || entry.recipe == "policy") {
      const EvalResult score = behaviour_score(entry);
      updated.behaviour_score = result.behaviour_score = score.normalized_mean;
      updated.behaviour_score_std = result.behaviour_score_std = score.normalized_std;
      updated.behaviour_episodes = kBehaviourEpisodes;
    }
    if (is_antmaze_recipe(entry.recipe)) updated.collection_stats = statistics_text(file.arrays);
    // read again: the manifest may have changed while this set was collected (another --record)
    std::vector<RegenEntry> current = read_manifest(manifest);
    for (RegenEntry& e : current)
      if (e.name == name) e = updated;
    write_manifest(manifest, current);
    result.check = DigestCheck::Recorded;
  } else if (entry.content_digest.empty()) {
    result.check = DigestCheck::Unrecorded;
  }
  return result;
}

}  // namespace harness
