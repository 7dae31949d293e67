// main of every test executable: gtest's, after making sure OpenBLAS runs the goldens' kernels even
// when a test binary is started by hand rather than by ctest, in a temporary directory of its own
#include <cstdlib>
#include <memory>

#include <gtest/gtest.h>

#include "harness/data/scratch_dir.h"
#include "harness/run/golden_kernels.h"

int main(int argc, char** argv) {
  harness::restart_on_golden_blas_kernels(argv);
  // gtest's TempDir() is TEST_TMPDIR when set, else a shared /tmp/: the tests name their files after
  // themselves, so two suites run at once on one machine (a `make test` beside a CI run) would write
  // the same files. Each test process gets a fresh directory instead, unless TEST_TMPDIR names one.
  std::unique_ptr<harness::ScratchDir> temp_dir;
  if (std::getenv("TEST_TMPDIR") == nullptr) {
    temp_dir = std::make_unique<harness::ScratchDir>("iql-test");
    ::setenv("TEST_TMPDIR", (temp_dir->path() + "/").c_str(), 1);
  }
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
