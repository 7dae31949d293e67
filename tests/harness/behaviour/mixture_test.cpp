// Tests for harness/behaviour/mixture.cpp: the NAME:ROWS text, and a mixture made of two random
// recipes (fast to collect) holding each part's own rows, cut after whole episodes.
#include <gtest/gtest.h>

#include "harness/behaviour/mixture.h"
#include "harness/behaviour/regenerate.h"
#include "tests/harness/run/test_support.h"

namespace harness {
namespace {

using test::error_of;

RegenEntry random_entry(const std::string& name, const std::string& env, uint64_t seed) {
  RegenEntry e;
  e.name = name;
  e.env = env;
  e.recipe = "random";
  e.collection_seed = seed;
  e.rows = 1000000;
  return e;
}

TEST(Mixture, ParsesPartsInOrderAndWritesThemBack) {
  const std::vector<MixturePart> parts = parse_mixture("halfcheetah-medium-regen:50000,halfcheetah-random-regen:20");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].entry, "halfcheetah-medium-regen");
  EXPECT_EQ(parts[0].rows, 50000);
  EXPECT_EQ(parts[1].rows, 20);
  EXPECT_EQ(mixture_text(parts), "halfcheetah-medium-regen:50000,halfcheetah-random-regen:20");
}

TEST(Mixture, RefusesAPartWithoutAPositiveRowCountNamingIt) {
  for (const char* text : {"a", "a:", ":5", "a:0", "a:-3", "a:5x", "a:5,", "a:5,,b:2"}) {
    const std::string error = error_of([&] { parse_mixture(text); });
    EXPECT_NE(error.find(std::string("mixture \"") + text + "\""), std::string::npos) << error;
  }
}

TEST(Mixture, RefusesPartsOfTwoEnvs) {
  const std::vector<RegenEntry> manifest = {random_entry("a", "hopper", 0), random_entry("b", "walker2d", 0)};
  const std::string error = error_of([&] { mixture_entries(manifest, "m.toml", parse_mixture("a:10,b:10")); });
  EXPECT_NE(error.find("b is a walker2d set but a is a hopper one"), std::string::npos) << error;
}

// hopper's random episodes end within tens of steps, so 300 rows end inside one
TEST(Mixture, JoinsTheFirstRowsOfEachRecipeCuttingAllButTheLastAfterItsLastCompleteEpisode) {
  const RegenEntry a = random_entry("a", "hopper", 3), b = random_entry("b", "hopper", 4);
  const std::vector<MixturePart> parts = parse_mixture("a:300,b:200");
  const Mixture mix = collect_mixture({a, b}, parts);
  const D4rlFile first = collect_recipe(a, 300), second = collect_recipe(b, 200);

  ASSERT_EQ(mix.parts.size(), 2u);
  const size_t kept = mix.parts[0].end;
  EXPECT_LT(kept, 300u);
  EXPECT_GT(kept, 200u);
  EXPECT_TRUE(first.arrays.terminals[kept - 1] || first.arrays.timeouts[kept - 1]);
  EXPECT_EQ(mix.parts[1].begin, kept);
  EXPECT_EQ(mix.parts[1].end, kept + 200);
  EXPECT_EQ(mix.file.arrays.rows(), kept + 200);
  for (size_t c = 0; c < first.arrays.actions.shape(1); ++c) {
    EXPECT_EQ(mix.file.arrays.actions(0, c), first.arrays.actions(0, c));
    EXPECT_EQ(mix.file.arrays.actions(kept - 1, c), first.arrays.actions(kept - 1, c));
    EXPECT_EQ(mix.file.arrays.actions(kept, c), second.arrays.actions(0, c));
    EXPECT_EQ(mix.file.arrays.actions(kept + 199, c), second.arrays.actions(199, c));
  }
}

TEST(Mixture, RefusesAPartTooShortForOneEpisodeBeforeAnother) {
  const RegenEntry a = random_entry("a", "hopper", 3), b = random_entry("b", "hopper", 4);
  const std::string error = error_of([&] { collect_mixture({a, b}, parse_mixture("a:2,b:10")); });
  EXPECT_NE(error.find("the first 2 rows of a hold no complete episode"), std::string::npos) << error;
}

}  // namespace
}  // namespace harness
