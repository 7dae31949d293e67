// Tests for harness/data/d4rl_writer.cpp when writing fails: a full disk is one clear error, and a file
// made through write_hdf5_file is whole or absent, never half. (Round trips: d4rl_reader_test.cpp.)
#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>

#include "harness/data/d4rl_writer.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {
namespace fs = std::filesystem;

Tensor ones(size_t rows, size_t cols) {
  Tensor t({rows, cols});
  t.fill(1.0f);
  return t;
}

// /dev/full takes the file and answers every write with ENOSPC. Before, HDF5 printed ~100 lines of its
// error stack and the process crashed at exit, closing the failed file a second time.
TEST(Hdf5Writer, AFullDiskIsOneErrorNamingTheFileAndTheReason) {
  const std::string message = testing::error_message([] {
    Hdf5Writer out("/dev/full");
    out.floats("observations", ones(100'000, 11), FloatType::f32);
    out.close();
  });
  EXPECT_NE(message.find("/dev/full"), std::string::npos) << message;
  EXPECT_NE(message.find("No space left on device"), std::string::npos) << message;
  EXPECT_EQ(message.find("file descriptor"), std::string::npos) << message;  // the reason, not HDF5's details
}

TEST(WriteHdf5File, AFailedWriteLeavesTheFileBeforeAndNoTemporary) {
  testing::TempDir dir;
  const std::string path = dir.file("checkpoint.h5");
  write_hdf5_file(path, [](Hdf5Writer& out) { out.floats("x", ones(2, 3), FloatType::f32); });
  EXPECT_THROW(write_hdf5_file(path,
                               [](Hdf5Writer& out) {
                                 out.floats("y", ones(4, 3), FloatType::f32);
                                 throw std::runtime_error("the disk filled up");
                               }),
               std::runtime_error);
  EXPECT_FALSE(fs::exists(path + ".writing"));
  const H5Id file = open_hdf5(path);
  EXPECT_TRUE(has_dataset(file.get(), "x"));
  EXPECT_FALSE(has_dataset(file.get(), "y"));
}

}  // namespace
}  // namespace harness
