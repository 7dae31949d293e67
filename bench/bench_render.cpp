// Speed of offscreen rendering on Mesa's software renderer: one frame of each environment, posed
// as a reset state, drawn with a caption and read back (target: <= 30 ms for 480x480, wall time).
// Encoding is ffmpeg's, in another process, and not timed here.
//   build-*/bench_render --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "autodiff/rng.h"
#include "harness/envs/env.h"
#include "harness/render/renderer.h"

namespace harness {
namespace {

const std::vector<std::string> kEnvNames = {"hopper", "walker2d", "halfcheetah", "antmaze-umaze", "antmaze-large"};

// args: env index, frame side in pixels
void BM_RenderFrame(benchmark::State& state) {
  const std::string& name = kEnvNames[state.range(0)];
  const int side = static_cast<int>(state.range(1));
  const std::unique_ptr<Env> env = make_env(name);
  autodiff::Rng rng(0);
  env->reset(rng);
  Renderer renderer(name, {side, side});
  const Caption caption = Caption().add("step", "0");
  for (auto _ : state) benchmark::DoNotOptimize(renderer.render(env->data(), caption).rgb.data());
  state.SetLabel(name);  // the time column is the time of one frame
}
BENCHMARK(BM_RenderFrame)
    ->ArgsProduct({{0, 1, 2, 3, 4}, {480}})
    ->Args({0, 96})
    ->ArgNames({"env", "side"})
    ->UseRealTime()  // Mesa's llvmpipe rasterises in its own threads: this thread's CPU time says little
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace harness
