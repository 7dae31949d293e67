// The local copy of the D4RL files: the directory and the flat file names of the d4rl Python package
// ($D4RL_DATASET_DIR, else ~/.d4rl/datasets), so files a researcher already has are used as they are.
#pragma once
#include <string>
#include <string_view>

#include "harness/data/download.h"
#include "harness/data/registry.h"

namespace harness {

struct FetchOptions {
  std::string cache_dir;        // "" = dataset_cache_dir()
  std::string mirror;           // base URL that replaces kOfficialBaseUrl; "" = $D4RL_MIRROR, else the official
  bool allow_download = true;   // false: never use the network; a missing file is an error saying where to put it
  bool force = false;           // download again even when the file is cached
  DownloadOptions download;
};

/// $D4RL_DATASET_DIR if set and not empty, else ~/.d4rl/datasets.
std::string dataset_cache_dir();

/// Where `info`'s file lives in the cache: <cache_dir>/<file_name> ("" = dataset_cache_dir()).
std::string cached_path(const DatasetInfo& info, const std::string& cache_dir = "");

/// `info.url` with kOfficialBaseUrl replaced by `mirror` (a trailing '/' is added if missing);
/// the official URL when `mirror` is empty. file:// mirrors work too.
std::string dataset_url(const DatasetInfo& info, std::string_view mirror);

/// The mirror `options` ask for: options.mirror, else $D4RL_MIRROR, else "" (official).
std::string chosen_mirror(const FetchOptions& options);

struct FetchResult {
  std::string path;         // the file in the cache
  bool downloaded = false;  // false: it was already there
  DownloadResult download;  // when downloaded: bytes, sha256 (verified against the registry if known)
  std::string note;         // a cached file whose size is not the registry's: what is wrong, to show the user
};

/// Makes sure `info`'s file is in the cache: returns it if present (unless options.force), else
/// downloads and verifies it. Concurrent processes wait for each other (a lock file per dataset).
/// Throws DatasetError saying which file to place where when it cannot download.
FetchResult fetch_dataset(const DatasetInfo& info, const FetchOptions& options);

/// fetch_dataset(info, options).path: the file to read. A cached file is used without rehashing;
/// read_d4rl reports a truncated one, `iql datasets verify` checks the hash.
std::string resolve_dataset(const DatasetInfo& info, const FetchOptions& options);

/// `file` when it is not empty, else the cached file of `info` without downloading it (a missing
/// one is an error saying where to place it): for the commands that look at a dataset.
std::string local_dataset(const DatasetInfo& info, const std::string& file);

}  // namespace harness
