// Forward+backward of a 256-256 ReLU MLP at batch 256 through the tape, beside bare gemm() calls
// of the same shapes. Both run interleaved in one loop, so machine noise hits them alike; the
// counter `ratio` = tape time / GEMM time is the overhead of the autodiff (target <= 1.3).
#include <benchmark/benchmark.h>

#include <chrono>

#include "autodiff/adam.h"
#include "autodiff/blas.h"
#include "autodiff/layers.h"

namespace {

using namespace autodiff;
using Clock = std::chrono::steady_clock;
constexpr size_t kBatch = 256, kHidden = 256;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// the 8 GEMMs of one MLP step: 3 forward, 3 weight gradients, 2 input gradients (none for the data)
struct BareGemms {
  std::vector<size_t> sizes;
  std::vector<std::vector<float>> weights, activations, grads, weight_grads;

  explicit BareGemms(std::vector<size_t> s) : sizes(std::move(s)) {
    for (size_t i = 0; i + 1 < sizes.size(); ++i) {
      weights.emplace_back(sizes[i] * sizes[i + 1], 0.01f);
      weight_grads.emplace_back(sizes[i] * sizes[i + 1]);
    }
    for (size_t size : sizes) {
      activations.emplace_back(kBatch * size, 0.5f);
      grads.emplace_back(kBatch * size, 0.5f);
    }
  }
  void run() {
    const size_t layers = weights.size();
    for (size_t i = 0; i < layers; ++i)
      gemm(false, false, kBatch, sizes[i + 1], sizes[i], 1.0f, activations[i].data(),
           weights[i].data(), 0.0f, activations[i + 1].data());
    for (size_t i = layers; i-- > 0;) {
      gemm(true, false, sizes[i], sizes[i + 1], kBatch, 1.0f, activations[i].data(),
           grads[i + 1].data(), 0.0f, weight_grads[i].data());
      if (i > 0)
        gemm(false, true, kBatch, sizes[i], sizes[i + 1], 1.0f, grads[i + 1].data(),
             weights[i].data(), 0.0f, grads[i].data());
    }
  }
};

void BM_MlpForwardBackward(benchmark::State& state) {
  const size_t in = static_cast<size_t>(state.range(0)), out = static_cast<size_t>(state.range(1));
  const std::vector<size_t> sizes = {in, kHidden, kHidden, out};
  Rng rng(0);
  Mlp<float> mlp(sizes, Init{}, rng);
  ParamList<float> params;
  mlp.collect(params, "");
  Tensor x = uniform<float>(kBatch, in, 1.0, rng), target = uniform<float>(kBatch, out, 1.0, rng);
  Tape<float> tape;
  BareGemms bare(sizes);
  double tape_seconds = 0, gemm_seconds = 0;
  for (auto _ : state) {
    Clock::time_point start = Clock::now();
    tape.reset();
    params.zero_grad();
    tape.backward(mean(square(mlp.forward(tape, tape.constant(x)) - tape.constant(target))));
    const double step = seconds_since(start);
    state.SetIterationTime(step);
    tape_seconds += step;
    start = Clock::now();
    bare.run();
    gemm_seconds += seconds_since(start);
  }
  state.counters["gemm_us"] = benchmark::Counter(gemm_seconds * 1e6 / state.iterations());
  state.counters["ratio"] = benchmark::Counter(tape_seconds / gemm_seconds);
}

BENCHMARK(BM_MlpForwardBackward)
    ->ArgsProduct({{14, 23, 37}, {1, 8}})
    ->ArgNames({"in", "out"})
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(0.5);

}  // namespace
