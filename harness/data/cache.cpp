#include "harness/data/cache.h"

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "harness/data/d4rl_reader.h"
#include "harness/data/file_kind.h"
#include "harness/data/file_lock.h"

namespace harness {
namespace {

namespace fs = std::filesystem;

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// "place hopper_medium-v2.hdf5 (152756557 bytes, sha256 5bdf...) at /root/.d4rl/datasets/hopper_medium-v2.hdf5"
std::string placement_hint(const DatasetInfo& info, const std::string& path) {
  std::string facts;
  if (info.bytes) facts += std::to_string(info.bytes) + " bytes";
  if (!info.sha256.empty()) facts += (facts.empty() ? "" : ", ") + std::string("sha256 ") + info.sha256;
  return "place " + info.file_name + (facts.empty() ? "" : " (" + facts + ")") + " at " + path;
}

FetchResult download_into_cache(const DatasetInfo& info, const FetchOptions& options, const std::string& path) {
  std::string url = dataset_url(info, chosen_mirror(options));
  FetchResult result{path, true, {}, ""};
  DownloadOptions download = options.download;
  // without a published size or hash, a file cut early is only caught by reading it
  download.check_unverified = [&info](const std::string& part) { read_d4rl(part, &info, InfoKeys::skip); };
  try {
    result.download = download_file(url, path, ExpectedFile{info.bytes, info.sha256}, download);
  } catch (const DatasetError& e) {
    throw DatasetError(info.name + ": " + e.what() + ". To go on without that server, " +
                       placement_hint(info, path) + ", or use a mirror (--mirror or D4RL_MIRROR)");
  }
  return result;
}

// "" when the cached file's size is the registry's (or the registry has none), else what is wrong: a
// download cut short, or another file under the official name, whose results are not D4RL's. The size
// is the check that costs nothing (`iql datasets verify` checks the hash); a note, not an error, since a
// file of one's own under a D4RL name is a way to train on it.
std::string size_note(const DatasetInfo& info, const std::string& path) {
  const uintmax_t bytes = fs::file_size(path);
  if (info.bytes == 0 || bytes == info.bytes) return "";
  return info.name + ": the cached " + path + " is " + std::to_string(bytes) + " bytes, not the official " +
         std::to_string(info.bytes) + ": not D4RL's file (or a download cut short); results on it are not D4RL's. "
         "`iql datasets fetch --force " + info.name + "` replaces it";
}

}  // namespace

std::string dataset_cache_dir() {
  std::string dir = environment("D4RL_DATASET_DIR");
  if (!dir.empty()) return dir;
  std::string home = environment("HOME");
  if (home.empty()) throw DatasetError("neither D4RL_DATASET_DIR nor HOME is set: set D4RL_DATASET_DIR");
  return (fs::path(home) / ".d4rl" / "datasets").string();
}

std::string cached_path(const DatasetInfo& info, const std::string& cache_dir) {
  return (fs::path(cache_dir.empty() ? dataset_cache_dir() : cache_dir) / info.file_name).string();
}

std::string dataset_url(const DatasetInfo& info, std::string_view mirror) {
  if (mirror.empty()) return info.url;
  std::string base(mirror);
  if (base.back() != '/') base += '/';
  return base + std::string(url_path(info));
}

std::string chosen_mirror(const FetchOptions& options) {
  return options.mirror.empty() ? environment("D4RL_MIRROR") : options.mirror;
}

FetchResult fetch_dataset(const DatasetInfo& info, const FetchOptions& options) {
  std::string dir = options.cache_dir.empty() ? dataset_cache_dir() : options.cache_dir;
  std::string path = cached_path(info, dir);
  if (!options.force && fs::exists(path)) return {path, false, {}, size_note(info, path)};
  if (info.regenerated) {
    throw DatasetError(info.name + ": not in the cache (" + path + "); a regenerated dataset is made here, not "
                       "downloaded: " + generate_advice(info));
  }
  if (!options.allow_download) {
    throw DatasetError(info.name + ": not in the cache and downloads are off: " + placement_hint(info, path) +
                       ", or run `iql datasets fetch " + info.name + "` where the server can be reached");
  }
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) throw DatasetError(dir + ": cannot create the dataset cache directory (" + error.message() + ")");

  // another process may have fetched it while this one waited for the lock
  FileLock lock((fs::path(dir) / ("." + info.file_name + ".lock")).string(), FileLock::Mode::wait,
                "the download of " + info.name);
  if (!options.force && fs::exists(path)) return {path, false, {}, size_note(info, path)};
  // with force the old file stays until the new one is verified: the rename replaces it
  return download_into_cache(info, options, path);
}

std::string resolve_dataset(const DatasetInfo& info, const FetchOptions& options) {
  return fetch_dataset(info, options).path;
}

std::string local_dataset(const DatasetInfo& info, const std::string& file) {
  if (!file.empty()) {
    require_kind(file, FileKind::d4rl_dataset, "--file");
    return file;
  }
  FetchOptions fetch;
  fetch.allow_download = false;
  return resolve_dataset(info, fetch);
}

}  // namespace harness
