// The flags that choose the data of an IQL run, shared by `iql train` and `iql finetune`:
// --dataset, --file, --env, --mirror, --offline.
#pragma once
#include <string>

#include <CLI/CLI.hpp>

#include "harness/data/cache.h"
#include "harness/run/offline_data.h"

namespace harness {

struct DatasetFlags {
  std::string dataset, file, env, mirror;
  bool offline = false;

  /// The dataset chosen (run/offline_data.h); throws CLI::ValidationError when neither
  /// --dataset nor --file was given.
  DatasetChoice choose() const;
  /// How the cache may fetch it: from --mirror, never when --offline.
  FetchOptions fetch() const;
};

/// Adds the flags to `cmd`, recording into `out` (which must outlive parsing).
/// `example` is a dataset the command takes, for --dataset's help.
void add_dataset_flags(CLI::App& cmd, DatasetFlags& out, const std::string& example);

}  // namespace harness
