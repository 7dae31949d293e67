// Small text files a run writes whole (config.toml, run.json): under a temporary name first, then
// renamed, so a reader never sees half of one.
#pragma once
#include <string>

namespace harness {

/// Writes `text` to `path` atomically; throws naming the path when it cannot.
void write_text_file(const std::string& path, const std::string& text);

}  // namespace harness
