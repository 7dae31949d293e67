// Exact goldens of short runs: a run's record (a few "key value" lines) against a committed file,
// failing with both texts and the fix when they differ.
#pragma once
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace testing_support {

/// EXPECTs `record` to equal the file at `path`; on a mismatch shows the record to replace it with.
inline void expect_golden_record(const std::string& record, const std::string& path) {
  std::ifstream golden(path);
  ASSERT_TRUE(golden) << path << " is missing; write it with the record below:\n" << record;
  std::stringstream expected;
  expected << golden.rdbuf();
  EXPECT_EQ(record, expected.str()) << "the run no longer reproduces " << path
                                    << "; if the change is meant, replace the file with the record above";
}

}  // namespace testing_support
