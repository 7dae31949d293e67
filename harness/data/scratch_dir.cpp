#include "harness/data/scratch_dir.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>

#include "autodiff/error.h"

namespace harness {

ScratchDir::ScratchDir(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw autodiff::Error(pattern + ": cannot make a scratch directory (" + std::strerror(errno) +
                          "); point TMPDIR at a writable directory");
  path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;  // a destructor cannot report it; a leftover directory harms nothing
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace harness
