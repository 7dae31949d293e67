// Tests for harness/data/cache.h: the d4rl cache directory, mirrors, and fetching through a local server.
#include "harness/data/cache.h"

#include <filesystem>
#include <future>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/data/d4rl_reader.h"
#include "harness/data/d4rl_fixture.h"
#include "harness/data/sha256.h"
#include "http_test_server.h"
#include "test_support.h"

namespace harness {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(DatasetCache, DirectoryComesFromD4rlDatasetDir) {
  testing::ScopedEnv dir("D4RL_DATASET_DIR", "/data/d4rl");
  EXPECT_EQ(dataset_cache_dir(), "/data/d4rl");
  EXPECT_EQ(cached_path(dataset_info("hopper-medium-v2")), "/data/d4rl/hopper_medium-v2.hdf5");
}

TEST(DatasetCache, DirectoryDefaultsToTheD4rlPackagePlace) {
  testing::ScopedEnv dir("D4RL_DATASET_DIR", std::nullopt);
  testing::ScopedEnv home("HOME", "/home/researcher");
  EXPECT_EQ(dataset_cache_dir(), "/home/researcher/.d4rl/datasets");
}

TEST(DatasetCache, MirrorReplacesTheOfficialBase) {
  const DatasetInfo& info = dataset_info("walker2d-medium-replay-v2");
  EXPECT_EQ(dataset_url(info, ""), info.url);
  EXPECT_EQ(dataset_url(info, "https://mirror.example/d4rl"),
            "https://mirror.example/d4rl/gym_mujoco_v2/walker2d_medium_replay-v2.hdf5");
  EXPECT_EQ(dataset_url(info, "file:///srv/d4rl/"), "file:///srv/d4rl/gym_mujoco_v2/walker2d_medium_replay-v2.hdf5");
}

TEST(DatasetCache, MirrorComesFromTheFlagElseTheEnvironment) {
  testing::ScopedEnv mirror("D4RL_MIRROR", "http://env.example/");
  FetchOptions options;
  EXPECT_EQ(chosen_mirror(options), "http://env.example/");
  options.mirror = "http://flag.example/";
  EXPECT_EQ(chosen_mirror(options), "http://flag.example/");
}

// a hopper-medium-v2 fixture served at the official relative path by a local "mirror"
class CacheFetch : public ::testing::Test {
 protected:
  CacheFetch() {
    write_fixture(source_.file("fixture.hdf5"), dataset_info("hopper-medium-v2"), FixtureShape{60, 20}, 3);
    bytes_ = testing::read_bytes(source_.file("fixture.hdf5"));
    // the registry entry, with the fixture's size and hash in place of the real file's
    info_ = dataset_info("hopper-medium-v2");
    info_.bytes = bytes_.size();
    info_.sha256 = sha256_bytes(bytes_);
    server_.serve("/gym_mujoco_v2/hopper_medium-v2.hdf5", bytes_);
    options_.cache_dir = cache_.path() + "/nested/datasets";
    options_.mirror = server_.base_url();
    options_.download.retry_delay_seconds = 0;
    options_.download.stall_timeout_seconds = 5;
  }

  testing::TempDir source_, cache_;
  std::string bytes_;
  DatasetInfo info_;
  testing::HttpTestServer server_;
  FetchOptions options_;
};

TEST_F(CacheFetch, DownloadsAMissingFileIntoTheCache) {
  FetchResult result = fetch_dataset(info_, options_);
  EXPECT_TRUE(result.downloaded);
  EXPECT_EQ(result.path, options_.cache_dir + "/hopper_medium-v2.hdf5");
  EXPECT_EQ(result.download.sha256, info_.sha256);
  EXPECT_EQ(read_d4rl(result.path, &info_).rows(), 60u);
}

TEST_F(CacheFetch, UsesACachedFileWithoutTheNetwork) {
  fs::create_directories(options_.cache_dir);
  testing::write_bytes(cached_path(info_, options_.cache_dir), bytes_);
  options_.allow_download = false;
  FetchResult result = fetch_dataset(info_, options_);
  EXPECT_FALSE(result.downloaded);
  EXPECT_EQ(resolve_dataset(info_, options_), cached_path(info_, options_.cache_dir));
  EXPECT_TRUE(server_.requests().empty());
  EXPECT_EQ(result.note, "");
}

// a file of another size under the official name (a fixture, a download cut short) is used, with a note
TEST_F(CacheFetch, ACachedFileOfAnotherSizeThanTheRegistrysComesWithANote) {
  fs::create_directories(options_.cache_dir);
  const std::string path = cached_path(info_, options_.cache_dir);
  testing::write_bytes(path, bytes_ + "extra");
  const FetchResult result = fetch_dataset(info_, options_);
  EXPECT_FALSE(result.downloaded);
  EXPECT_NE(result.note.find(path + " is " + std::to_string(bytes_.size() + 5) + " bytes, not the official " +
                             std::to_string(bytes_.size())), std::string::npos) << result.note;
  EXPECT_NE(result.note.find("iql datasets fetch --force hopper-medium-v2"), std::string::npos) << result.note;
}

TEST_F(CacheFetch, ForceReplacesACachedFile) {
  fs::create_directories(options_.cache_dir);
  std::string path = cached_path(info_, options_.cache_dir);
  testing::write_bytes(path, bytes_.substr(0, 100));  // a truncated copy
  options_.force = true;
  EXPECT_TRUE(fetch_dataset(info_, options_).downloaded);
  EXPECT_EQ(testing::read_bytes(path), bytes_);
}

TEST_F(CacheFetch, DownloadsOffSaysWhichFileToPlaceWhere) {
  options_.allow_download = false;
  std::string message = testing::error_message([&] { resolve_dataset(info_, options_); });
  EXPECT_THAT(message, AllOf(HasSubstr("place hopper_medium-v2.hdf5"), HasSubstr(info_.sha256),
                             HasSubstr(cached_path(info_, options_.cache_dir))));
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CacheFetch, FailedDownloadSaysWhereToPlaceTheFile) {
  options_.mirror = "http://127.0.0.1:" + std::to_string(testing::HttpTestServer::closed_port()) + "/";
  std::string message = testing::error_message([&] { resolve_dataset(info_, options_); });
  EXPECT_THAT(message, AllOf(HasSubstr("hopper-medium-v2: "), HasSubstr("cannot connect"),
                             HasSubstr("place hopper_medium-v2.hdf5"), HasSubstr("D4RL_MIRROR"), Not(HasSubstr("\n"))));
  EXPECT_FALSE(fs::exists(cached_path(info_, options_.cache_dir)));
}

// issue 19, defect 7: with no Content-Length and no published hash, a cut download was saved as whole
TEST_F(CacheFetch, ACutDownloadWithoutLengthOrHashIsKeptAsAPartAndResumed) {
  info_.bytes = 0;
  info_.sha256 = "";
  server_.omit_content_length(true);
  server_.cut_next(bytes_.size() / 2);
  options_.download.max_attempts = 1;
  const std::string message = testing::error_message([&] { fetch_dataset(info_, options_); });
  EXPECT_THAT(message, AllOf(HasSubstr("not a whole file"), HasSubstr("next fetch resumes"), Not(HasSubstr("\n"))));
  const std::string path = cached_path(info_, options_.cache_dir);
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(fs::exists(partial_path(path)));
  EXPECT_TRUE(fetch_dataset(info_, options_).downloaded);  // the rest, by a Range request
  EXPECT_EQ(testing::read_bytes(path), bytes_);
}

TEST_F(CacheFetch, ConcurrentFetchesDownloadOnce) {
  auto fetch = [this] { return fetch_dataset(info_, options_).downloaded; };
  std::future<bool> first = std::async(std::launch::async, fetch);
  std::future<bool> second = std::async(std::launch::async, fetch);
  EXPECT_NE(first.get(), second.get());  // one downloads, the other waits for it and finds the file
  EXPECT_EQ(server_.requests().size(), 1u);
  EXPECT_EQ(testing::read_bytes(cached_path(info_, options_.cache_dir)), bytes_);
}

TEST_F(CacheFetch, MirrorFromTheEnvironmentIsUsed) {
  testing::ScopedEnv mirror("D4RL_MIRROR", server_.base_url());
  options_.mirror.clear();
  EXPECT_TRUE(fetch_dataset(info_, options_).downloaded);
  ASSERT_EQ(server_.requests().size(), 1u);
  EXPECT_EQ(server_.requests()[0].path, "/gym_mujoco_v2/hopper_medium-v2.hdf5");
}

}  // namespace
}  // namespace harness
