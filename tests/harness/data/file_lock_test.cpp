// Tests for harness/data/file_lock.cpp (issue 19, defect 6: two runs on one --out interleaved).
#include <gtest/gtest.h>

#include <filesystem>

#include "autodiff/error.h"
#include "harness/data/file_lock.h"

namespace harness {
namespace {

TEST(FileLock, ASecondHolderIsRefusedNamingWhatIsInUseUntilTheFirstLetsGo) {
  const std::string path = (std::filesystem::path(::testing::TempDir()) / "file_lock_test.lock").string();
  {
    FileLock first(path, FileLock::Mode::or_fail, "run directory X");
    try {
      FileLock second(path, FileLock::Mode::or_fail, "run directory X");
      FAIL() << "two holders of one lock";
    } catch (const autodiff::Error& e) {
      EXPECT_NE(std::string(e.what()).find("run directory X is in use by another iql process"), std::string::npos)
          << e.what();
    }
  }
  EXPECT_NO_THROW(FileLock(path, FileLock::Mode::or_fail, "run directory X"));  // released with its holder
}

}  // namespace
}  // namespace harness
