// Names, URLs, sizes and hashes: spec/d4rl-files.md (sizes and hashes are TensorFlow Datasets' d4rl
// checksums); the dtypes: spec/environments.md section 5.2.
#include "harness/data/registry.h"

#include <algorithm>
#include <array>
#include <map>

namespace harness {
namespace {

struct Checksum {
  uint64_t bytes;
  const char* sha256;
};

// the files whose size and hash are published; the others are verified on first download
const std::map<std::string_view, Checksum>& known_checksums() {
  static const std::map<std::string_view, Checksum> table = {
      {"hopper-medium-v2", {152756557, "5bdf1bc4a713c82941de44633df669b36c89850b652a25985166796d25cf71a0"}},
      {"hopper-medium-replay-v2", {75854457, "e121c5f7c9857a307baa9edc6a2c3b48e85fedb9ac316ecddd0f48ca7ef4e39b"}},
      {"hopper-medium-expert-v2", {304537315, "9d51ad87f8c905be3880d84c6140bcdb7fbf39a19e046a237f238ba34fec9e26"}},
      {"halfcheetah-medium-v2", {237727262, "41324e8487a9556d8cfa4538827f8937f4d63dae3030825ebc9f3a726ed08ca0"}},
      {"halfcheetah-medium-replay-v2", {59448533, "48d494a4770c11f48260736dec090b78bdca8375647ed4d24bfa5b6610c7f683"}},
      {"halfcheetah-medium-expert-v2", {474567252, "015db75dae5bbe8e94029b71fa0bafc2073365df0c94744e71031189f3f79c06"}},
      {"walker2d-medium-v2", {232254996, "cf00f43add04c17fdfc2958dd581dea0851b2e5bedbe6fda073758a8f841aeda"}},
      {"walker2d-medium-replay-v2", {86323963, "e75de96a4f77acf7d4e0d6fdf0d7ccb177c26c44bb4388e4fd99f543ccfa18db"}},
      {"walker2d-medium-expert-v2", {462197079, "6b8d7f868c45bbaedf460be797fb7271b46dee6ebe45fe7a64319f2005b59a04"}},
      {"antmaze-umaze-v2", {232532949, "5ef15257771c50ef4d23c7de001750e96c8bb5d9b6a5e4a821dcfb3065fbd130"}},
      {"antmaze-umaze-diverse-v2", {230854272, "c771dd63963cd7d9f55f24a6d809064f6b82250a6aeac4c9d13f9a1d06e8c932"}},
      {"antmaze-medium-diverse-v2", {231095166, "ad9dcbac05d1f8744a7a216083f513662f43f64f28a4a5eb225e9811902dfae7"}},
      {"antmaze-large-play-v2", {230880653, "6d353df2457829925d7f9d4b0215587469908bd57478ea76f16417cfa944f471"}},
      {"antmaze-large-diverse-v2", {231183710, "84f775eb7956ea9cc766704710dc520a8ab357adc7522ade47f556f0e335e284"}},
  };
  return table;
}

constexpr std::array<const char*, 3> kLocomotionEnvs = {"halfcheetah", "hopper", "walker2d"};
constexpr std::array<const char*, 3> kPaperLocomotion = {"medium", "medium-replay", "medium-expert"};
constexpr std::array<const char*, 2> kExtraLocomotion = {"random", "expert"};
constexpr std::array<const char*, 6> kRegenLocomotion = {"random", "medium", "expert", "medium-replay",
                                                         "medium-expert", "full-replay"};

// one antmaze task: its name part, its evaluation env, and the maze part of its file name
struct MazeTask {
  const char* task;
  const char* env;
  const char* file_stem;
};
constexpr std::array<MazeTask, 6> kMazeTasks = {{
    {"umaze", "antmaze-umaze", "u-maze_noisy_multistart_False_multigoal_False"},
    {"umaze-diverse", "antmaze-umaze", "u-maze_noisy_multistart_True_multigoal_True"},
    {"medium-play", "antmaze-medium", "big-maze_noisy_multistart_True_multigoal_False"},
    {"medium-diverse", "antmaze-medium", "big-maze_noisy_multistart_True_multigoal_True"},
    {"large-play", "antmaze-large", "hardest-maze_noisy_multistart_True_multigoal_False"},
    {"large-diverse", "antmaze-large", "hardest-maze_noisy_multistart_True_multigoal_True"},
}};

// fills in the size and hash when they are published
DatasetInfo with_checksum(DatasetInfo info) {
  auto it = known_checksums().find(info.name);
  if (it != known_checksums().end()) {
    info.bytes = it->second.bytes;
    info.sha256 = it->second.sha256;
  }
  return info;
}

// "hopper-medium-replay-v2" in gym_mujoco_v2/hopper_medium_replay-v2.hdf5
DatasetInfo locomotion(const std::string& env, const std::string& dset, bool paper) {
  std::string file_dset = dset;
  std::replace(file_dset.begin(), file_dset.end(), '-', '_');
  DatasetInfo info;
  info.name = env + "-" + dset + "-v2";
  info.file_name = env + "_" + file_dset + "-v2.hdf5";
  info.url = std::string(kOfficialBaseUrl) + "gym_mujoco_v2/" + info.file_name;
  info.env = env;
  info.suite = kLocomotionSuite;
  info.floats = dset == "medium-replay" ? FloatType::f64 : FloatType::f32;
  info.paper = paper;
  return with_checksum(info);
}

// v2 files carry the "_fixed" suffix (timeouts in step with the resets) and live in ant_maze_v2/
DatasetInfo antmaze(const MazeTask& maze, bool v2) {
  DatasetInfo info;
  info.name = std::string("antmaze-") + maze.task + (v2 ? "-v2" : "-v0");
  info.file_name = std::string("Ant_maze_") + maze.file_stem + (v2 ? "_sparse_fixed.hdf5" : "_sparse.hdf5");
  info.url = std::string(kOfficialBaseUrl) + (v2 ? "ant_maze_v2/" : "ant_maze_new/") + info.file_name;
  info.env = maze.env;
  info.suite = kAntmazeSuite;
  info.paper = v2;
  return with_checksum(info);
}

// "hopper-medium-regen" in hopper_medium-regen.hdf5, "antmaze-umaze-diverse-regen" in
// antmaze_umaze_diverse-regen.hdf5: made here (golden/regen/manifest.toml), no URL
DatasetInfo regenerated(const std::string& family, const std::string& dset, const std::string& env,
                        std::string_view suite) {
  std::string file_dset = dset;
  std::replace(file_dset.begin(), file_dset.end(), '-', '_');
  DatasetInfo info;
  info.name = family + "-" + dset + std::string(kRegenSuffix);
  info.file_name = family + "_" + file_dset + std::string(kRegenSuffix) + ".hdf5";
  info.env = env;
  info.suite = suite;
  info.floats = dset.find("replay") != std::string::npos ? FloatType::f64 : FloatType::f32;
  info.regenerated = true;
  return info;
}

std::vector<DatasetInfo> build_registry() {
  std::vector<DatasetInfo> all;
  for (const char* env : kLocomotionEnvs) {
    for (const char* dset : kPaperLocomotion) all.push_back(locomotion(env, dset, true));
  }
  for (const MazeTask& maze : kMazeTasks) all.push_back(antmaze(maze, true));
  for (const char* env : kLocomotionEnvs) {
    for (const char* dset : kExtraLocomotion) all.push_back(locomotion(env, dset, false));
  }
  for (const MazeTask& maze : kMazeTasks) all.push_back(antmaze(maze, false));
  for (const char* env : kLocomotionEnvs) {
    for (const char* dset : kRegenLocomotion) all.push_back(regenerated(env, dset, env, kLocomotionSuite));
  }
  for (const MazeTask& maze : kMazeTasks) all.push_back(regenerated("antmaze", maze.task, maze.env, kAntmazeSuite));
  return all;
}

// Levenshtein distance, for "did you mean" suggestions
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
    }
  }
  return row[b.size()];
}

// up to five known names that contain `name` or are a few edits away from it, closest first
std::string close_names(std::string_view name) {
  constexpr size_t kMaxSuggestions = 5;
  std::vector<std::pair<size_t, std::string_view>> ranked;
  for (const DatasetInfo& info : dataset_registry()) {
    size_t distance = edit_distance(name, info.name);
    bool contains = !name.empty() && info.name.find(name) != std::string::npos;
    if (contains || distance <= std::max<size_t>(3, name.size() / 4)) ranked.emplace_back(distance, info.name);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string list;
  for (size_t i = 0; i < ranked.size() && i < kMaxSuggestions; ++i) {
    list += (i ? ", " : "") + std::string(ranked[i].second);
  }
  return list;
}

}  // namespace

const std::vector<DatasetInfo>& dataset_registry() {
  static const std::vector<DatasetInfo> registry = build_registry();
  return registry;
}

const DatasetInfo& dataset_info(std::string_view name) {
  for (const DatasetInfo& info : dataset_registry()) {
    if (info.name == name) return info;
  }
  std::string suggestions = close_names(name);
  throw DatasetError("unknown dataset '" + std::string(name) + "'" +
                     (suggestions.empty() ? "" : " (did you mean: " + suggestions + "?)") +
                     "; `iql datasets list` shows all known datasets");
}

const EnvSpec& dataset_env(const DatasetInfo& info) { return env_spec(info.env); }

std::string_view url_path(const DatasetInfo& info) {
  std::string_view url = info.url;
  if (url.substr(0, kOfficialBaseUrl.size()) == kOfficialBaseUrl) url.remove_prefix(kOfficialBaseUrl.size());
  return url;
}

std::string generate_advice(const DatasetInfo& info) {
  if (info.name.find("-replay-") == std::string::npos) return "run `iql datasets generate " + info.name + "`";
  return "run `iql datasets generate " + info.name + "`: it reruns the SAC run whose replay stream the set is cut "
         "from (`sac_run` of its entry in golden/regen/manifest.toml; minutes to hours on one core), or cuts a stream "
         "you have with --replay RUN/replay";
}

}  // namespace harness
