// Writes D4RL-layout HDF5 files: from given arrays (the harness's own rollouts), or filled with
// random content in the shapes and layout of a registry dataset, for tests and benchmarks.
// N = rows, S = observation dim, A = action dim, nq/nv = MuJoCo qpos/qvel lengths.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "autodiff/rng.h"
#include "harness/data/d4rl_reader.h"
#include "harness/data/hdf5_file.h"

namespace harness {

/// How flags are stored: boolean is h5py's bool (a 1-byte enum FALSE = 0, TRUE = 1), as in D4RL.
enum class FlagType { boolean, uint8 };

/// One float32 dataset to write: (N,C), or (N) when `vector` (C must be 1).
struct NamedTensor {
  std::string key;
  Tensor values;
  bool vector = false;
};

/// Everything a written D4RL file holds. Tensors with 0 rows are left out of the file.
struct D4rlFile {
  D4rlArrays arrays;          // observations, actions, rewards, terminals, timeouts, infos/qpos|qvel|goal
  Tensor next_observations;   // (N,S); none in antmaze files
  Tensor action_log_probs;    // (N,1), written as infos/action_log_probs (N); locomotion files have it
  FloatType floats = FloatType::f32;
  FlagType flags = FlagType::boolean;
  bool gzip = false;          // chunked and deflated, as h5py's compression="gzip"
  // what D4RL keeps under metadata/: e.g. {"metadata/algorithm", "SAC"}, and the behaviour policy's
  // tensors ("metadata/policy/fc0/weight" (out, in), ".../bias" (out)), float32
  std::vector<std::pair<std::string, std::string>> metadata_text;
  std::vector<NamedTensor> metadata_tensors;
};

/// Creates (truncates) an HDF5 file and writes datasets into it without timestamps, so equal
/// content gives equal bytes. Groups on a key's path ("infos/") are made as needed.
class Hdf5Writer {
 public:
  explicit Hdf5Writer(const std::string& path, bool gzip = false);

  /// (N,C) values, or (N) when `as_vector` (C must be 1), stored as `type`.
  void floats(const std::string& key, const Tensor& values, FloatType type, bool as_vector = false);
  /// (N,C) double values, stored as `type` (HDF5 rounds to nearest for float32).
  void doubles(const std::string& key, const autodiff::Matrix<double>& values, FloatType type = FloatType::f64);
  /// A scalar UTF-8 string dataset, as h5py writes a str.
  void text(const std::string& key, const std::string& value);
  /// (N) flags stored as `type`.
  void flags(const std::string& key, const std::vector<uint8_t>& values, FlagType type);
  /// Flushes and closes the file; throws DatasetError if that fails.
  void close();
  /// The open file, for attributes.
  hid_t file() const { return file_.get(); }

 private:
  void make_groups(const std::string& key);
  void write(const std::string& key, hid_t file_type, hid_t memory_type, const std::vector<hsize_t>& dims,
             const void* data);

  std::string path_;
  bool gzip_;
  H5Id file_;
};

/// Writes `file` at `path` in the D4RL layout (rewards, terminals, timeouts as (N) vectors). The file
/// appears under `path` only once complete. Throws DatasetError naming the key whose rows differ from N.
void write_d4rl(const std::string& path, const D4rlFile& file);

/// How much random content to make.
struct FixtureShape {
  size_t rows = 0;          // N
  size_t episode_rows = 0;  // rows of a full episode; 0: the real one (1000 locomotion, 1001 antmaze)
};

/// Random content with the layout of `info`'s real file:
/// - locomotion: next_observations and infos/action_log_probs present, medium-replay in float64;
///   episodes of episode_rows rows with the timeout on the last, hopper and walker2d episodes may end
///   earlier on a terminal, the last episode is cut at N with no flag;
/// - antmaze: no next_observations, infos/goal per episode, episode_rows (1001) rows per episode with
///   the timeout on the last, runs of reward 1 with terminals set and no reset after them.
/// Observations are built from qpos/qvel as the environments do, and next_observations[i] =
/// observations[i + 1] inside an episode.
D4rlFile random_d4rl_file(const DatasetInfo& info, const FixtureShape& shape, autodiff::Rng& rng);

/// write_d4rl(path, random_d4rl_file(info, shape, rng)) with rng = Rng::stream(seed, "fixture").
void write_fixture(const std::string& path, const DatasetInfo& info, const FixtureShape& shape, uint64_t seed);

}  // namespace harness
