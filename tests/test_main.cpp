// main of every test executable: gtest's, after making sure OpenBLAS runs the goldens' kernels even
// when a test binary is started by hand rather than by ctest
#include <gtest/gtest.h>

#include "harness/run/golden_kernels.h"

int main(int argc, char** argv) {
  harness::restart_on_golden_blas_kernels(argv);
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
