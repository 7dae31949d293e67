// Checks a D4RL file on disk: its size and SHA-256 against the registry, its keys, shapes and values
// with read_d4rl. The report is what `iql datasets verify` prints.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "harness/data/d4rl_reader.h"

namespace harness {

struct VerifyReport {
  std::string path;
  const DatasetInfo* dataset = nullptr;  // the registry entry checked against; nullable
  uint64_t bytes = 0;
  std::string sha256;
  std::vector<KeyInfo> keys;  // every dataset in the file, with shape and dtype
  size_t rows = 0;            // N
  size_t transitions = 0;     // rows kept by the official pipeline
  size_t terminals = 0;
  size_t timeouts = 0;
  std::vector<std::string> problems;  // empty when the file is good
  std::vector<std::string> notes;     // facts that are not failures

  bool ok() const { return problems.empty(); }
};

/// Hashes and reads the file at `path`. With `dataset` (nullable) the shapes are checked against
/// its environment; with `official` a size or hash that differs from the registry is a problem
/// (a cached file must be the real one), without it only a note (a fixture written by the harness).
VerifyReport verify_dataset_file(const std::string& path, const DatasetInfo* dataset, bool official);

/// A few aligned lines: path, dataset, bytes, sha256, rows and flags, one line per key, result.
std::string format_report(const VerifyReport& report);

}  // namespace harness
