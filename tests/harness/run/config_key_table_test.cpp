// Every key of the TOML configs, checked by one table (issue 32): each key of IqlConfig and
// SacConfig is given 0, -1, a huge value, nan, inf and a word in a --config file, and each must be
// refused naming the file's line and the key, in iql's words and never a library's. The values that
// are fine are tests/harness/cli/bad_values.h's list, shared with the flags. Then the lines that are
// not `key = value` at all.
#include <gtest/gtest.h>

#include <fstream>

#include "harness/run/config_options.h"
#include "tests/harness/cli/bad_values.h"

namespace harness {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

// the message resolving `text` as a --config file gives, or "" when it is accepted
template <class Config>
std::string error_of(const std::string& text) {
  const std::string file = write_temp("key_table.toml", text);
  try {
    resolve_config(Config{}, ConfigOverrides{file, {}, {}});
  } catch (const iql::ConfigError& e) {
    return e.what();
  }
  return "";
}

template <class Config>
void check_every_key() {
  Config probe;
  for_each_field(probe, [&](const char* key, const auto&, const char*) {
    for (const char* value : testing::kBadNumbers) {
      if (testing::accepted_reason(key, value) != nullptr) continue;
      const std::string message = error_of<Config>("# a comment\n" + std::string(key) + " = " + value + "\n");
      const std::string where = key + std::string(" = ") + value;
      EXPECT_NE(message, "") << where << " was accepted";
      EXPECT_NE(message.find("key_table.toml:2"), std::string::npos) << where << ": " << message;
      EXPECT_NE(message.find(key), std::string::npos) << where << ": " << message;
      EXPECT_EQ(testing::library_text_in(message), "") << where << ": " << message;
    }
  });
}

TEST(ConfigKeyTable, EveryIqlKeyRefusesBadValuesNamingItsLine) { check_every_key<iql::IqlConfig>(); }

TEST(ConfigKeyTable, EverySacKeyRefusesBadValuesNamingItsLine) { check_every_key<sac::SacConfig>(); }

// issue 32, class 4: a line that is not `key = value` says so, with its line
TEST(ConfigKeyTable, EveryMalformedLineIsNamedWithWhatIsWrong) {
  const std::pair<const char*, const char*> cases[] = {
      {"expectile 0.8", "is not `key = value`"},
      {"[iql]", "sections are not supported"},
      {"iql.expectile = 0.8", "dotted key"},
      {"expectile =", "has no value"},
      {"expectile = 0.8\nexpectile = 0.9", "sets 'expectile' again (first on line 2)"},
      {"= 0.8", "is not `key = value` with a key"},
  };
  for (const auto& [line, what] : cases) {
    const std::string message = error_of<iql::IqlConfig>("# a comment\n" + std::string(line) + "\n");
    EXPECT_NE(message.find("key_table.toml:"), std::string::npos) << line << ": " << message;
    EXPECT_NE(message.find(what), std::string::npos) << line << ": " << message;
  }
}

}  // namespace
}  // namespace harness
