// Which OpenBLAS kernels a benchmark's baseline runs: OpenBLAS's own for the instructions our side runs
// on. Debian's OpenBLAS (0.3.21) does not know newer CPUs and falls back to its SSE3 kernels there (on an
// Emerald Rapids Xeon, "Prescott": 31 GFLOP/s on a 256^3 product where SkylakeX's run at 145), which
// would time a handicapped baseline.
#pragma once
#include "autodiff/ordered_gemm.h"

namespace bench {

/// An OPENBLAS_CORETYPE value: SkylakeX beside our AVX-512 kernel, Haswell beside AVX2; nullptr otherwise.
inline const char* baseline_openblas_core() {
  switch (autodiff::gemm_kernel()) {
    case autodiff::GemmKernel::Avx512: return "SkylakeX";
    case autodiff::GemmKernel::Avx2: return "Haswell";
    default: return nullptr;
  }
}

}  // namespace bench
