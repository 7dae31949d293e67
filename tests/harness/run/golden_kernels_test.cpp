// The restart onto chosen OpenBLAS kernels (harness/run/golden_kernels.h): what the restarted process
// is called. The restart itself is tested through the real binary (tests/harness/cli/version_test.cpp).
#include <sys/prctl.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "harness/run/golden_kernels.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

std::string process_name() {
  std::string name;
  std::getline(std::ifstream("/proc/self/comm"), name);
  return name;
}

// the restart execs /proc/self/exe, which names the process "exe" in ps, top and pgrep
TEST(GoldenKernels, TheRestartedProcessIsNamedAfterItsProgramNotExe) {
  const std::string before = process_name();
  prctl(PR_SET_NAME, "exe", 0, 0, 0);  // as the restart left it
  const testing::ScopedEnv chosen("OPENBLAS_CORETYPE", "Haswell");  // as the restart set it
  std::string program = "/opt/some dir/iql";
  char* argv[] = {program.data(), nullptr};
  restart_on_golden_blas_kernels(argv);  // returns: the kernels are chosen
  EXPECT_EQ(process_name(), "iql");
  prctl(PR_SET_NAME, before.c_str(), 0, 0, 0);
}

}  // namespace
}  // namespace harness
