#include "harness/run/golden_kernels.h"

#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace harness {

namespace {

// execv of /proc/self/exe names the restarted process "exe" in ps, top and pgrep: its program's name
// again, as the kernel keeps it (15 characters)
void name_after_program(const char* argv0) {
  const char* slash = std::strrchr(argv0, '/');
  prctl(PR_SET_NAME, slash ? slash + 1 : argv0, 0, 0, 0);
}

}  // namespace

void restart_on_openblas_core(char** argv, const char* core) {
  const char* chosen = std::getenv("OPENBLAS_CORETYPE");
  if (chosen && *chosen) name_after_program(argv[0]);
  if (core == nullptr || (chosen && *chosen)) return;
  if (setenv("OPENBLAS_CORETYPE", core, 1) != 0) return;
  execv("/proc/self/exe", argv);
  std::fprintf(stderr, "warning: cannot restart on OpenBLAS's %s kernels (%s); set OPENBLAS_CORETYPE=%s\n", core,
               std::strerror(errno), core);
}

void restart_on_golden_blas_kernels(char** argv) {
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) return;
  restart_on_openblas_core(argv, "Haswell");
}

}  // namespace harness
