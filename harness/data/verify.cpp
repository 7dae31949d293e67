#include "harness/data/verify.h"

#include <algorithm>
#include <filesystem>

#include "harness/data/sha256.h"
#include "harness/data/transitions.h"

namespace harness {
namespace {

// compares one fact of the file with the registry; a difference is a problem for official files
void compare(VerifyReport& report, bool official, const char* what, const std::string& found,
             const std::string& expected) {
  if (expected.empty() || expected == "0") {
    report.notes.push_back(std::string("the registry has no ") + what + " for " + report.dataset->name +
                           ": record " + found);
  } else if (found != expected) {
    std::string line = std::string(what) + " differs from the official " + expected;
    if (official) {
      report.problems.push_back(line + ": run `iql datasets fetch --force " + report.dataset->name + "`");
    } else {
      report.notes.push_back(line + " (not the official file)");
    }
  }
}

std::string shape_text(const std::vector<uint64_t>& dims) {
  std::string text = "(";
  for (size_t i = 0; i < dims.size(); ++i) text += (i ? ", " : "") + std::to_string(dims[i]);
  return text + (dims.size() == 1 ? ",)" : ")");
}

void read_contents(VerifyReport& report) {
  D4rlArrays arrays = read_d4rl(report.path, report.dataset, InfoKeys::read);
  report.rows = arrays.rows();
  report.terminals = std::count(arrays.terminals.begin(), arrays.terminals.end(), 1);
  report.timeouts = std::count(arrays.timeouts.begin(), arrays.timeouts.end(), 1);
  report.transitions = kept_rows(arrays.timeouts).size();
}

}  // namespace

VerifyReport verify_dataset_file(const std::string& path, const DatasetInfo* dataset, bool official) {
  VerifyReport report;
  report.path = path;
  report.dataset = dataset;
  if (!std::filesystem::exists(path)) {
    report.problems.push_back(path + ": no such file" +
                              (dataset ? ": run `iql datasets fetch " + dataset->name + "`" : std::string()));
    return report;
  }
  report.bytes = std::filesystem::file_size(path);
  report.sha256 = sha256_file(path);
  if (dataset) {
    compare(report, official, "size", std::to_string(report.bytes), std::to_string(dataset->bytes));
    compare(report, official, "sha256", report.sha256, dataset->sha256);
  }
  try {
    report.keys = list_hdf5_keys(path);
    read_contents(report);
  } catch (const DatasetError& e) {
    report.problems.push_back(e.what());
  }
  return report;
}

std::string format_report(const VerifyReport& report) {
  std::string out = report.path + "\n";
  auto line = [&out](const std::string& label, const std::string& value) {
    std::string padded = label;
    padded.resize(12, ' ');
    out += "  " + padded + value + "\n";
  };
  if (report.dataset) {
    line("dataset", report.dataset->name + " (env " + report.dataset->env + ", " + report.dataset->suite + ")");
  }
  if (!report.sha256.empty()) {
    line("bytes", std::to_string(report.bytes));
    line("sha256", report.sha256);
  }
  if (report.rows) {
    line("rows", std::to_string(report.rows) + " (" + std::to_string(report.transitions) + " transitions, " +
                     std::to_string(report.timeouts) + " timeouts, " + std::to_string(report.terminals) +
                     " terminals)");
  }
  for (size_t i = 0; i < report.keys.size(); ++i) {
    const KeyInfo& key = report.keys[i];
    line(i ? "" : "keys", key.key + " " + shape_text(key.dims) + " " + key.dtype);
  }
  for (const std::string& note : report.notes) line("note", note);
  for (const std::string& problem : report.problems) line("PROBLEM", problem);
  line("result", report.ok() ? "ok" : "FAILED");
  return out;
}

}  // namespace harness
