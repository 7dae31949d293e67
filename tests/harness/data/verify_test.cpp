// Tests for harness/data/verify.h: what `iql datasets verify` reports on fixture files.
#include "harness/data/verify.h"

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/data/d4rl_fixture.h"
#include "harness/data/sha256.h"
#include "test_support.h"

namespace harness {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

class DatasetVerify : public ::testing::Test {
 protected:
  // writes a 45-row fixture of dataset `name` (episodes of 20 rows) and verifies it as that dataset
  VerifyReport verify_fixture(const char* name, bool official) {
    write_fixture(path_, dataset_info(name), FixtureShape{45, 20}, 0);
    return verify_dataset_file(path_, &dataset_info(name), official);
  }

  testing::TempDir dir_;
  std::string path_ = dir_.file("fixture.hdf5");
};

TEST_F(DatasetVerify, ReportsHashAndShapeSummaryOfAFixture) {
  VerifyReport report = verify_fixture("hopper-medium-v2", false);
  EXPECT_TRUE(report.ok()) << format_report(report);
  EXPECT_EQ(report.sha256, sha256_file(path_));
  EXPECT_EQ(report.rows, 45u);
  // every timeout row and the last row are dropped
  EXPECT_EQ(report.transitions, 45u - 1 - report.timeouts);
  EXPECT_THAT(report.notes, Contains(HasSubstr("not the official file")));
  std::string text = format_report(report);
  EXPECT_THAT(text, HasSubstr("observations (45, 11) float32"));
  EXPECT_THAT(text, HasSubstr("terminals (45,) bool"));
  EXPECT_THAT(text, HasSubstr(report.sha256));
  EXPECT_THAT(text, HasSubstr("result      ok"));
}

TEST_F(DatasetVerify, CachedFileWithTheWrongHashFails) {
  VerifyReport report = verify_fixture("hopper-medium-v2", true);
  EXPECT_FALSE(report.ok());
  EXPECT_THAT(report.problems, Contains(HasSubstr("iql datasets fetch --force hopper-medium-v2")));
  EXPECT_THAT(format_report(report), HasSubstr("FAILED"));
}

TEST_F(DatasetVerify, UnknownHashIsANoteToRecord) {
  VerifyReport report = verify_fixture("antmaze-medium-play-v2", true);
  EXPECT_TRUE(report.ok()) << format_report(report);
  EXPECT_THAT(report.notes, Contains(HasSubstr("record " + report.sha256)));
}

TEST_F(DatasetVerify, BrokenFileIsAProblem) {
  verify_fixture("hopper-medium-v2", false);
  std::filesystem::resize_file(path_, 1000);
  VerifyReport report = verify_dataset_file(path_, nullptr, false);
  EXPECT_FALSE(report.ok());
  EXPECT_THAT(report.problems, Contains(HasSubstr("truncated file"))) << format_report(report);
}

TEST_F(DatasetVerify, MissingFileIsAProblem) {
  VerifyReport report = verify_dataset_file("/nonexistent/x.hdf5", &dataset_info("hopper-medium-v2"), true);
  EXPECT_FALSE(report.ok());
  EXPECT_THAT(report.problems, Contains(HasSubstr("iql datasets fetch hopper-medium-v2")));
}

}  // namespace
}  // namespace harness
