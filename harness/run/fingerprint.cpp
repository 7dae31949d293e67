#include "harness/run/fingerprint.h"

#include <cblas.h>

#include "autodiff/ordered_gemm.h"
#include "autodiff/thread_pool.h"
#include "git_commit.h"  // generated at build time: IQL_GIT_COMMIT

namespace harness {

BuildInfo build_info() {
  BuildInfo info;
  info.git_commit = IQL_GIT_COMMIT;
  info.compiler = std::string("GCC ") + __VERSION__;
  info.blas_kernel = openblas_get_corename();
  info.blas_config = openblas_get_config();
  info.gemm_kernel = autodiff::gemm_kernel_name(autodiff::gemm_kernel());
  info.threads = autodiff::thread_count();
  return info;
}

void add_build_info(JsonObject& record) {
  const BuildInfo b = build_info();
  record.add("git_commit", b.git_commit)
      .add("compiler", b.compiler)
      .add("blas_kernel", b.blas_kernel)
      .add("blas_config", b.blas_config)
      .add("gemm_kernel", b.gemm_kernel)
      .add("threads", static_cast<double>(b.threads));
}

}  // namespace harness
