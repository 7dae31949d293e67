// Fuzz test of the grid file reader (harness/grid/grid_spec.cpp, issue 19): damaged copies of the
// shipped grids are read or refused with a one-line message.
#include <gtest/gtest.h>

#include "harness/grid/grid_spec.h"
#include "tests/fuzz_mutations.h"
#include "tests/harness/data/test_support.h"

namespace harness {
namespace {

constexpr size_t kMutants = 400;  // per seed file

void fuzz_grid_file(const std::string& seed_file, uint64_t rng_seed) {
  testing::TempDir dir;
  const std::string path = dir.file("mutant.toml");
  ASSERT_NO_THROW(read_grid_spec(seed_file)) << "the seed must be valid";
  const std::vector<std::string> mutants = testing::text_mutants(testing::read_bytes(seed_file), kMutants, rng_seed);
  const size_t refused = testing::expect_clean_outcomes(mutants, [&](const std::string& mutant) {
    testing::write_bytes(path, mutant);
    read_grid_spec(path);
  });
  EXPECT_GT(refused, kMutants / 10) << "the mutants should reach the reader's error paths";
}

TEST(GridSpecFuzz, CiGridMutantsAreReadOrRefusedOnOneLine) {
  fuzz_grid_file(IQL_SOURCE_DIR "/configs/grids/ci.toml", 11);
}

TEST(GridSpecFuzz, PaperGridMutantsAreReadOrRefusedOnOneLine) {
  fuzz_grid_file(IQL_SOURCE_DIR "/configs/grids/paper.toml", 12);
}

}  // namespace
}  // namespace harness
