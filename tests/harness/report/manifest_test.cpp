// Tests for harness/report/manifest.cpp: which files of an earlier report a report removes.
#include "harness/report/manifest.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_bytes;

class ReportFilesTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(out + "/curves"); }

  TempDir dir;
  std::string out = dir.file("report");
};

TEST_F(ReportFilesTest, FirstReportRemovesNothingAndRecordsItsFiles) {
  write_bytes(out + "/curves/old.png", "written before there was a manifest");
  EXPECT_TRUE(replace_report_files(out, {"report.md", "curves/a.png"}).empty());
  EXPECT_TRUE(fs::exists(out + "/curves/old.png"));
  const std::string manifest = testing::read_bytes(out + "/" + kReportManifest);
  EXPECT_NE(manifest.find("\nreport.md\ncurves/a.png\n"), std::string::npos) << manifest;
}

TEST_F(ReportFilesTest, RemovesListedFilesNoLongerWritten) {
  write_bytes(out + "/curves/a.png", "a");
  write_bytes(out + "/curves/b.png", "b");
  replace_report_files(out, {"curves/a.png", "curves/b.png"});
  EXPECT_EQ(replace_report_files(out, {"curves/a.png"}), std::vector<std::string>{"curves/b.png"});
  EXPECT_TRUE(fs::exists(out + "/curves/a.png"));
  EXPECT_FALSE(fs::exists(out + "/curves/b.png"));
  EXPECT_TRUE(replace_report_files(out, {"curves/a.png"}).empty()) << "b.png is off the manifest now";
}

// a hand-edited manifest must not make a report delete anything outside its directory
TEST_F(ReportFilesTest, NeverRemovesAnEntryOutsideTheDirectory) {
  write_bytes(dir.file("outside.png"), "not the report's");
  write_bytes(out + "/curves/c.png", "c");
  write_bytes(out + "/" + kReportManifest, "../outside.png\n" + dir.file("outside.png") + "\ncurves/../../outside.png\n"
                                           "curves/c.png\ncurves/missing.png\n");
  EXPECT_EQ(replace_report_files(out, {}), std::vector<std::string>{"curves/c.png"});
  EXPECT_TRUE(fs::exists(dir.file("outside.png")));
}

TEST_F(ReportFilesTest, LeavesADirectoryWhereAListedFileWas) {
  write_bytes(out + "/curves/d.png", "d");
  replace_report_files(out, {"curves/d.png"});
  fs::remove(out + "/curves/d.png");
  fs::create_directories(out + "/curves/d.png/inside");
  EXPECT_TRUE(replace_report_files(out, {}).empty());
  EXPECT_TRUE(fs::is_directory(out + "/curves/d.png/inside"));
}

}  // namespace
}  // namespace harness
