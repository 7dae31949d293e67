// One full IQL update at batch 256 (256-256 networks, one thread) for hopper, walker2d and antmaze
// shapes, beside (a) the bare OpenBLAS time of the very GEMMs that update makes, replayed on its
// own buffers interleaved in the same loop, and (b) the PyTorch reference (tests/reference) timing the same
// update on one thread, run once per shape before the loop.
//   ratio_to_gemm  = update time / its GEMMs alone on its own buffers   (team target <= 1.15)
//   ratio_to_hot_gemm = the same against the GEMMs on cache-resident scratch buffers
//   ratio_to_torch = update time / PyTorch's update time   (issue target <= 0.6)
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>

#include "autodiff/blas.h"
#include "harness/run/parity.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Shape {
  const char* env;
  size_t obs_dim, act_dim;
  bool antmaze;
};
const Shape kShapes[] = {{"hopper", 11, 3, false}, {"walker2d", 17, 6, false}, {"antmaze", 29, 8, true}};

harness::ParityCase bench_case(const Shape& s) {
  return {s.env, s.obs_dim, s.act_dim, s.antmaze ? iql::antmaze_config() : iql::IqlConfig{}, 0, 50, s.antmaze};
}

// PyTorch's ms per update on the same inputs; NaN (with the reason on stderr) when it cannot run
double torch_update_ms(const harness::ParityCase& c) {
  const std::string inputs = "/tmp/iql-bench-" + c.name + "-inputs.h5";
  harness::write_parity_inputs(c, inputs);
  const std::string command = "/usr/bin/python3 " IQL_SOURCE_DIR "/tests/reference/iql_reference.py --bench " +
                              inputs + " --seconds 5 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  char line[512];
  double ms = NAN;
  while (pipe && std::fgets(line, sizeof line, pipe.get())) {
    if (std::sscanf(line, "torch_update_ms %lf", &ms) != 1) std::fprintf(stderr, "torch: %s", line);
  }
  return ms;
}

// the recorded GEMMs of one update replayed on bare BLAS, either on the buffers the update used
// (the same memory traffic, none of the rest; safe between updates: every buffer a GEMM writes is
// recomputed by the next update, weights are only read), or on three small scratch buffers that
// stay in cache (the practical floor of the arithmetic alone)
class GemmReplay {
 public:
  GemmReplay(std::vector<autodiff::GemmShape> log, bool own_buffers) : log_(std::move(log)), own_(own_buffers) {
    size_t largest = 0;
    for (const auto& g : log_) largest = std::max({largest, g.m * g.k, g.k * g.n, g.m * g.n});
    if (!own_) a_.assign(largest, 0.01f), b_.assign(largest, 0.01f), c_.assign(largest, 0.01f);
  }
  void run() {
    for (const auto& g : log_)
      autodiff::gemm(g.trans_a, g.trans_b, g.m, g.n, g.k, 1.0f, own_ ? g.a : a_.data(), own_ ? g.b : b_.data(),
                     g.accumulate ? 1.0f : 0.0f, own_ ? g.c : c_.data());
  }
  size_t size() const { return log_.size(); }

 private:
  std::vector<autodiff::GemmShape> log_;
  bool own_;
  std::vector<float> a_, b_, c_;
};

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

void BM_IqlUpdate(benchmark::State& state) {
  const Shape& shape = kShapes[state.range(0)];
  const harness::ParityCase c = bench_case(shape);
  const size_t batch = static_cast<size_t>(c.config.batch_size);
  const iql::Transitions all = harness::parity_batches(c);
  std::vector<iql::Transitions> batches;
  for (int u = 0; u < c.updates; ++u) batches.push_back(iql::slice_rows(all, static_cast<size_t>(u) * batch, batch));
  iql::Learner learner(c.obs_dim, c.act_dim, c.config, c.seed);
  std::vector<autodiff::GemmShape> log;
  {
    autodiff::GemmRecorder recorder(log);
    learner.update(batches[0]);
  }
  GemmReplay replay(log, true), hot(std::move(log), false);
  const double torch_ms = torch_update_ms(c);

  double update_seconds = 0, gemm_seconds = 0, hot_seconds = 0;
  size_t u = 1;
  for (auto _ : state) {
    Clock::time_point start = Clock::now();
    learner.update(batches[u++ % batches.size()]);
    const double step = seconds_since(start);
    state.SetIterationTime(step);
    update_seconds += step;
    start = Clock::now();
    replay.run();
    gemm_seconds += seconds_since(start);
    start = Clock::now();
    hot.run();
    hot_seconds += seconds_since(start);
  }
  const double n = static_cast<double>(state.iterations());
  state.SetLabel(shape.env);
  state.counters["gemms"] = static_cast<double>(replay.size());
  state.counters["gemm_ms"] = gemm_seconds * 1e3 / n;
  state.counters["torch_ms"] = torch_ms;
  state.counters["hot_gemm_ms"] = hot_seconds * 1e3 / n;
  state.counters["ratio_to_gemm"] = update_seconds / gemm_seconds;
  state.counters["ratio_to_hot_gemm"] = update_seconds / hot_seconds;
  state.counters["ratio_to_torch"] = update_seconds * 1e3 / n / torch_ms;
}

BENCHMARK(BM_IqlUpdate)->DenseRange(0, 2)->ArgName("shape")->UseManualTime()->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace

BENCHMARK_MAIN();
