// Every key of a grid file, checked by one table (issue 32): the grid's own keys and every IQL
// hyperparameter, in [defaults] and in a [dataset.NAME] section, are given 0, -1, a huge value, nan,
// inf and a word; each must be refused naming the file, the section and the key, in iql's words and
// never a library's. The values that are fine are listed with the reason (hyperparameters:
// tests/harness/cli/bad_values.h's list, shared with the flags and config files).
#include <gtest/gtest.h>

#include <sstream>

#include "harness/grid/grid_spec.h"
#include "iql/config.h"
#include "tests/harness/cli/bad_values.h"

namespace harness {
namespace {

const std::string kGridPath = "/grids/key_table.toml";

// the grid's own keys and the values that are fine for them
const char* accepted_grid_value(const std::string& key, const std::string& value) {
  if (key == "seeds" && value == "0") return "seed 0 is a seed";
  return nullptr;
}

std::vector<std::string> grid_keys() {
  std::vector<std::string> keys = grid_own_keys();
  iql::IqlConfig probe;
  iql::for_each_field(probe, [&](const char* key, auto&, const char*) { keys.push_back(key); });
  return keys;
}

std::string error_of(const std::string& text) {
  std::istringstream in(text);
  try {
    parse_grid_spec(in, kGridPath);
  } catch (const autodiff::Error& e) {  // GridError, and iql::ConfigError for a hyperparameter's text
    return e.what();
  }
  return "";
}

TEST(GridKeyTable, EveryKeyRefusesBadValuesNamingTheFileSectionAndKey) {
  for (const std::string& key : grid_keys()) {
    for (const char* value : testing::kBadNumbers) {
      if (accepted_grid_value(key, value) || testing::accepted_reason(key, value)) continue;
      const std::string line = key + " = " + value + "\n";
      for (const std::string& text : {"[defaults]\n" + line + "[dataset.hopper-medium-v2]\n",
                                      "[dataset.hopper-medium-v2]\n" + line}) {
        const std::string message = error_of(text);
        EXPECT_NE(message, "") << text << "was accepted";
        EXPECT_NE(message.find(kGridPath), std::string::npos) << text << message;
        EXPECT_NE(message.find(key), std::string::npos) << text << message;
        EXPECT_EQ(testing::library_text_in(message), "") << text << message;
      }
    }
  }
}

// issue 32, class 4: a line that is not `key = value` (or a section) says so, with its line
TEST(GridKeyTable, AMalformedLineIsNamedWithItsNumber) {
  const std::string message = error_of("[dataset.hopper-medium-v2]\nseeds 0\n");
  EXPECT_NE(message.find(kGridPath + ":2: 'seeds 0' is not `key = value`"), std::string::npos) << message;
}

}  // namespace
}  // namespace harness
