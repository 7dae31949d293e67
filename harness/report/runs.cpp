#include "harness/report/runs.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "autodiff/error.h"
#include "harness/report/stats.h"
#include "harness/run/config_options.h"
#include "harness/run/json.h"
#include "harness/run/metrics_log.h"
#include "harness/run/text_file.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

// the seed of a directory named "seed<digits>", or -1 for any other name
int64_t seed_of_dir_name(const std::string& name) {
  if (name.size() <= 4 || name.compare(0, 4, "seed") != 0) return -1;
  if (!std::all_of(name.begin() + 4, name.end(), [](char c) { return c >= '0' && c <= '9'; })) return -1;
  return std::stoll(name.substr(4));
}

// sub-directories in name order: directory iteration order differs between file systems
std::vector<fs::path> sorted_subdirs(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_directory()) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Json read_run_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw autodiff::Error(path.string() + ": cannot read the run record");
  std::stringstream text;
  text << in.rdbuf();
  try {
    return parse_json_object(text.str());
  } catch (const std::runtime_error& e) {
    throw autodiff::Error(path.string() + ": " + e.what() + " (rerun `iql train --resume` to rewrite it)");
  }
}

std::vector<CurvePoint> read_curve(const fs::path& metrics_path) {
  std::vector<CurvePoint> curve;
  if (!fs::exists(metrics_path)) return curve;
  for (const Json& line : read_metrics(metrics_path.string())) {
    if (line.count("normalized_score") == 0) continue;  // a loss-only line
    const double score = json_number(line, "normalized_score", std::nan(""));
    if (!std::isfinite(score)) continue;  // a NaN evaluation leaves a gap instead of poisoning the mean
    curve.push_back({json_number(line, "step", 0), score});
  }
  return curve;
}

// IQL with temperature 0 weighs every action alike: behaviour cloning. A config this version cannot
// read (an older key set) stays IQL, the method every run had before BC runs existed.
std::string method_of(const std::string& config_toml) {
  if (config_toml.empty()) return kIqlMethod;
  try {
    return parse_config_toml<iql::IqlConfig>(config_toml, "run.json config").temperature == 0 ? kBcMethod : kIqlMethod;
  } catch (const std::exception&) {
    return kIqlMethod;
  }
}

// fills what run.json says; a missing or unfinished record leaves the run incomplete
void read_record(const fs::path& run_json, RunRecord& run) {
  if (!fs::exists(run_json)) {
    run.why_incomplete = "no run.json (still training, or stopped before the end)";
    // `iql train` writes config.toml when it starts: a run still training has a method too
    run.method = method_of(read_text_file((run_json.parent_path() / "config.toml").string()));
    return;
  }
  const Json record = read_run_json(run_json);
  const std::string dataset = json_string(record, "dataset");
  if (!dataset.empty() && dataset != run.dataset) {
    throw autodiff::Error(run_json.string() + ": dataset is '" + dataset + "' but the run lives under '" +
                          run.dataset + "'; move it to <RUNS_DIR>/" + dataset + "/");
  }
  if (const std::string suite = json_string(record, "suite"); !suite.empty()) run.suite = suite;
  run.method = method_of(json_string(record, "config"));
  run.seed = static_cast<int64_t>(json_number(record, "seed", static_cast<double>(run.seed)));
  run.steps = static_cast<int64_t>(json_number(record, "steps", 0));
  run.max_steps = static_cast<int64_t>(json_number(record, "max_steps", 0));
  run.final_score = json_number(record, "final_score", std::nan(""));
  run.offline_steps = static_cast<int64_t>(json_number(record, "offline_steps", 0));
  run.offline_score = json_number(record, "offline_score", 0);
  run.build = json_string(record, "git_commit") + ", " + json_string(record, "compiler") + ", OpenBLAS " +
              json_string(record, "blas_kernel");
  run.finished = json_bool(record, "finished");
  if (const double diverged = json_number(record, "diverged_at", 0); diverged > 0) {
    run.finished = false;  // never averaged: a diverged seed is listed as such
    run.why_incomplete = "diverged at update " + std::to_string(static_cast<int64_t>(diverged)) +
                         " (a loss became NaN or infinite)";
  } else if (!run.finished) {
    run.why_incomplete = "finished = false at step " + std::to_string(run.steps) + " of " +
                         std::to_string(run.max_steps) + " (continue it with --resume)";
  } else if (!std::isfinite(run.final_score)) {
    // a NaN cannot be averaged or ranked; listing the run keeps a diverged seed visible
    run.finished = false;
    run.why_incomplete = "final_score is missing or not a number (did training diverge?)";
  }
}

// the score of `run` at `step`, or nullptr when it did not evaluate there
const CurvePoint* point_at(const RunRecord& run, double step) {
  auto it = std::find_if(run.curve.begin(), run.curve.end(), [step](const CurvePoint& p) { return p.step == step; });
  return it == run.curve.end() ? nullptr : &*it;
}

RunRecord read_run(const fs::path& dir, const std::string& dataset, int64_t seed) {
  RunRecord run;
  run.dataset = dataset;
  run.suite = suite_of(dataset);
  run.dir = dir.string();
  run.seed = seed;
  read_record(dir / "run.json", run);
  run.curve = read_curve(dir / "metrics.jsonl");
  return run;
}

}  // namespace

std::string suite_of(const std::string& dataset) {
  return dataset.rfind("antmaze", 0) == 0 ? "antmaze" : "locomotion";
}

std::vector<RunRecord> collect_runs(const std::string& runs_dir) {
  if (!fs::is_directory(runs_dir)) {
    throw autodiff::Error(runs_dir + ": not a directory; pass the directory holding <dataset>/seed<S>/ runs");
  }
  std::vector<RunRecord> runs;
  for (const fs::path& dataset_dir : sorted_subdirs(runs_dir)) {
    std::vector<RunRecord> seeds;
    for (const fs::path& seed_dir : sorted_subdirs(dataset_dir)) {
      const int64_t seed = seed_of_dir_name(seed_dir.filename().string());
      if (seed >= 0) seeds.push_back(read_run(seed_dir, dataset_dir.filename().string(), seed));
    }
    // numeric order: seed10 after seed9
    std::stable_sort(seeds.begin(), seeds.end(), [](const RunRecord& a, const RunRecord& b) { return a.seed < b.seed; });
    runs.insert(runs.end(), seeds.begin(), seeds.end());
  }
  return runs;
}

std::vector<RunRecord> collect_method_runs(const std::string& runs_dir, const std::string& method) {
  std::vector<RunRecord> runs = collect_runs(runs_dir);
  for (const RunRecord& run : runs) {
    if (run.method == method) continue;
    throw autodiff::Error(run.dir + ": trained as " + run.method + " (temperature " +
                          (run.method == kBcMethod ? "0" : "> 0") + "), but " + runs_dir + " holds the " + method +
                          " runs; keep each method in its own directory and pass both: iql report IQL_RUNS --bc BC_RUNS");
  }
  return runs;
}

std::vector<RunRecord> join_runs(std::vector<RunRecord> first, const std::vector<RunRecord>& second) {
  first.insert(first.end(), second.begin(), second.end());
  std::stable_sort(first.begin(), first.end(), [](const RunRecord& a, const RunRecord& b) { return a.dataset < b.dataset; });
  return first;
}

std::vector<DatasetRuns> group_by_dataset(const std::vector<RunRecord>& runs) {
  std::vector<DatasetRuns> groups;
  for (const RunRecord& run : runs) {
    if (groups.empty() || groups.back().dataset != run.dataset) groups.push_back({run.dataset, run.suite, {}, {}});
    (run.finished ? groups.back().finished : groups.back().incomplete).push_back(&run);
  }
  return groups;
}

DatasetRuns of_method(const DatasetRuns& runs, const std::string& method) {
  DatasetRuns out{runs.dataset, runs.suite, {}, {}};
  auto same_method = [&](const RunRecord* run) { return run->method == method; };
  std::copy_if(runs.finished.begin(), runs.finished.end(), std::back_inserter(out.finished), same_method);
  std::copy_if(runs.incomplete.begin(), runs.incomplete.end(), std::back_inserter(out.incomplete), same_method);
  return out;
}

std::vector<double> final_scores(const DatasetRuns& runs) {
  std::vector<double> scores;
  for (const RunRecord* run : runs.finished) scores.push_back(run->final_score);
  return scores;
}

CurveBand curve_band(const DatasetRuns& runs) {
  CurveBand band;
  if (runs.finished.empty()) return band;
  band.runs = static_cast<int>(runs.finished.size());
  for (const CurvePoint& first : runs.finished.front()->curve) {
    std::vector<double> scores;
    for (const RunRecord* run : runs.finished) {
      if (const CurvePoint* p = point_at(*run, first.step)) scores.push_back(p->score);
    }
    if (scores.size() != runs.finished.size()) continue;  // not every seed evaluated here
    band.steps.push_back(first.step);
    band.mean.push_back(mean(scores));
    band.lo.push_back(*std::min_element(scores.begin(), scores.end()));
    band.hi.push_back(*std::max_element(scores.begin(), scores.end()));
  }
  return band;
}

}  // namespace harness
