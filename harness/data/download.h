// Downloads one file with libcurl: resumes a cut transfer with an HTTP Range request, checks the
// size and SHA-256, and only then renames the file to its final name. The partial file lives
// next to the final one as "<name>.part" until then, so an interrupted run resumes where it stopped.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace harness {

/// What the downloaded file must be; unknown fields (0, "") are not checked.
struct ExpectedFile {
  uint64_t bytes = 0;
  std::string sha256;  // lowercase hex
};

struct DownloadOptions {
  /// Called as bytes arrive: (bytes on disk, total bytes or 0 if unknown).
  using Progress = std::function<void(uint64_t, uint64_t)>;

  int max_attempts = 4;           // transfers tried before giving up; each resumes the previous one
  double retry_delay_seconds = 2; // wait before attempt k: k x this
  long connect_timeout_seconds = 20;
  long stall_timeout_seconds = 60;  // give up on a transfer that receives nothing for this long
  Progress progress;  // may be empty
  /// Called on a finished download that has neither a size nor a sha256 to be checked against,
  /// before it gets its final name: throws when the file is not whole (a server that sends no
  /// Content-Length and closes early looks like a complete transfer). May be empty.
  std::function<void(const std::string& path)> check_unverified;
};

/// What was downloaded.
struct DownloadResult {
  uint64_t bytes = 0;
  std::string sha256;
  int attempts = 0;
};

/// The partial file of `destination` while it downloads.
std::string partial_path(const std::string& destination);

/// Downloads `url` to `destination` (whose directory must exist). Resumes `destination`.part if a
/// previous run left one. On a size or SHA-256 mismatch the partial file is deleted and nothing is
/// left under `destination`. Throws DatasetError with one line saying what failed and what to do:
/// cannot connect, HTTP error status, transfer cut after the last attempt, mismatch.
DownloadResult download_file(const std::string& url, const std::string& destination, const ExpectedFile& expected,
                             const DownloadOptions& options);

}  // namespace harness
