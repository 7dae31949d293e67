// Tests for harness/data/download.h against HttpTestServer on 127.0.0.1: whole download, resume
// after a cut, checksum and size mismatch, 404, server down.
#include "harness/data/download.h"

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "autodiff/rng.h"
#include "harness/data/registry.h"
#include "harness/data/sha256.h"
#include "http_test_server.h"
#include "test_support.h"

namespace harness {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr size_t kFileBytes = 300000;
constexpr size_t kCutAt = 100000;
const char* kPath = "/data/file.hdf5";

std::string random_bytes(size_t size, uint64_t seed) {
  autodiff::Rng rng(seed);
  std::string bytes(size, '\0');
  for (char& b : bytes) b = static_cast<char>(rng.below(256));
  return bytes;
}

// quick retries and short timeouts: every test ends in well under a second
DownloadOptions fast_options(int attempts) {
  DownloadOptions options;
  options.max_attempts = attempts;
  options.retry_delay_seconds = 0;
  options.connect_timeout_seconds = 5;
  options.stall_timeout_seconds = 5;
  return options;
}

class Download : public ::testing::Test {
 protected:
  Download() : body_(random_bytes(kFileBytes, 11)) { server_.serve(kPath, body_); }

  std::string url() const { return server_.base_url() + std::string(kPath).substr(1); }
  std::string destination() const { return dir_.file("file.hdf5"); }
  ExpectedFile expected() const { return {kFileBytes, sha256_bytes(body_)}; }

  // runs the download expecting a DatasetError; returns its message
  std::string failure(const ExpectedFile& expect, int attempts) {
    return testing::error_message([&] { download_file(url(), destination(), expect, fast_options(attempts)); });
  }

  testing::TempDir dir_;
  std::string body_;
  testing::HttpTestServer server_;
};

TEST_F(Download, FetchesTheWholeFileAndVerifiesIt) {
  DownloadResult result = download_file(url(), destination(), expected(), fast_options(1));
  EXPECT_EQ(testing::read_bytes(destination()), body_);
  EXPECT_EQ(result.sha256, expected().sha256);
  EXPECT_EQ(result.bytes, kFileBytes);
  EXPECT_FALSE(fs::exists(partial_path(destination())));
  ASSERT_EQ(server_.requests().size(), 1u);
  EXPECT_EQ(server_.requests()[0].range, "");
}

TEST_F(Download, ResumesWithARangeRequestAfterACut) {
  server_.cut_next(kCutAt);
  DownloadResult result = download_file(url(), destination(), expected(), fast_options(2));
  EXPECT_EQ(testing::read_bytes(destination()), body_);
  EXPECT_EQ(result.attempts, 2);
  std::vector<testing::HttpTestServer::Request> requests = server_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].range, "bytes=100000-");
}

TEST_F(Download, KeepsTheReceivedBytesForTheNextRunToResume) {
  server_.cut_next(kCutAt);
  std::string message = failure(expected(), 1);
  EXPECT_THAT(message, HasSubstr("100000 bytes received are kept"));
  EXPECT_FALSE(fs::exists(destination()));
  EXPECT_EQ(fs::file_size(partial_path(destination())), kCutAt);

  download_file(url(), destination(), expected(), fast_options(1));
  EXPECT_EQ(testing::read_bytes(destination()), body_);
  EXPECT_EQ(server_.requests().back().range, "bytes=100000-");
}

TEST_F(Download, StartsOverWhenTheServerIgnoresRanges) {
  server_.cut_next(kCutAt);
  server_.ignore_ranges(true);
  download_file(url(), destination(), expected(), fast_options(3));
  EXPECT_EQ(testing::read_bytes(destination()), body_);
  // cut at 100000; the resume gets a 200 with the whole file, which cannot be appended; from 0 again
  std::vector<testing::HttpTestServer::Request> requests = server_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].range, "bytes=100000-");
  EXPECT_EQ(requests[2].range, "");
}

TEST_F(Download, ChecksumMismatchLeavesNoFile) {
  ExpectedFile wrong{kFileBytes, sha256_bytes("something else")};
  std::string message = failure(wrong, 1);
  EXPECT_THAT(message, AllOf(HasSubstr("sha256 mismatch"), HasSubstr(wrong.sha256), HasSubstr("nothing was saved")));
  EXPECT_FALSE(fs::exists(destination()));
  EXPECT_FALSE(fs::exists(partial_path(destination())));
}

TEST_F(Download, SizeMismatchLeavesNoFile) {
  std::string message = failure(ExpectedFile{kFileBytes - 1, ""}, 1);
  EXPECT_THAT(message, HasSubstr("300000 bytes"));
  EXPECT_FALSE(fs::exists(destination()));
  EXPECT_FALSE(fs::exists(partial_path(destination())));
}

TEST_F(Download, NotFoundIsOneClearLine) {
  std::string missing = server_.base_url() + "missing.hdf5";
  std::string message = testing::error_message([&] { download_file(missing, destination(), {}, fast_options(3)); });
  EXPECT_THAT(message, AllOf(HasSubstr("HTTP 404"), HasSubstr(missing), Not(HasSubstr("\n"))));
  EXPECT_EQ(server_.requests().size(), 1u);  // a 404 is not retried
  EXPECT_FALSE(fs::exists(destination()));
  EXPECT_FALSE(fs::exists(partial_path(destination())));
}

TEST_F(Download, ServerDownIsOneClearLine) {
  std::string down = "http://127.0.0.1:" + std::to_string(testing::HttpTestServer::closed_port()) + "/x.hdf5";
  std::string message = testing::error_message([&] { download_file(down, destination(), {}, fast_options(3)); });
  EXPECT_THAT(message, AllOf(HasSubstr("cannot connect"), HasSubstr(down), Not(HasSubstr("\n"))));
  EXPECT_FALSE(fs::exists(destination()));
  EXPECT_FALSE(fs::exists(partial_path(destination())));
}

TEST_F(Download, ReportsProgressUpToTheTotal) {
  DownloadOptions options = fast_options(1);
  uint64_t last_done = 0, last_total = 0;
  options.progress = [&](uint64_t done, uint64_t total) {
    EXPECT_GE(done, last_done);
    last_done = done;
    last_total = total;
  };
  download_file(url(), destination(), expected(), options);
  EXPECT_EQ(last_done, kFileBytes);
  EXPECT_EQ(last_total, kFileBytes);
}

TEST_F(Download, CompletePartialFileIsVerifiedWithoutATransfer) {
  testing::write_bytes(partial_path(destination()), body_);
  DownloadResult result = download_file(url(), destination(), expected(), fast_options(1));
  EXPECT_EQ(result.attempts, 0);
  EXPECT_TRUE(server_.requests().empty());
  EXPECT_EQ(testing::read_bytes(destination()), body_);
}

TEST_F(Download, WholePartOfUnknownSizeIsCheckedByItsHashAfterA416) {
  testing::write_bytes(partial_path(destination()), body_);
  download_file(url(), destination(), ExpectedFile{0, expected().sha256}, fast_options(1));
  EXPECT_EQ(server_.requests().at(0).range, "bytes=300000-");  // answered 416: nothing past the end
  EXPECT_EQ(testing::read_bytes(destination()), body_);
}

}  // namespace
}  // namespace harness
