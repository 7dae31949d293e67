// Small text files a run writes whole (config.toml, run.json): under a temporary name first, then
// renamed, so a reader never sees half of one; and read whole.
#pragma once
#include <string>

namespace harness {

/// Writes `text` to `path` atomically; throws naming the path when it cannot.
void write_text_file(const std::string& path, const std::string& text);

/// The whole text of `path`; "" when it does not exist or cannot be read.
std::string read_text_file(const std::string& path);

}  // namespace harness
