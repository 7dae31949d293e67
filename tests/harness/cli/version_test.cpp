// `iql --version` through the real binary, and with it the restart onto the goldens' OpenBLAS kernels
// (harness/run/golden_kernels.h) that lets `iql` started from a bare shell give the goldens' bits.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "autodiff/ordered_gemm.h"
#include "tests/harness/cli/iql_binary.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

namespace fs = std::filesystem;

// what `iql --version` prints with OPENBLAS_CORETYPE set to `coretype` ("" as a bare shell has it)
std::string version_output(const std::string& coretype) {
  testing::TempDir dir;
  const std::string iql = testing::iql_binary();
  EXPECT_TRUE(fs::exists(iql)) << iql << " is missing: build the iql target (iql_cli) too";
  const JobOutcome outcome =
      testing::run_iql({"--version"}, dir.file("version.log"), {{"OPENBLAS_CORETYPE", coretype}});
  const std::string log = testing::read_bytes(dir.file("version.log"));
  EXPECT_EQ(outcome.exit_code, 0) << log;
  return log;
}

TEST(VersionCommand, IqlGemmKernelPicksTheAvx2KernelOnAnyAvx2Cpu) {
  testing::TempDir dir;
  const JobOutcome chosen = testing::run_iql({"--version"}, dir.file("avx2.log"), {{"IQL_GEMM_KERNEL", "avx2"}});
  const std::string log = testing::read_bytes(dir.file("avx2.log"));
  EXPECT_EQ(chosen.exit_code, 0) << log;
  EXPECT_NE(log.find("ordered GEMM kernel: avx2"), std::string::npos) << log;
  const JobOutcome unknown = testing::run_iql({"--version"}, dir.file("avx9.log"), {{"IQL_GEMM_KERNEL", "avx9"}});
  const std::string error = testing::read_bytes(dir.file("avx9.log"));
  EXPECT_NE(unknown.exit_code, 0) << error;
  EXPECT_NE(error.find("IQL_GEMM_KERNEL=avx9 is not a kernel this build has and this CPU runs (portable, avx2"),
            std::string::npos) << error;
}

TEST(VersionCommand, NamesTheCommitTheBlasBuildAndTheGemmKernel) {
  const std::string text = version_output("Haswell");
  EXPECT_EQ(text.rfind("iql ", 0), 0u) << text;
  EXPECT_NE(text.find("OpenBLAS"), std::string::npos) << text;
  EXPECT_NE(text.find(std::string("ordered GEMM kernel: ") + autodiff::gemm_kernel_name(autodiff::gemm_kernel())),
            std::string::npos)
      << text;
}

TEST(VersionCommand, StartedWithoutACoretypeRunsOnTheGoldensKernels) {
  const std::string text = version_output("");
  EXPECT_NE(text.find("kernels in use: Haswell"), std::string::npos) << text;
}

TEST(VersionCommand, KeepsTheKernelsTheUserChose) {
  const std::string text = version_output("Sandybridge");
  EXPECT_NE(text.find("kernels in use: Sandybridge"), std::string::npos) << text;
}

}  // namespace
}  // namespace harness
