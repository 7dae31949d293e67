// Evaluation episodes shared by the pool's threads with evaluate()'s bits. evaluate() resets every
// episode from one stream, so episode i's reset noise depends on the resets before it; but only a reset
// draws, and what it draws depends on the stream alone, never on how an episode went. So the resets are
// run here first, in order, on the caller's env, keeping the state the stream had before each one:
// that state is then the episode's own stream, and any thread can run the episode from it.
#include <algorithm>
#include <atomic>
#include <memory>

#include "autodiff/thread_pool.h"
#include "harness/envs/evaluate.h"

namespace harness {
namespace {

// the state of `rng` before each episode's reset, as evaluate() would reach it; rng ends past the last
std::vector<autodiff::Rng::State> reset_streams(Env& env, int episodes, autodiff::Rng& rng) {
  std::vector<autodiff::Rng::State> starts;
  for (int episode = 0; episode < episodes; ++episode) {
    starts.push_back(rng.state());
    env.reset(rng);
  }
  return starts;
}

// what each thread acts in and with: the caller's env for thread 0, a new copy for each other
struct ThreadEnvs {
  std::vector<std::unique_ptr<Env>> copies;
  std::vector<Env*> envs;
  std::vector<Policy> policies;

  ThreadEnvs(Env& env, const PolicyFactory& make_policy, size_t threads) : envs{&env} {
    for (size_t t = 1; t < threads; ++t) envs.push_back(copies.emplace_back(make_env(env.spec().name)).get());
    for (size_t t = 0; t < threads; ++t) policies.push_back(make_policy());
  }
};

}  // namespace

EvalResult evaluate_parallel(Env& env, const PolicyFactory& make_policy, int episodes, autodiff::Rng& rng,
                             size_t threads) {
  check_episode_count(env, episodes);
  threads = std::min({threads, autodiff::available_threads(), static_cast<size_t>(episodes)});
  if (threads <= 1) return evaluate(env, make_policy(), episodes, rng);
  const std::vector<autodiff::Rng::State> starts = reset_streams(env, episodes, rng);
  ThreadEnvs mine(env, make_policy, threads);
  std::vector<Episode> done(static_cast<size_t>(episodes));
  // episodes handed out in order as threads come free; which thread runs one never shows in its result
  std::atomic<int> next{0};
  autodiff::parallel_run(threads, [&](size_t t) {
    for (int e; (e = next.fetch_add(1)) < episodes;) {
      autodiff::Rng own(0);
      own.set_state(starts[static_cast<size_t>(e)]);
      done[static_cast<size_t>(e)] = run_episode(*mine.envs[t], mine.policies[t], own, e, {});
    }
  });
  return summarize(env.spec(), done);
}

}  // namespace harness
