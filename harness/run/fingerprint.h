// What a run needs to be repeated, besides its config and seed: the build that made it.
#pragma once
#include <string>

#include "harness/run/json.h"

namespace harness {

struct BuildInfo {
  std::string git_commit;   // the commit the build saw, "-dirty" if tracked files had changes
  std::string compiler;     // e.g. "GCC 12.2.0"
  std::string blas_kernel;  // OpenBLAS's core in use, e.g. "Haswell"
  std::string blas_config;  // OpenBLAS's build string (version, threading)
  std::string gemm_kernel;  // ordered_gemm's kernel on this CPU, e.g. "avx512": the same bits on each,
                            // recorded because a run's speed depends on it
  size_t threads = 1;       // the process's pool (--threads): the same bits for any count, recorded for
                            // the same reason; a resumed run records the count it last ran with
};

BuildInfo build_info();

/// Adds the build fields to a record: git_commit, compiler, blas_kernel, blas_config, gemm_kernel,
/// threads.
void add_build_info(JsonObject& record);

}  // namespace harness
