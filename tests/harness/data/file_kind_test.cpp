// Tests for harness/data/file_kind.cpp: a file is told by its content and named as what it is.
#include "harness/data/file_kind.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "harness/data/d4rl_fixture.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

const std::string kSnapshot = IQL_SOURCE_DIR "/golden/regen/policies/halfcheetah-sac-seed1-step0150000.h5";

TEST(FileKind, EachKindIsToldByItsContent) {
  testing::TempDir dir;
  write_fixture(dir.file("d.hdf5"), dataset_info("hopper-medium-v2"), FixtureShape{20, 0}, 0);
  testing::write_bytes(dir.file("notes.txt"), "hello\n");
  EXPECT_EQ(file_kind(dir.file("d.hdf5")), FileKind::d4rl_dataset);
  EXPECT_EQ(file_kind(kSnapshot), FileKind::sac_snapshot);
  EXPECT_EQ(file_kind(dir.file("notes.txt")), FileKind::not_hdf5);
  EXPECT_EQ(file_kind(dir.path()), FileKind::directory);
  EXPECT_EQ(file_kind(dir.file("none")), FileKind::missing);
}

TEST(FileKind, AFileOfAnotherKindIsNamedWithTheCommandThatTakesIt) {
  try {
    require_kind(kSnapshot, FileKind::iql_checkpoint, "--checkpoint");
    FAIL() << "a snapshot passed as a checkpoint";
  } catch (const autodiff::Error& e) {
    EXPECT_EQ(std::string(e.what()), "--checkpoint " + kSnapshot +
                                         ": this is a SAC policy snapshot, not an IQL run's checkpoint; iql eval "
                                         "--snapshot takes it");
  }
}

TEST(FileKind, AFileOfNoKindSaysWhatToGive) {
  testing::TempDir dir;
  testing::write_bytes(dir.file("notes.txt"), "hello\n");
  try {
    require_kind(dir.file("notes.txt"), FileKind::d4rl_dataset, "--file");
    FAIL() << "a text file passed as a dataset";
  } catch (const autodiff::Error& e) {
    EXPECT_EQ(std::string(e.what()), "--file " + dir.file("notes.txt") + ": not an HDF5 file; give a D4RL dataset");
  }
}

}  // namespace
}  // namespace harness
