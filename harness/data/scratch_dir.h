// A directory of one's own for scratch files: fresh, under the system's temporary directory, and
// removed with everything in it when the object goes, so two processes never share one.
#pragma once
#include <filesystem>
#include <string>

namespace harness {

class ScratchDir {
 public:
  /// Makes `prefix-XXXXXX` under TMPDIR (or /tmp); throws autodiff::Error naming the directory and
  /// the reason when it cannot.
  explicit ScratchDir(const std::string& prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string path() const { return path_.string(); }
  /// `name` inside the directory.
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace harness
