// OpenBLAS's Haswell kernels for every run, however the program was started: the goldens' bits.
#pragma once

namespace harness {

/// Called first thing in main. The goldens' evaluation scores were made on OpenBLAS's Haswell kernels
/// (the policy's GEMV in evaluation runs on OpenBLAS; training's products run on ordered_gemm, whose
/// bits depend on no kernel), which OPENBLAS_CORETYPE=Haswell selects; OpenBLAS reads it while it
/// loads, before main. So when the
/// variable is unset or empty, this sets it and starts the program again (execv of /proc/self/exe with
/// the same argv): `iql` run straight from a shell computes what `make` and ctest compute. It keeps a
/// value the user chose (run records name the kernel in use), and does nothing on a CPU without AVX2 and
/// FMA, which these kernels need. If the restart fails it returns, and OpenBLAS's own choice stands.
void restart_on_golden_blas_kernels(char** argv);

/// The same restart onto OpenBLAS's kernel family `core` (an OPENBLAS_CORETYPE value; nullptr: none),
/// for programs that need another family than the goldens' (a benchmark's OpenBLAS baseline).
void restart_on_openblas_core(char** argv, const char* core);

}  // namespace harness
