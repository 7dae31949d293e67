// One full SAC update at batch 256 (256-256 networks, one thread) for hopper and walker2d shapes,
// timed beside the PyTorch reference (tests/reference/sac_reference.py --serve, a child process on
// one thread) running the same update on the same inputs, in interleaved blocks as bench_iql does
// (see its comment for why: a shared VM's drift then hits both sides alike).
//
// Counters, ms per update:
//   torch_ms        PyTorch's mean over the interleaved blocks
//   ratio_to_torch  C++ time / torch time, each summed over the same blocks   (target <= 0.6)
// The torch counters are NaN, with the reason on stderr, when python3, torch or h5py is missing.
#include <benchmark/benchmark.h>

#include <chrono>
#include <memory>
#include <vector>

#include <xtensor/xview.hpp>

#include "bench/torch_peer.h"
#include "harness/run/sac_parity.h"

namespace {

using bench::SideBySide;
using bench::TorchPeer;
using Clock = std::chrono::steady_clock;

constexpr size_t kBlock = 32;  // C++ updates between two torch blocks

struct Shape {
  const char* env;
  size_t obs_dim, act_dim;
};
const Shape kShapes[] = {{"hopper", 11, 3}, {"walker2d", 17, 6}};

harness::SacParityCase bench_case(const Shape& s) {
  harness::SacParityCase c;
  c.obs_dim = s.obs_dim;
  c.act_dim = s.act_dim;
  return c;
}

// one child per shape, kept across Google Benchmark's repeated calls (see bench_iql.cpp)
TorchPeer& torch_peer(const Shape& shape) {
  static std::unique_ptr<TorchPeer> peer;
  if (!peer || peer->case_name() != std::string("sac-") + shape.env) {
    peer.reset();
    const harness::SacParityCase c = bench_case(shape);
    peer = std::make_unique<TorchPeer>(std::string("sac-") + shape.env, "sac_reference.py",
                                       [c](const std::string& path) { harness::write_sac_parity_inputs(c, path); });
  }
  return *peer;
}

void BM_SacUpdate(benchmark::State& state) {
  const Shape& shape = kShapes[state.range(0)];
  const harness::SacParityCase c = bench_case(shape);
  const size_t batch = static_cast<size_t>(c.config.batch_size);
  const harness::SacParityInputs in = harness::sac_parity_inputs(c);
  std::vector<rl::Transitions> batches;
  std::vector<sac::SacNoise> noises;
  auto rows = [&](const autodiff::Tensor& m, size_t first) {
    return autodiff::Tensor(xt::view(m, xt::range(first, first + batch), xt::all()));
  };
  for (int u = 0; u < c.updates; ++u) {
    const size_t first = static_cast<size_t>(u) * batch;
    batches.push_back(rl::slice_rows(in.batches, first, batch));
    noises.push_back({rows(in.noise.current, first), rows(in.noise.next, first)});
  }
  sac::SacLearner learner(c.obs_dim, c.act_dim, c.config, c.seed);
  learner.update(batches[0], noises[0]);  // the first update allocates; later ones reuse
  SideBySide torch(torch_peer(shape));
  size_t u = 1, in_block = 0;
  for (auto _ : state) {
    const Clock::time_point start = Clock::now();
    learner.update(batches[u % batches.size()], noises[u % noises.size()]);
    ++u;
    const double step = std::chrono::duration<double>(Clock::now() - start).count();
    state.SetIterationTime(step);
    torch.add_update(step);
    if (++in_block == kBlock) torch.end_block(), in_block = 0;
  }
  torch.end_block();
  state.SetLabel(bench::update_label(shape.env));
  state.counters["torch_ms"] = torch.torch_ms();
  state.counters["ratio_to_torch"] = torch.ratio();
}

BENCHMARK(BM_SacUpdate)
    ->DenseRange(0, 1)
    ->ArgName("shape")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->MinTime(bench::seconds_per_shape());

}  // namespace
