#include "harness/run/offline_data.h"

#include <cstdio>
#include <filesystem>

#include "harness/data/d4rl_reader.h"
#include "harness/data/file_kind.h"
#include "harness/data/sha256.h"
#include "harness/data/transitions.h"
#include "harness/envs/env_spec.h"

namespace harness {
namespace fs = std::filesystem;

DatasetChoice choose_dataset(const std::string& name, const std::string& file, const std::string& env) {
  DatasetChoice choice;
  choice.file = file;
  if (file.empty() || env.empty()) {
    choice.info = dataset_info(name);  // throws, listing close names
    return choice;
  }
  require_kind(file, FileKind::d4rl_dataset, "--file");
  const EnvSpec& spec = env_spec(env);  // throws, listing the known envs
  for (const DatasetInfo& known : dataset_registry()) {
    if (known.name == name && known.env != spec.name) {
      throw DatasetError("--dataset " + name + " is a " + known.env + " dataset but --env says " + spec.name +
                         ": drop --env to train on the file as " + name + ", or name the run with a --dataset of your own");
    }
  }
  choice.info.name = name.empty() ? fs::path(file).stem().string() : name;
  choice.info.file_name = fs::path(file).filename().string();
  choice.info.env = spec.name;
  choice.info.suite = spec.name.rfind("antmaze", 0) == 0 ? kAntmazeSuite : kLocomotionSuite;
  return choice;
}

iql::IqlConfig suite_preset(const DatasetInfo& info) {
  return is_antmaze(info) ? iql::antmaze_config() : iql::IqlConfig{};
}

OfflineData load_offline_data(const DatasetChoice& choice, const FetchOptions& fetch) {
  OfflineData data;
  if (choice.file.empty()) {
    const FetchResult cached = fetch_dataset(choice.info, fetch);
    if (!cached.note.empty()) std::fprintf(stderr, "note: %s\n", cached.note.c_str());
    data.path = cached.path;
  } else {
    data.path = choice.file;
  }
  data.sha256 = sha256_file(data.path);
  D4rlArrays arrays = read_d4rl(data.path, &choice.info, InfoKeys::skip);
  data.transitions = make_transitions(std::move(arrays), reward_mode(choice.info));
  return data;
}

}  // namespace harness
