#include "harness/data/download.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include <curl/curl.h>

#include "harness/data/registry.h"
#include "harness/data/sha256.h"

namespace harness {
namespace {

namespace fs = std::filesystem;

// one transfer: where its bytes go and whom to tell about them
struct Transfer {
  FILE* file = nullptr;
  uint64_t offset = 0;  // bytes already on disk when it started
  uint64_t total = 0;   // expected size, 0 if unknown
  const DownloadOptions* options = nullptr;
};

// how one transfer ended
struct Outcome {
  CURLcode code = CURLE_OK;
  long status = 0;    // HTTP status, 0 when there was no response
  std::string error;  // libcurl's own one-line explanation
};

void init_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t write_body(char* data, size_t size, size_t count, void* user) {
  Transfer* transfer = static_cast<Transfer*>(user);
  return std::fwrite(data, 1, size * count, transfer->file);
}

int report_progress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
  Transfer* transfer = static_cast<Transfer*>(user);
  if (transfer->options->progress) {
    uint64_t known_total = transfer->total ? transfer->total : total > 0 ? transfer->offset + total : 0;
    transfer->options->progress(transfer->offset + now, known_total);
  }
  return 0;  // continue
}

uint64_t size_on_disk(const std::string& path) {
  std::error_code error;
  uint64_t size = fs::file_size(path, error);
  return error ? 0 : size;
}

// fetches `url` into `part`, appending from `offset` with a Range request when offset > 0
Outcome run_transfer(const std::string& url, const std::string& part, uint64_t offset, const ExpectedFile& expected,
                     const DownloadOptions& options) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(part.c_str(), offset ? "ab" : "wb"), std::fclose);
  if (!file) throw DatasetError(part + ": cannot write the download here (check the directory's permissions)");
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  Transfer transfer{file.get(), offset, expected.bytes, &options};
  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);  // an error status is an error, not a body to save
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "iql-harness");
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, options.stall_timeout_seconds);
  curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(offset));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, report_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &transfer);
  Outcome outcome;
  outcome.code = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &outcome.status);
  outcome.error = error[0] ? error : curl_easy_strerror(outcome.code);
  if (!outcome.error.empty() && outcome.error.back() == '\n') outcome.error.pop_back();
  if (std::fflush(file.get()) != 0) throw DatasetError(part + ": cannot write the download (disk full?)");
  return outcome;
}

// a transfer that broke off midway: worth resuming
bool resumable(const Outcome& outcome) {
  switch (outcome.code) {
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_OPERATION_TIMEDOUT:
      return true;
    case CURLE_HTTP_RETURNED_ERROR:
      return outcome.status >= 500;
    default:
      return false;
  }
}

// one line on what went wrong with `url`
std::string describe(const std::string& url, const Outcome& outcome) {
  if (outcome.code == CURLE_HTTP_RETURNED_ERROR) {
    std::string why = outcome.status == 404   ? " (the server does not have this file)"
                      : outcome.status == 403 ? " (refused; the official server has refused downloads at times)"
                                              : "";
    return url + ": HTTP " + std::to_string(outcome.status) + why;
  }
  if (outcome.code == CURLE_COULDNT_CONNECT || outcome.code == CURLE_COULDNT_RESOLVE_HOST) {
    return url + ": cannot connect (" + outcome.error + "); the server is down or this machine is offline";
  }
  return url + ": " + outcome.error;
}

void verify_download(const std::string& url, const std::string& part, const std::string& destination,
                     const ExpectedFile& expected, DownloadResult& result) {
  result.bytes = size_on_disk(part);
  if (expected.bytes && result.bytes != expected.bytes) {
    fs::remove(part);
    throw DatasetError(url + ": downloaded " + std::to_string(result.bytes) + " bytes but the file has " +
                       std::to_string(expected.bytes) + "; deleted it, nothing was saved as " + destination);
  }
  result.sha256 = sha256_file(part);
  if (!expected.sha256.empty() && result.sha256 != expected.sha256) {
    fs::remove(part);
    throw DatasetError(url + ": sha256 mismatch (got " + result.sha256 + ", expected " + expected.sha256 +
                       "); deleted it, nothing was saved as " + destination + "; fetch again or use another mirror");
  }
}

// bytes of `part` to resume from; a part larger than the file is not a prefix of it and goes
uint64_t resume_offset(const std::string& part, const ExpectedFile& expected) {
  uint64_t offset = size_on_disk(part);
  if (expected.bytes && offset > expected.bytes) {
    fs::remove(part);
    return 0;
  }
  return offset;
}

// after a failed transfer from `offset`: drops a part that cannot be resumed, and throws the one-line
// error when the failure is final or the attempts are used up
void after_failure(const std::string& url, const std::string& part, uint64_t offset, const Outcome& outcome,
                   int attempt, int max_attempts) {
  bool nothing_past_offset = outcome.status == 416 && offset > 0;
  bool restart = outcome.code == CURLE_RANGE_ERROR || nothing_past_offset;  // the server cannot continue the part
  if (restart || size_on_disk(part) == 0) fs::remove(part);
  if (!restart && !resumable(outcome)) throw DatasetError(describe(url, outcome));
  if (attempt < max_attempts) return;
  uint64_t kept = size_on_disk(part);
  std::string resume = kept ? "; the " + std::to_string(kept) +
                                  " bytes received are kept and the next fetch resumes from there"
                            : "";
  throw DatasetError(describe(url, outcome) + " (gave up after " + std::to_string(attempt) + " attempts" + resume +
                     ")");
}

}  // namespace

std::string partial_path(const std::string& destination) { return destination + ".part"; }

DownloadResult download_file(const std::string& url, const std::string& destination, const ExpectedFile& expected,
                             const DownloadOptions& options) {
  init_curl();
  std::string part = partial_path(destination);
  DownloadResult result;
  for (int attempt = 1;; ++attempt) {
    uint64_t offset = resume_offset(part, expected);
    if (expected.bytes && offset == expected.bytes) break;  // a previous run got every byte
    Outcome outcome = run_transfer(url, part, offset, expected, options);
    result.attempts = attempt;
    if (outcome.code == CURLE_OK) break;
    // nothing past the part and no size to check: the part is the file, the hash decides
    if (outcome.status == 416 && offset > 0 && !expected.bytes) break;
    after_failure(url, part, offset, outcome, attempt, options.max_attempts);
    std::this_thread::sleep_for(std::chrono::duration<double>(options.retry_delay_seconds * attempt));
  }
  verify_download(url, part, destination, expected, result);
  if (!expected.bytes && expected.sha256.empty() && options.check_unverified) {
    try {
      options.check_unverified(part);
    } catch (const std::exception& e) {
      throw DatasetError(url + ": the download is not a whole file (" + e.what() + "); no size or sha256 is published "
                         "to check it against, so it is kept as " + part + " and the next fetch resumes it");
    }
  }
  fs::rename(part, destination);  // atomic within one directory: the final name only ever holds a verified file
  return result;
}

}  // namespace harness
