// Tests for harness/run/toml_lines.cpp: what a line-by-line check of a TOML file names, and the
// differences between two configs that a refused resume or a grid's conflict shows.
#include <gtest/gtest.h>

#include "harness/run/toml_lines.h"

namespace harness {
namespace {

TEST(TomlLines, NamesTheLineThatIsNotKeyEqualsValueAndAKeyGivenTwice) {
  EXPECT_EQ(check_toml_lines("a = 1\n# note\n\nb = [0,\n 1]\n", "F", false).error, "");
  EXPECT_NE(check_toml_lines("a = 1\nexpectile\n", "F", false).error.find("F:2"), std::string::npos);
  EXPECT_NE(check_toml_lines("a = 1\na = 2\n", "F", false).error.find("F:2"), std::string::npos);
}

TEST(TomlDifferences, NamesEachKeyThatDiffersWithBothValuesInKeyOrder) {
  const std::string saved = "actor_lr = 0.00029999999999999997\nexpectile = 0.69999999999999996\nmax_steps = 2000\n";
  const std::string fresh = "actor_lr = 0.00029999999999999997\nexpectile = 0.80000000000000004\nmax_steps = 3000\n";
  EXPECT_EQ(toml_differences(saved, fresh), "expectile 0.7 -> 0.8, max_steps 2000 -> 3000");
  EXPECT_EQ(toml_differences(saved, saved), "");
  EXPECT_EQ(toml_differences("a = 1\n", "b = true\n"), "a 1 -> (none), b (none) -> true");
  EXPECT_EQ(toml_differences("hopper-medium-v2", "walker2d-medium-v2"), "");  // not TOML: the caller shows the values
}

}  // namespace
}  // namespace harness
