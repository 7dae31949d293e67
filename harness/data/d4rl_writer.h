// The D4RL writer: HDF5 files in D4RL's layout from given arrays (the harness's own rollouts and
// regenerated sets; random fixtures in d4rl_fixture.h), through a writer that stamps no times.
// N = rows, S = observation dim, A = action dim, nq/nv = MuJoCo qpos/qvel lengths.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

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
  ~Hdf5Writer();  // closes the file if close() did not, quietly: a write failure has been reported
  Hdf5Writer(const Hdf5Writer&) = delete;
  Hdf5Writer& operator=(const Hdf5Writer&) = delete;

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

/// Makes the HDF5 file `path` with `fill`, under a temporary name (`path`.writing) renamed into place
/// once complete: a reader sees the file before or after, never half of one. When anything fails (a
/// full disk) the temporary is removed, the file before, if any, is left as it was, and the error
/// propagates.
void write_hdf5_file(const std::string& path, const std::function<void(Hdf5Writer&)>& fill, bool gzip = false);

/// Writes `file` at `path` in the D4RL layout (rewards, terminals, timeouts as (N) vectors). The file
/// appears under `path` only once complete. Throws DatasetError naming the key whose rows differ from N.
void write_d4rl(const std::string& path, const D4rlFile& file);

}  // namespace harness
