// iql datasets list | path NAME... | fetch NAME... | verify NAME|FILE... | fixture NAME --out FILE
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <unistd.h>

#include "harness/behaviour/regenerate.h"
#include "harness/behaviour/sac_rerun.h"
#include "harness/cli/commands.h"
#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"
#include "harness/data/cache.h"
#include "harness/data/d4rl_fixture.h"
#include "harness/data/verify.h"
#include "harness/grid/cell.h"

namespace harness {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxAttempts = 1000;                  // a bound on retries, so a typo cannot retry for days
constexpr size_t kMaxFixtureRows = 20'000'000;  // 10x the largest D4RL set (2M rows); more is a typo, not a fixture

struct DatasetsOptions {
  std::vector<std::string> names;  // dataset names, or files for verify
  std::string mirror;
  bool force = false;
  int attempts = DownloadOptions().max_attempts;
  std::string dataset;             // verify FILE: the registry entry whose shapes it must have
  std::string out;                 // fixture: file to write
  size_t rows = 5000;
  size_t episode_rows = 0;
  uint64_t seed = 0;
};

// runs `work` on each item; failures print one line each, and any failure makes the exit code 1
template <class Work>
void for_each_item(const std::vector<std::string>& items, Work work) {
  int failed = 0;
  for (const std::string& item : items) {
    try {
      work(item);
    } catch (const autodiff::Error& e) {
      std::fprintf(stderr, "error: %s\n", e.what());
      ++failed;
    }
  }
  if (failed) throw CLI::RuntimeError(1);
}

std::string megabytes(uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", bytes / 1e6);
  return text;
}

// a regenerated set's column: its rows and behaviour score from the manifest, or why there are none
std::string regen_summary(const DatasetInfo& info, const std::vector<RegenEntry>& manifest) {
  for (const RegenEntry& e : manifest) {
    if (e.name != info.name) continue;
    char text[96];
    if (!e.collection_stats.empty()) return std::to_string(e.rows) + " rows, " + e.collection_stats;
    if (e.behaviour_episodes > 0) {
      std::snprintf(text, sizeof text, "%lld rows, behaviour %.1f +- %.1f", static_cast<long long>(e.rows),
                    e.behaviour_score, e.behaviour_score_std);
    } else {
      std::snprintf(text, sizeof text, "%lld rows", static_cast<long long>(e.rows));
    }
    return text;
  }
  return "no recipe yet";
}

void run_list() {
  std::printf("%-30s %-10s %-15s %4s %4s %12s %10s %8s %-7s %-6s %s\n", "dataset (* = IQL paper)", "suite", "env",
              "obs", "act", "ref min", "ref max", "MB", "sha256", "cached", "regenerated here");
  std::vector<RegenEntry> manifest;
  if (fs::exists(default_manifest_path())) manifest = read_manifest(default_manifest_path());
  for (const DatasetInfo& info : dataset_registry()) {
    const EnvSpec& env = dataset_env(info);
    std::string name = info.name + (info.paper ? " *" : "");
    const std::string path = cached_path(info);
    const std::string size = fs::exists(path) ? megabytes(fs::file_size(path)) : info.bytes ? megabytes(info.bytes) : "?";
    std::printf("%-30s %-10s %-15s %4d %4d %12.6f %10.1f %8s %-7s %-6s %s\n", name.c_str(), info.suite.c_str(),
                info.env.c_str(), env.obs_dim, env.act_dim, env.ref_min_score, env.ref_max_score, size.c_str(),
                info.regenerated ? "digest" : info.sha256.empty() ? "unknown" : "known", fs::exists(path) ? "yes" : "no",
                info.regenerated ? regen_summary(info, manifest).c_str() : "");
  }
  std::printf("cache: %s (set D4RL_DATASET_DIR to change it)\n", dataset_cache_dir().c_str());
  std::printf("regenerated sets (-regen) are made here by D4RL's recipe: iql datasets generate NAME\n");
}

void run_path(const DatasetsOptions& opts) {
  for_each_item(opts.names, [](const std::string& name) {
    const DatasetInfo& info = dataset_info(name);
    std::string path = cached_path(info);
    std::printf("%s\n", path.c_str());
    if (!fs::exists(path)) std::fprintf(stderr, "note: not downloaded yet: iql datasets fetch %s\n", name.c_str());
  });
}

// "\rhopper-medium-v2  45.1 / 152.8 MB  29%" on a terminal, redrawn at most every 200 ms; the line
// is ended when this goes out of scope, so an error message starts on a line of its own
class ProgressLine {
 public:
  explicit ProgressLine(std::string name) : state_(std::make_shared<State>()) { state_->name = std::move(name); }
  ~ProgressLine() {
    if (state_->drawn) std::fputc('\n', stderr);
  }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  /// The callback for DownloadOptions; empty when stderr is not a terminal.
  DownloadOptions::Progress callback() const {
    if (!isatty(STDERR_FILENO)) return {};
    return [state = state_](uint64_t done, uint64_t total) { state->draw(done, total); };
  }

 private:
  struct State {
    std::string name;
    std::chrono::steady_clock::time_point last;
    bool drawn = false;

    void draw(uint64_t done, uint64_t total) {
      auto now = std::chrono::steady_clock::now();
      if (now - last < std::chrono::milliseconds(200) && done != total) return;
      last = now;
      drawn = true;
      std::string percent = total ? "  " + std::to_string(100 * done / total) + "%" : "";
      std::fprintf(stderr, "\r%s  %s / %s MB%s   ", name.c_str(), megabytes(done).c_str(),
                   total ? megabytes(total).c_str() : "?", percent.c_str());
    }
  };
  std::shared_ptr<State> state_;  // shared with the callback, which DownloadOptions copies
};

void run_fetch(const DatasetsOptions& opts) {
  for_each_item(opts.names, [&opts](const std::string& name) {
    const DatasetInfo& info = dataset_info(name);
    FetchOptions fetch;
    fetch.mirror = opts.mirror;
    fetch.force = opts.force;
    fetch.download.max_attempts = opts.attempts;
    FetchResult result;
    {
      ProgressLine progress(name);
      fetch.download.progress = progress.callback();
      result = fetch_dataset(info, fetch);
    }
    if (!result.downloaded) {
      std::printf("%s: already in the cache: %s\n", name.c_str(), result.path.c_str());
      if (!result.note.empty()) std::printf("note: %s\n", result.note.c_str());
      return;
    }
    std::string check = info.sha256.empty() ? " (no published hash: record this one)" : " (verified)";
    std::printf("%s: %llu bytes, sha256 %s%s -> %s\n", name.c_str(),
                static_cast<unsigned long long>(result.download.bytes), result.download.sha256.c_str(),
                check.c_str(), result.path.c_str());
  });
}

// a registry name means the cached file, which must be the official one; a path may be any file
VerifyReport verify_item(const std::string& item, const std::string& dataset) {
  bool is_file = item.find('/') != std::string::npos || item.ends_with(".hdf5") || fs::exists(item);
  if (!is_file) {
    const DatasetInfo& info = dataset_info(item);
    return verify_dataset_file(cached_path(info), &info, true);
  }
  const DatasetInfo* info = dataset.empty() ? nullptr : &dataset_info(dataset);
  for (const DatasetInfo& known : dataset_registry()) {
    if (!info && fs::path(item).filename() == known.file_name) info = &known;
  }
  return verify_dataset_file(item, info, false);
}

void run_verify(const DatasetsOptions& opts) {
  bool all_ok = true;
  for_each_item(opts.names, [&](const std::string& item) {
    VerifyReport report = verify_item(item, opts.dataset);
    std::printf("%s", format_report(report).c_str());
    all_ok = all_ok && report.ok();
  });
  if (!all_ok) throw CLI::RuntimeError(1);
}

void run_fixture(const DatasetsOptions& opts) {
  const DatasetInfo& info = dataset_info(opts.names.at(0));
  write_fixture(opts.out, info, FixtureShape{opts.rows, opts.episode_rows}, opts.seed);
  std::printf("%s: %zu random rows in the layout of %s (seed %llu)\n", opts.out.c_str(), opts.rows, info.name.c_str(),
              static_cast<unsigned long long>(opts.seed));
}

struct GenerateCommand {
  std::vector<std::string> names;
  GenerateOptions options;
};

const char* digest_check_text(DigestCheck check) {
  switch (check) {
    case DigestCheck::Matched: return "matches the manifest";
    case DigestCheck::Recorded: return "recorded in the manifest";
    case DigestCheck::Unrecorded: return "the manifest records none to check: --record records it";
  }
  return "";
}

void run_generate(const GenerateCommand& c) {
  if (c.names.size() > 1 && !c.options.out.empty()) {
    throw CLI::ValidationError("--out", "names one file: generate one dataset with it, or drop --out to use the cache");
  }
  for (const std::string& name : c.names) {
    GenerateResult r;
    try {
      r = generate_dataset(name, c.options);
    } catch (const SacRerunStopped& e) {  // a signal: checkpointed, so the exit says "stopped", not "failed"
      std::fprintf(stderr, "%s\n", e.what());
      throw CLI::RuntimeError(kCheckpointedExit);
    }
    std::printf("%s: %lld rows, content digest %s (%s)\n  %s\n", name.c_str(), static_cast<long long>(r.rows),
                r.digest.c_str(), digest_check_text(r.check), r.path.c_str());
    if (r.check == DigestCheck::Recorded && r.behaviour_score_std > 0)
      std::printf("  behaviour score %.1f +- %.1f (100 episodes, its own sampled actions)\n", r.behaviour_score,
                  r.behaviour_score_std);
  }
}

}  // namespace

void add_datasets_command(CLI::App& app) {
  auto opts = std::make_shared<DatasetsOptions>();  // must outlive parsing; CLI11 writes into it
  CLI::App* cmd = app.add_subcommand("datasets", "D4RL datasets: list, locate, download, verify, generate, write fixtures");
  cmd->require_subcommand(1);
  add_check_env_command(*cmd);  // iql datasets check-env NAME [--file F.hdf5] [--rows N]
  add_render_dataset_command(*cmd);  // iql datasets render NAME --episode I --out x.gif

  CLI::App* list = cmd->add_subcommand("list", "Print the registry: names, env, dims, reference scores, size, cached");
  list->callback([] { run_list(); });

  CLI::App* path = cmd->add_subcommand("path", "Print where each dataset's file lives in the cache");
  path->add_option("names", opts->names, "dataset names")->required();
  path->callback([opts] { run_path(*opts); });

  CLI::App* fetch = cmd->add_subcommand("fetch", "Download into the cache, resuming and verifying size and sha256");
  fetch->add_option("names", opts->names, "dataset names")->required();
  fetch->add_flag("--force", opts->force, "download again even if the file is cached");
  fetch->add_option("--mirror", opts->mirror, "base URL replacing the official server (default: $D4RL_MIRROR)");
  add_whole(*fetch, "--attempts", opts->attempts, "transfers to try, each resuming the last", 1, kMaxAttempts)
      ->capture_default_str();
  fetch->callback([opts] { run_fetch(*opts); });

  CLI::App* verify = cmd->add_subcommand("verify", "Check size, sha256, keys, shapes and values; print a summary");
  verify->add_option("items", opts->names, "dataset names (the cached file) or .hdf5 files")->required();
  verify->add_option("--dataset", opts->dataset, "for files: the dataset whose shapes they must have");
  verify->callback([opts] { run_verify(*opts); });

  auto generate_command = std::make_shared<GenerateCommand>();
  CLI::App* generate = cmd->add_subcommand("generate", "Make a regenerated dataset (NAME-regen) by D4RL's recipe and check its digest");
  generate->add_option("names", generate_command->names, "regenerated dataset names, e.g. hopper-medium-regen")->required();
  add_output_file(*generate, "--out", generate_command->options.out, "file to write [the dataset cache]");
  add_input_dir(*generate, "--replay", generate_command->options.replay_dir,
                "replay sets: the SAC run's replay/ folder to cut them from [the manifest's sac_run, rerun here beside "
                "the dataset cache and resumable: $D4RL_DATASET_DIR/sac-runs/ENV/seedS]",
                "a SAC run's replay/ folder");
  add_input_file(*generate, "--manifest", generate_command->options.manifest,
                 "manifest of recipes [golden/regen/manifest.toml]", "a manifest of recipes like golden/regen/manifest.toml");
  generate->add_flag("--record", generate_command->options.record,
                     "write the digest, the behaviour score and this build into the manifest (a reviewed change)");
  generate->callback([generate_command] { run_generate(*generate_command); });

  CLI::App* fixture = cmd->add_subcommand("fixture", "Write a random file in the exact layout of a dataset");
  fixture->add_option("name", opts->names, "dataset whose layout and shapes to copy")->required()->expected(1);
  add_output_file(*fixture, "--out", opts->out, "file to write")->required();
  add_whole(*fixture, "--rows", opts->rows, "rows N", size_t{1}, kMaxFixtureRows)->capture_default_str();
  add_whole(*fixture, "--episode-rows", opts->episode_rows, "rows per full episode (0: the real 1000 / 1001)", size_t{0},
            kMaxFixtureRows)
      ->capture_default_str();
  add_whole(*fixture, "--seed", opts->seed, "RNG seed of the content", uint64_t{0})->capture_default_str();
  fixture->callback([opts] { run_fixture(*opts); });
}

}  // namespace harness
