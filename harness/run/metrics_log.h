// The metrics log of a run: one JSON object per line (JSONL), appended and flushed as training
// goes, so an interrupted run keeps everything up to its last line.
#pragma once
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "harness/run/json.h"

namespace harness {

class MetricsLog {
 public:
  /// Opens `path` to append. Lines whose "step" is above `keep_through_step` are dropped first:
  /// they were written after the checkpoint a resumed run starts from, and it will write them again.
  /// So is a last line cut short (a crash or a full disk mid-write), with a note on stderr; and a log
  /// holding no line up to that step is said to be so, since the resumed log then starts after it.
  MetricsLog(const std::string& path, int64_t keep_through_step);
  void write(const JsonObject& line);

 private:
  std::string path_;
  std::ofstream out_;
};

/// Every line of a metrics file, in order; throws naming the file and line it cannot parse, but with
/// `torn_end` set, a last line it cannot parse is left out and described there instead.
std::vector<Json> read_metrics(const std::string& path, std::string* torn_end = nullptr);

}  // namespace harness
