#include "harness/report/manifest.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "autodiff/error.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

constexpr const char* kManifestHeader =
    "# files written by `iql report` into this directory; the next report removes those it no longer writes\n";

std::vector<std::string> read_manifest(const fs::path& path) {
  std::vector<std::string> entries;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') entries.push_back(line);
  }
  return entries;
}

// a hand-edited manifest must not reach outside the report directory
bool stays_inside(const fs::path& entry) {
  if (entry.empty() || entry.is_absolute()) return false;
  return std::none_of(entry.begin(), entry.end(), [](const fs::path& part) { return part == ".."; });
}

void write_manifest(const fs::path& path, const std::vector<std::string>& written) {
  std::ofstream out(path, std::ios::trunc);
  out << kManifestHeader;
  for (const std::string& file : written) out << file << "\n";
  if (!out) throw autodiff::Error(path.string() + ": cannot write the list of report files");
}

}  // namespace

std::vector<std::string> replace_report_files(const std::string& out, const std::vector<std::string>& written) {
  const fs::path manifest = fs::path(out) / kReportManifest;
  std::vector<std::string> removed;
  for (const std::string& entry : read_manifest(manifest)) {
    if (std::find(written.begin(), written.end(), entry) != written.end() || !stays_inside(entry)) continue;
    const fs::path stale = fs::path(out) / entry;
    std::error_code error;
    if (!fs::is_regular_file(stale, error)) continue;  // already gone, or replaced by something not ours
    fs::remove(stale, error);
    if (error) {
      throw autodiff::Error(stale.string() + ": cannot remove this stale report file (" + error.message() +
                            "); remove it by hand");
    }
    removed.push_back(entry);
  }
  write_manifest(manifest, written);
  return removed;
}

}  // namespace harness
