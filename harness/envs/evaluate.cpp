#include "harness/envs/evaluate.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>

namespace harness {

std::pair<double, double> mean_and_std(std::span<const double> values) {
  if (values.empty()) return {0.0, 0.0};
  double sum = 0.0;
  for (double v : values) sum += v;
  const double mean = sum / static_cast<double>(values.size());
  double squares = 0.0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return {mean, std::sqrt(squares / static_cast<double>(values.size()))};
}

double success_rate(const EvalResult& result) {
  if (result.goals_reached.empty()) return 0.0;
  const auto successes = std::count_if(result.goals_reached.begin(), result.goals_reached.end(), [](int g) { return g > 0; });
  return static_cast<double>(successes) / static_cast<double>(result.goals_reached.size());
}

void check_episode_count(const Env& env, int episodes) {
  if (episodes < 1) {
    throw EnvError(env.spec().name + ": evaluate needs at least one episode, got " + std::to_string(episodes));
  }
}

Episode run_episode(Env& env, const Policy& policy, autodiff::Rng& rng, int episode, const EvalObserver& observer) {
  std::vector<float> observation = env.reset(rng);
  std::vector<float> action(env.act_dim());
  if (observer) observer(env, {.episode = episode});
  Episode out;
  for (bool done = false; !done;) {
    policy(observation, action);
    const StepResult& step = env.step(action);
    std::copy(step.observation.begin(), step.observation.end(), observation.begin());
    out.episode_return += step.reward;
    ++out.length;
    out.unstable = step.physics_warning;
    out.goals += step.goal_reached ? 1 : 0;
    done = step.terminated || step.truncated;
    if (observer) observer(env, {episode, out.length, out.episode_return, done});
  }
  return out;
}

EvalResult summarize(const EnvSpec& spec, const std::vector<Episode>& episodes) {
  EvalResult result;
  for (const Episode& e : episodes) {
    result.returns.push_back(e.episode_return);
    result.lengths.push_back(e.length);
    result.goals_reached.push_back(e.goals);
    result.normalized_scores.push_back(normalized_score(spec, e.episode_return));
    result.physics_warnings += e.unstable ? 1 : 0;
  }
  std::tie(result.normalized_mean, result.normalized_std) = mean_and_std(result.normalized_scores);
  return result;
}

EvalResult evaluate(Env& env, const Policy& policy, int episodes, autodiff::Rng& rng,
                    const EvalObserver& observer) {
  check_episode_count(env, episodes);
  std::vector<Episode> done;
  for (int episode = 0; episode < episodes; ++episode) done.push_back(run_episode(env, policy, rng, episode, observer));
  return summarize(env.spec(), done);
}

}  // namespace harness
