// The D4RL datasets the harness knows: where each file comes from, how big it is, its SHA-256, and
// which evaluation environment (harness/envs/env_spec.h) gives its shapes and reference scores.
// Facts from spec/d4rl-files.md and spec/environments.md section 5.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/error.h"
#include "harness/envs/env_spec.h"

namespace harness {

// a dataset that is unknown, missing, malformed, or cannot be fetched
struct DatasetError : autodiff::Error {
  using autodiff::Error::Error;
};

inline constexpr std::string_view kLocomotionSuite = "locomotion";
inline constexpr std::string_view kAntmazeSuite = "antmaze";

/// The float type of a file's arrays: medium-replay and full-replay files hold float64.
enum class FloatType { f32, f64 };

struct DatasetInfo {
  std::string name;       // "hopper-medium-replay-v2": the d4rl/gym id
  std::string file_name;  // "hopper_medium_replay-v2.hdf5": the name in the cache directory
  std::string url;        // the official URL (a mirror replaces kOfficialBaseUrl)
  uint64_t bytes = 0;     // file size; 0 if unknown
  std::string sha256;     // lowercase hex; "" if unknown
  std::string env;        // env_spec() name: "hopper", "antmaze-umaze", ...
  std::string suite;      // kLocomotionSuite or kAntmazeSuite
  FloatType floats = FloatType::f32;  // dtype of the file's float arrays
  bool paper = false;     // one of the 15 datasets of the IQL paper's Table 1 (as -v2)
  bool regenerated = false;  // made here by D4RL's recipe (`iql datasets generate`), never downloaded
};

/// The suffix of regenerated datasets' names: "hopper-medium-regen" is not D4RL's hopper-medium-v2.
inline constexpr std::string_view kRegenSuffix = "-regen";

/// What makes a regenerated dataset here, as advice that stays true: `iql datasets generate NAME`;
/// for a replay set (medium-replay, full-replay) it says that its SAC run is rerun, and what
/// --replay does instead.
std::string generate_advice(const DatasetInfo& info);

/// Where the official files live; every registry URL starts with it.
inline constexpr std::string_view kOfficialBaseUrl = "http://rail.eecs.berkeley.edu/datasets/offline_rl/";

/// All known datasets: the 15 paper datasets first, then locomotion random/expert -v2, then antmaze -v0,
/// then the regenerated locomotion sets (random, medium, expert, medium-replay, medium-expert,
/// full-replay per env), then the regenerated antmaze sets (the six tasks of the -v2 files).
const std::vector<DatasetInfo>& dataset_registry();

/// The dataset named `name`; throws DatasetError listing the closest known names when there is none.
const DatasetInfo& dataset_info(std::string_view name);

/// The evaluation environment of a dataset: observation/action dims, nq/nv, reference scores.
const EnvSpec& dataset_env(const DatasetInfo& info);

/// The official URL relative to kOfficialBaseUrl, e.g. "gym_mujoco_v2/hopper_medium-v2.hdf5".
std::string_view url_path(const DatasetInfo& info);

}  // namespace harness
