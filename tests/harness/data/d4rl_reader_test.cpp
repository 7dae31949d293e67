// Tests for harness/data/d4rl_reader.h on small files written by the fixture writer (or, for broken
// layouts, column by column with Hdf5Writer).
#include "harness/data/d4rl_reader.h"

#include <cmath>
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <xtensor/xview.hpp>

#include "harness/data/d4rl_fixture.h"
#include "test_support.h"

namespace harness {
namespace {

constexpr size_t kRows = 40;
constexpr size_t kEpisodeRows = 10;

D4rlFile fixture_of(const char* name, size_t rows = kRows) {
  autodiff::Rng rng(7);
  return random_d4rl_file(dataset_info(name), FixtureShape{rows, kEpisodeRows}, rng);
}

// reads `path` expecting a DatasetError whose one-line message holds every string in `parts`
void expect_read_error(const std::string& path, const DatasetInfo* expect, std::vector<std::string> parts) {
  std::string message = testing::error_message([&] { read_d4rl(path, expect); });
  for (const std::string& part : parts) EXPECT_THAT(message, ::testing::HasSubstr(part));
  EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
}

void expect_same_arrays(const D4rlArrays& read, const D4rlArrays& written) {
  EXPECT_EQ(read.observations, written.observations);
  EXPECT_EQ(read.actions, written.actions);
  EXPECT_EQ(read.rewards, written.rewards);
  EXPECT_EQ(read.terminals, written.terminals);
  EXPECT_EQ(read.timeouts, written.timeouts);
  EXPECT_EQ(read.qpos, written.qpos);
  EXPECT_EQ(read.qvel, written.qvel);
  EXPECT_EQ(read.goal, written.goal);
}

// writes `file`, reads it back as dataset `name`, and checks every array came back unchanged
D4rlArrays round_trip(const D4rlFile& file, const char* name) {
  testing::TempDir dir;
  write_d4rl(dir.file("d.hdf5"), file);
  D4rlArrays read = read_d4rl(dir.file("d.hdf5"), &dataset_info(name));
  expect_same_arrays(read, file.arrays);
  return read;
}

TEST(D4rlReader, ReadsTheLocomotionFloat32Layout) {
  D4rlArrays read = round_trip(fixture_of("hopper-medium-v2"), "hopper-medium-v2");
  EXPECT_EQ(read.observations.shape(1), 11u);
  EXPECT_EQ(read.qpos.shape(1), 6u);
}

TEST(D4rlReader, ConvertsMediumReplayFloat64ToFloat32) {
  D4rlFile file = fixture_of("walker2d-medium-replay-v2");
  ASSERT_EQ(file.floats, FloatType::f64);
  round_trip(file, "walker2d-medium-replay-v2");
}

TEST(D4rlReader, ReadsTheAntmazeLayoutWithoutNextObservations) {
  EXPECT_EQ(round_trip(fixture_of("antmaze-medium-diverse-v2"), "antmaze-medium-diverse-v2").goal.shape(1), 2u);
}

TEST(D4rlReader, ReadsTheRowCountFromTheFile) {
  testing::TempDir dir;
  for (size_t rows : {1u, 37u, 123u}) {
    write_d4rl(dir.file("h.hdf5"), fixture_of("halfcheetah-medium-v2", rows));
    EXPECT_EQ(read_d4rl(dir.file("h.hdf5"), nullptr).rows(), rows);
  }
}

TEST(D4rlReader, AcceptsUint8FlagsAndGzipChunks) {
  D4rlFile file = fixture_of("hopper-medium-expert-v2");
  file.flags = FlagType::uint8;
  file.gzip = true;
  round_trip(file, "hopper-medium-expert-v2");
}

TEST(D4rlReader, AcceptsRewardsStoredAsAColumnAndFloatFlags) {
  testing::TempDir dir;
  D4rlFile file = fixture_of("hopper-medium-v2");
  const D4rlArrays& a = file.arrays;
  Tensor float_timeouts({a.rows(), 1});
  for (size_t i = 0; i < a.rows(); ++i) float_timeouts(i, 0) = a.timeouts[i];
  Hdf5Writer out(dir.file("h.hdf5"));
  out.floats("observations", a.observations, FloatType::f32);
  out.floats("actions", a.actions, FloatType::f32);
  out.floats("rewards", a.rewards, FloatType::f32);  // (N, 1), not (N)
  out.flags("terminals", a.terminals, FlagType::boolean);
  out.floats("timeouts", float_timeouts, FloatType::f64, true);
  out.close();
  D4rlArrays read = read_d4rl(dir.file("h.hdf5"), &dataset_info("hopper-medium-v2"));
  EXPECT_EQ(read.rewards, a.rewards);
  EXPECT_EQ(read.timeouts, a.timeouts);
}

TEST(D4rlReader, SkipsInfosWhenAsked) {
  testing::TempDir dir;
  write_d4rl(dir.file("h.hdf5"), fixture_of("hopper-medium-v2"));
  D4rlArrays read = read_d4rl(dir.file("h.hdf5"), nullptr, InfoKeys::skip);
  EXPECT_EQ(read.qpos.shape(0), 0u);
  EXPECT_EQ(read.qvel.shape(0), 0u);
  EXPECT_EQ(read.rows(), kRows);
}

TEST(D4rlReader, RejectsAMissingKey) {
  testing::TempDir dir;
  D4rlFile file = fixture_of("hopper-medium-v2");
  Hdf5Writer out(dir.file("h.hdf5"));
  out.floats("observations", file.arrays.observations, FloatType::f32);
  out.floats("actions", file.arrays.actions, FloatType::f32);
  out.floats("rewards", file.arrays.rewards, FloatType::f32, true);
  out.flags("terminals", file.arrays.terminals, FlagType::boolean);
  out.close();
  expect_read_error(dir.file("h.hdf5"), &dataset_info("hopper-medium-v2"),
                    {dir.file("h.hdf5"), "'timeouts'", "missing", "iql datasets fetch --force hopper-medium-v2"});
}

TEST(D4rlReader, RejectsMismatchedColumnLengths) {
  testing::TempDir dir;
  D4rlFile file = fixture_of("hopper-medium-v2");
  file.arrays.actions = xt::view(file.arrays.actions, xt::range(0, kRows - 1), xt::all());
  Hdf5Writer out(dir.file("h.hdf5"));
  out.floats("observations", file.arrays.observations, FloatType::f32);
  out.floats("actions", file.arrays.actions, FloatType::f32);
  out.close();
  expect_read_error(dir.file("h.hdf5"), nullptr, {"'actions'", "39 rows", "'observations' has 40"});
}

TEST(D4rlReader, RejectsTheWrongObservationDim) {
  testing::TempDir dir;
  write_d4rl(dir.file("walker.hdf5"), fixture_of("walker2d-medium-v2"));
  expect_read_error(dir.file("walker.hdf5"), &dataset_info("hopper-medium-v2"),
                    {"'observations'", "17 columns", "hopper-medium-v2", "11 observation dims", "not the"});
}

TEST(D4rlReader, RejectsTheWrongQposWidth) {
  testing::TempDir dir;
  D4rlFile file = fixture_of("hopper-medium-v2");
  file.arrays.qpos = Tensor({kRows, 7});
  write_d4rl(dir.file("h.hdf5"), file);
  expect_read_error(dir.file("h.hdf5"), &dataset_info("hopper-medium-v2"), {"'infos/qpos'", "7 columns", "6 qpos"});
}

TEST(D4rlReader, RejectsNonFiniteValuesNamingTheRow) {
  testing::TempDir dir;
  D4rlFile file = fixture_of("hopper-medium-v2");
  file.arrays.rewards(17, 0) = std::nanf("");
  write_d4rl(dir.file("h.hdf5"), file);
  expect_read_error(dir.file("h.hdf5"), nullptr, {"'rewards'", "nan", "row 17"});
}

TEST(D4rlReader, RejectsIntegerArrays) {
  testing::TempDir dir;
  D4rlFile file = fixture_of("hopper-medium-v2");
  Hdf5Writer out(dir.file("h.hdf5"));
  out.flags("observations", file.arrays.terminals, FlagType::uint8);
  out.close();
  expect_read_error(dir.file("h.hdf5"), nullptr, {"'observations'", "uint8", "float32 or float64"});
}

TEST(D4rlReader, TruncatedFileSaysToFetchAgain) {
  testing::TempDir dir;
  std::string path = dir.file("hopper_medium-v2.hdf5");
  write_d4rl(path, fixture_of("hopper-medium-v2"));
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  expect_read_error(path, &dataset_info("hopper-medium-v2"),
                    {path, "truncated file", "iql datasets fetch --force hopper-medium-v2"});
}

TEST(D4rlReader, NonHdf5FileSaysSo) {
  testing::TempDir dir;
  std::string path = dir.file("page.hdf5");
  testing::write_bytes(path, "<html>403 Forbidden</html>");
  expect_read_error(path, &dataset_info("hopper-medium-v2"), {path, "not an HDF5 file", "fetch --force"});
}

TEST(D4rlReader, MissingFileSaysHowToGetIt) {
  expect_read_error("/nonexistent/hopper_medium-v2.hdf5", &dataset_info("hopper-medium-v2"),
                    {"no such file", "iql datasets fetch hopper-medium-v2", "hopper_medium-v2.hdf5"});
}

TEST(D4rlReader, ListsKeysWithShapesAndTypes) {
  testing::TempDir dir;
  write_d4rl(dir.file("ant.hdf5"), fixture_of("antmaze-umaze-v2"));
  std::vector<KeyInfo> keys = list_hdf5_keys(dir.file("ant.hdf5"));
  std::vector<std::string> names;
  for (const KeyInfo& key : keys) names.push_back(key.key);
  EXPECT_EQ(names, (std::vector<std::string>{"actions", "infos/goal", "infos/qpos", "infos/qvel", "observations",
                                             "rewards", "terminals", "timeouts"}));
  EXPECT_EQ(keys[4].dims, (std::vector<uint64_t>{kRows, 29}));
  EXPECT_EQ(keys[4].dtype, "float32");
  EXPECT_EQ(keys[7].dims, (std::vector<uint64_t>{kRows}));
  EXPECT_EQ(keys[7].dtype, "bool");
}

}  // namespace
}  // namespace harness
