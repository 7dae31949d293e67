// main of the benchmarks: Google Benchmark's, after choosing OpenBLAS's kernels, which it reads while
// it loads (so the choice restarts the program). Without a choice it picks by CPU, and Debian's OpenBLAS
// (0.3.21) runs its SSE3 kernels on CPUs newer than it knows.
#include <benchmark/benchmark.h>

#include "harness/run/golden_kernels.h"
#ifdef IQL_BENCH_OPENBLAS_BASELINE
#include "bench/openblas_baseline.h"
#endif

int main(int argc, char** argv) {
#ifdef IQL_BENCH_OPENBLAS_BASELINE
  // OpenBLAS is this benchmark's baseline: its best kernels for the vector width ours run on
  harness::restart_on_openblas_core(argv, bench::baseline_openblas_core());
#else
  // OpenBLAS runs what it runs in iql (the policy's forward in evaluation): iql's kernels
  harness::restart_on_golden_blas_kernels(argv);
#endif
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
