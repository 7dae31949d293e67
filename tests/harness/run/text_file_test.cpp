// Tests for harness/run/text_file.cpp: a file written whole reads back whole; a missing one reads as "".
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/run/text_file.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

using testing::TempDir;

TEST(TextFile, ReadsBackWhatWasWrittenWithNoPartialFileLeft) {
  TempDir dir;
  const std::string text = "temperature = 0\nexpectile = 0.7\n";
  write_text_file(dir.file("config.toml"), text);
  EXPECT_EQ(read_text_file(dir.file("config.toml")), text);
  EXPECT_FALSE(std::filesystem::exists(dir.file("config.toml.writing")));
}

TEST(TextFile, AMissingFileReadsAsEmpty) {
  TempDir dir;
  EXPECT_EQ(read_text_file(dir.file("nope.toml")), "");
}

}  // namespace
}  // namespace harness
