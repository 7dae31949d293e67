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

EvalResult evaluate(Env& env, const Policy& policy, int episodes, autodiff::Rng& rng,
                    const EvalObserver& observer) {
  if (episodes < 1) {
    throw EnvError(env.spec().name + ": evaluate needs at least one episode, got " +
                   std::to_string(episodes));
  }
  EvalResult result;
  std::vector<float> observation(env.obs_dim());
  std::vector<float> action(env.act_dim());
  for (int episode = 0; episode < episodes; ++episode) {
    // run one episode to termination or the time limit
    const std::vector<float> first = env.reset(rng);
    std::copy(first.begin(), first.end(), observation.begin());
    if (observer) observer(env, {.episode = episode});
    double episode_return = 0.0;
    int length = 0, goals = 0;
    bool unstable = false;
    for (bool done = false; !done;) {
      policy(observation, action);
      const StepResult& step = env.step(action);
      std::copy(step.observation.begin(), step.observation.end(), observation.begin());
      episode_return += step.reward;
      ++length;
      unstable = step.physics_warning;
      goals += step.goal_reached ? 1 : 0;
      done = step.terminated || step.truncated;
      if (observer) observer(env, {episode, length, episode_return, done});
    }
    result.returns.push_back(episode_return);
    result.lengths.push_back(length);
    result.goals_reached.push_back(goals);
    result.normalized_scores.push_back(normalized_score(env.spec(), episode_return));
    result.physics_warnings += unstable ? 1 : 0;
  }
  std::tie(result.normalized_mean, result.normalized_std) = mean_and_std(result.normalized_scores);
  return result;
}

}  // namespace harness
