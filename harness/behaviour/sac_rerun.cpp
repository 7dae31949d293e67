#include "harness/behaviour/sac_rerun.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <vector>

#include "harness/data/cache.h"
#include "harness/data/registry.h"
#include "harness/run/config_options.h"
#include "harness/run/sac_checkpoint.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// --warmup-steps -> warmup_steps; --steps is iql sac's name for total_steps
std::string config_key(const std::string& flag) {
  if (flag == "--steps") return "total_steps";
  std::string key = flag.substr(2);
  std::replace(key.begin(), key.end(), '-', '_');
  return key;
}

// the run's step as its checkpoint records it; 0 without one
int64_t checkpointed_step(const std::string& dir) {
  const std::string checkpoint = dir + "/checkpoint.h5";
  return fs::exists(checkpoint) ? read_sac_run_state(checkpoint).online.env_steps : 0;
}

}  // namespace

SacRunOptions parse_sac_run(const std::string& sac_run, const std::string& where) {
  const std::vector<std::string> words = words_of(sac_run);
  auto fail = [&](const std::string& why) -> DatasetError {
    return DatasetError(where + ": sac_run = \"" + sac_run + "\": " + why +
                        " (expected: iql sac --env ENV --seed SEED [--key value ...])");
  };
  if (words.size() < 2 || words[0] != "iql" || words[1] != "sac") throw fail("not an `iql sac` command line");
  SacRunOptions options;
  ConfigOverrides overrides;
  bool has_env = false;
  for (size_t i = 2; i < words.size(); i += 2) {
    const std::string& flag = words[i];
    if (flag.rfind("--", 0) != 0 || i + 1 >= words.size()) throw fail("'" + flag + "' is not a --flag with a value");
    const std::string& value = words[i + 1];
    if (flag == "--env") {
      options.env = value, has_env = true;
    } else if (flag == "--seed") {
      if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) throw fail("--seed " + value + " is not a seed");
      options.seed = std::stoull(value);
    } else {
      overrides.flags[config_key(flag)] = value;
    }
  }
  if (!has_env) throw fail("it names no --env");
  options.config = resolve_config(sac::SacConfig{}, overrides);
  return options;
}

std::string sac_rerun_dir(const SacRunOptions& options, const std::string& cache_dir) {
  const std::string cache = cache_dir.empty() ? dataset_cache_dir() : cache_dir;
  return cache + "/sac-runs/" + options.env + "/seed" + std::to_string(options.seed);
}

std::string replay_of_sac_run(const RegenEntry& entry, const std::string& manifest) {
  SacRunOptions options = parse_sac_run(entry.sac_run, manifest + ": [" + entry.name + "]");
  options.out = sac_rerun_dir(options);
  const int64_t done = checkpointed_step(options.out);
  if (done < entry.rows) {
    std::printf("%s: rerunning `%s` from step %lld to step %lld in %s\n", entry.name.c_str(), entry.sac_run.c_str(),
                static_cast<long long>(done), static_cast<long long>(entry.rows), options.out.c_str());
    std::fflush(stdout);
    options.resume = done > 0;
    options.stop_at = entry.rows;
    const SacRunResult r = run_sac(options);
    if (r.env_steps < entry.rows) {
      throw SacRerunStopped(entry.name + ": the SAC run behind it stopped at step " + std::to_string(r.env_steps) + " of " +
                         std::to_string(entry.rows) + " (checkpointed in " + r.out_dir +
                         "); run the same command again to continue it");
    }
  }
  return options.out + "/replay";
}

}  // namespace harness
