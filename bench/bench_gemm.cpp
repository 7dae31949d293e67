// One 256x256x256 float product (a hidden layer at batch 256: forward, input gradient, weight
// gradient) on each ordered_gemm kernel this machine runs, beside OpenBLAS's sgemm of the same product
// on one thread. The two alternate call by call in one loop, so machine noise hits them alike.
//
// Counters:
//   gflops             the kernel's rate
//   ratio_to_openblas  kernel time / OpenBLAS time over the same calls (OpenBLAS picks its own kernel
//                      family for the CPU unless OPENBLAS_CORETYPE says otherwise; it is in the label)
#include <benchmark/benchmark.h>
#include <cblas.h>

#include <chrono>
#include <string>
#include <vector>

#include "autodiff/blas.h"
#include "autodiff/ordered_gemm.h"

namespace {

using namespace autodiff;
using Clock = std::chrono::steady_clock;
constexpr size_t kSize = 256;

struct Transposes {
  bool a, b;
  const char* name;
};
const Transposes kProducts[] = {{false, false, "forward"}, {false, true, "input-gradient"}, {true, false, "weight-gradient"}};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void BM_OrderedGemm(benchmark::State& state) {
  const std::vector<GemmKernel> kernels = runnable_gemm_kernels();
  const size_t kernel_index = static_cast<size_t>(state.range(0));
  if (kernel_index >= kernels.size()) {
    state.SkipWithError("this machine does not run this kernel");
    return;
  }
  const GemmKernel kernel = kernels[kernel_index];
  const Transposes& t = kProducts[state.range(1)];
  std::vector<float> a(kSize * kSize), b(kSize * kSize), c(kSize * kSize), c_blas(kSize * kSize);
  for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<float>(i % 97) * 0.01f, b[i] = static_cast<float>(i % 89) * 0.01f;
  double kernel_seconds = 0, blas_seconds = 0;
  for (auto _ : state) {
    Clock::time_point start = Clock::now();
    ordered_gemm_with(kernel, t.a, t.b, kSize, kSize, kSize, a.data(), b.data(), c.data(), GemmFinish{});
    const double step = seconds_since(start);
    state.SetIterationTime(step);
    kernel_seconds += step;
    start = Clock::now();
    openblas_gemm(t.a, t.b, kSize, kSize, kSize, 1.0f, a.data(), b.data(), 0.0f, c_blas.data());
    blas_seconds += seconds_since(start);
    benchmark::DoNotOptimize(c.data());
    benchmark::DoNotOptimize(c_blas.data());
  }
  const double flops = 2.0 * kSize * kSize * kSize * static_cast<double>(state.iterations());
  state.counters["gflops"] = flops / kernel_seconds / 1e9;
  state.counters["ratio_to_openblas"] = kernel_seconds / blas_seconds;
  state.SetLabel(std::string(gemm_kernel_name(kernel)) + " " + t.name + " vs OpenBLAS " + openblas_get_corename());
}

BENCHMARK(BM_OrderedGemm)
    ->ArgsProduct({{0, 1, 2}, {0, 1, 2}})
    ->ArgNames({"kernel", "product"})
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(0.5);

}  // namespace
