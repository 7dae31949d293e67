// iql: the command-line front end (harness/cli/app.h). Errors become one line on stderr and a
// non-zero exit.
#include <cstdio>

#include "harness/cli/app.h"
#include "harness/run/golden_kernels.h"

int main(int argc, char** argv) {
#ifdef __AVX2__
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
    std::fprintf(stderr, "error: this iql was built for CPUs with AVX2 and FMA and this one lacks them; "
                         "rebuild with cmake -DIQL_AVX2=OFF\n");
    return 1;
  }
#endif
  harness::restart_on_golden_blas_kernels(argv);
  const std::unique_ptr<CLI::App> app = harness::make_cli();
  return harness::run_cli(*app, argc, argv);
}
