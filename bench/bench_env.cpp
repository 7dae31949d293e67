// Speed of the MuJoCo evaluation environments: steps per second of each env alone, and one
// 1000-step evaluation episode with a 256-256 MLP policy forward at batch 1 (team target: < 20 ms).
//   build-*/bench_env --benchmark_counters_tabular=true
//
// S = observation dim, A = action dim, H = hidden width (256)
#include <benchmark/benchmark.h>
#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "autodiff/rng.h"
#include "harness/envs/env.h"
#include "harness/envs/evaluate.h"
#include "harness/run/golden_kernels.h"

namespace harness {
namespace {

constexpr int kEpisodeSteps = 1000;
constexpr int kHidden = 256;
constexpr int kActionBlock = 4096;  // random actions drawn once, cycled through

const std::vector<std::string> kEnvNames = {"hopper",        "walker2d",       "halfcheetah",
                                            "antmaze-umaze", "antmaze-medium", "antmaze-large"};

// a stand-in for the IQL policy's deterministic forward: tanh(W3 relu(W2 relu(W1 s + b1) + b2) + b3)
// with W1 (H,S), W2 (H,H), W3 (A,H) row-major, scaled N(0, 1/fan_in) weights
class MlpPolicy {
 public:
  MlpPolicy(int obs_dim, int act_dim, autodiff::Rng& rng)
      : obs_dim_(obs_dim), act_dim_(act_dim), w1_(random_matrix(kHidden, obs_dim, rng)),
        w2_(random_matrix(kHidden, kHidden, rng)), w3_(random_matrix(act_dim, kHidden, rng)),
        b1_(kHidden, 0.01f), b2_(kHidden, 0.01f), b3_(act_dim, 0.0f), h1_(kHidden), h2_(kHidden) {}

  void forward(std::span<const float> obs, std::span<float> action) {
    affine(w1_, b1_, kHidden, obs_dim_, obs.data(), h1_.data());
    for (float& h : h1_) h = std::max(h, 0.0f);
    affine(w2_, b2_, kHidden, kHidden, h1_.data(), h2_.data());
    for (float& h : h2_) h = std::max(h, 0.0f);
    affine(w3_, b3_, act_dim_, kHidden, h2_.data(), action.data());
    for (float& a : action) a = std::tanh(a);
  }

 private:
  static std::vector<float> random_matrix(int rows, int cols, autodiff::Rng& rng) {
    std::vector<float> w(static_cast<size_t>(rows) * cols);
    const double scale = 1.0 / std::sqrt(static_cast<double>(cols));
    for (float& v : w) v = static_cast<float>(scale * rng.normal());
    return w;
  }

  // y (rows) = W (rows, cols) x (cols) + b
  static void affine(const std::vector<float>& w, const std::vector<float>& b, int rows, int cols,
                     const float* x, float* y) {
    std::copy(b.begin(), b.end(), y);
    cblas_sgemv(CblasRowMajor, CblasNoTrans, rows, cols, 1.0f, w.data(), cols, x, 1, 1.0f, y, 1);
  }

  int obs_dim_, act_dim_;
  std::vector<float> w1_, w2_, w3_, b1_, b2_, b3_, h1_, h2_;
};

std::vector<float> random_actions(int act_dim, autodiff::Rng& rng) {
  std::vector<float> actions(static_cast<size_t>(kActionBlock) * act_dim);
  for (float& a : actions) a = static_cast<float>(rng.uniform(-1.0, 1.0));
  return actions;
}

// env.step alone, uniform random actions, a reset whenever an episode ends
void BM_EnvStep(benchmark::State& state, const std::string& name) {
  std::unique_ptr<Env> env = make_env(name);
  autodiff::Rng rng(0);
  const std::vector<float> actions = random_actions(env->act_dim(), rng);
  const size_t dim = env->act_dim();
  env->reset(rng);
  size_t t = 0, resets = 0;
  for (auto _ : state) {
    const StepResult& step = env->step(std::span(actions).subspan((t++ % kActionBlock) * dim, dim));
    if (step.terminated || step.truncated) {
      env->reset(rng);
      ++resets;
    }
  }
  state.counters["steps/s"] = benchmark::Counter(static_cast<double>(t), benchmark::Counter::kIsRate);
  state.counters["resets"] = static_cast<double>(resets);
}

// exactly 1000 steps of policy forward + env step (an episode that ends early restarts, so every
// env is timed over the same number of steps)
void BM_EvalEpisode(benchmark::State& state, const std::string& name) {
  std::unique_ptr<Env> env = make_env(name);
  autodiff::Rng rng(0);
  MlpPolicy policy(env->obs_dim(), env->act_dim(), rng);
  std::vector<float> obs(env->obs_dim()), action(env->act_dim());
  for (auto _ : state) {
    std::vector<float> first = env->reset(rng);
    std::copy(first.begin(), first.end(), obs.begin());
    for (int t = 0; t < kEpisodeSteps; ++t) {
      policy.forward(obs, action);
      const StepResult& step = env->step(action);
      if (step.terminated || step.truncated) {
        first = env->reset(rng);
        std::copy(first.begin(), first.end(), obs.begin());
      } else {
        std::copy(step.observation.begin(), step.observation.end(), obs.begin());
      }
    }
  }
  state.counters["steps/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * kEpisodeSteps,
                                                 benchmark::Counter::kIsRate);
}

// the policy's share of an episode: one 256-256 forward at batch 1
void BM_PolicyForward(benchmark::State& state) {
  autodiff::Rng rng(0);
  MlpPolicy policy(17, 6, rng);
  std::vector<float> obs(17, 0.1f), action(6);
  for (auto _ : state) {
    policy.forward(obs, action);
    benchmark::DoNotOptimize(action.data());
  }
  state.counters["forwards/s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                    benchmark::Counter::kIsRate);
}

// evaluate() itself over one episode with the MLP, for the harness's real call path
void BM_Evaluate(benchmark::State& state, const std::string& name) {
  std::unique_ptr<Env> env = make_env(name);
  autodiff::Rng rng(0);
  MlpPolicy mlp(env->obs_dim(), env->act_dim(), rng);
  const Policy policy = [&mlp](std::span<const float> o, std::span<float> a) { mlp.forward(o, a); };
  int steps = 0;
  for (auto _ : state) steps += evaluate(*env, policy, 1, rng).lengths[0];
  state.counters["steps/episode"] = static_cast<double>(steps) / state.iterations();
}

void register_benchmarks() {
  for (const std::string& name : kEnvNames) {
    benchmark::RegisterBenchmark(("BM_EnvStep/" + name).c_str(), BM_EnvStep, name);
  }
  for (const std::string& name : kEnvNames) {
    benchmark::RegisterBenchmark(("BM_EvalEpisode1000/" + name).c_str(), BM_EvalEpisode, name)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("BM_PolicyForward/256x256", BM_PolicyForward);
  benchmark::RegisterBenchmark("BM_Evaluate/halfcheetah", BM_Evaluate, std::string("halfcheetah"))
      ->Unit(benchmark::kMillisecond);
}

}  // namespace
}  // namespace harness

int main(int argc, char** argv) {
  harness::restart_on_golden_blas_kernels(argv);  // the policy's GEMV on iql's OpenBLAS kernels
  benchmark::Initialize(&argc, argv);
  harness::register_benchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
