// The files `iql report` wrote into its output directory, listed in OUT/report-files.txt. The next
// report removes the ones it no longer writes (the curve of a dataset whose runs are gone) and
// nothing else: a file the report did not write is never touched, whatever its name.
#pragma once
#include <string>
#include <vector>

namespace harness {

/// The manifest's name inside the output directory.
inline constexpr const char* kReportManifest = "report-files.txt";

/// Removes the files the previous manifest in `out` lists that are not in `written`, then records
/// `written` (paths relative to `out`, e.g. "curves/hopper-medium-v2.png") as the new manifest.
/// Returns the removed paths, relative to `out`. An entry that is absolute or climbs out of `out`
/// ("..") is never removed. Throws autodiff::Error naming the file when one cannot be removed (the
/// old manifest stays, so the next report tries again) or the manifest cannot be written.
std::vector<std::string> replace_report_files(const std::string& out, const std::vector<std::string>& written);

}  // namespace harness
