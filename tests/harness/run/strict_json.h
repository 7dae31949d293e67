// Test support: every line of a file the project wrote is valid JSON to a strict parser (issue 19:
// "JSON lines parse with any JSON parser"), without the fallback that reads older files' bare NaN.
#pragma once
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

namespace harness::testing {

/// Parses each non-empty line of `path` strictly; a failure names the file, line and the parser's
/// message. Returns the number of lines parsed, so a test can also check the file was not empty.
inline int expect_strict_json_lines(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path << ": cannot read";
  int parsed = 0;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    try {
      [[maybe_unused]] const nlohmann::json object = nlohmann::json::parse(line);
      ++parsed;
    } catch (const nlohmann::json::parse_error& e) {
      ADD_FAILURE() << path << ":" << number << ": " << e.what() << "\n  " << line;
    }
  }
  return parsed;
}

}  // namespace harness::testing
