// Test support for golden texts: compares line by line and, on a difference, shows only the lines
// that differ, as they are (gtest's own diff escapes every ± and – of a table).
#pragma once
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace harness::testing {

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// Success when `actual` equals `expected`; else a failure listing each differing line number with
/// the expected and the actual line ("(none)" past the end of either text).
inline ::testing::AssertionResult same_lines(const std::string& actual, const std::string& expected) {
  if (actual == expected) return ::testing::AssertionSuccess();
  const std::vector<std::string> want = lines_of(expected), got = lines_of(actual);
  std::ostringstream diff;
  for (size_t i = 0; i < std::max(want.size(), got.size()); ++i) {
    const std::string a = i < want.size() ? want[i] : "(none)", b = i < got.size() ? got[i] : "(none)";
    if (a != b) diff << "line " << i + 1 << "\n  expected: " << a << "\n  actual:   " << b << "\n";
  }
  if (diff.str().empty()) diff << "the texts differ only in their line endings";
  return ::testing::AssertionFailure() << "the text differs from the golden one:\n" << diff.str();
}

}  // namespace harness::testing
