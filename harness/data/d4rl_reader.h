// Reads a D4RL HDF5 file into float32 arrays and checks it against the registry.
// N = rows in the file, S = observation dim, A = action dim, nq/nv = MuJoCo qpos/qvel lengths.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "autodiff/tensor.h"
#include "harness/data/registry.h"

namespace harness {

using autodiff::Tensor;
/// MuJoCo state rows (qpos or qvel), in double as MuJoCo holds them: replay sets store them as
/// float64, and check-env must restore exactly the state that was recorded.
using StateMatrix = autodiff::Matrix<double>;

/// The arrays of one D4RL file, as read: float arrays in float32 whatever the file holds (the
/// MuJoCo state in double), flags as 0/1.
/// The file's next_observations are never read: the official pipeline uses observations[i + 1].
struct D4rlArrays {
  Tensor observations;             // (N,S)
  Tensor actions;                  // (N,A), in [-1, 1]
  Tensor rewards;                  // (N,1)
  std::vector<uint8_t> terminals;  // (N) 1: the episode ended in an absorbing state at this row
  std::vector<uint8_t> timeouts;   // (N) 1: the time limit cut the episode after this row
  StateMatrix qpos;                // (N,nq) infos/qpos; 0 rows when absent or not read
  StateMatrix qvel;                // (N,nv) infos/qvel; 0 rows when absent or not read
  Tensor goal;                     // (N,2) infos/goal (antmaze); 0 rows when absent or not read

  size_t rows() const { return observations.shape(0); }
  /// Bytes held by all the arrays above.
  size_t bytes() const;
};

/// Whether read_d4rl also reads infos/qpos, infos/qvel and infos/goal (training needs none of them).
enum class InfoKeys { read, skip };

/// Reads the D4RL file at `path`. N comes from the file. When `expect` is given (nullable), the
/// column counts must match its environment (obs/act dims, nq, nv, goal 2). Throws DatasetError
/// naming the file, the key and the fix on: missing file, non-HDF5 or truncated file, missing key,
/// wrong dtype, row counts that disagree, wrong dims, non-finite values, and a file that crashes
/// libhdf5 (read first in a forked child, see crash_guard.h).
D4rlArrays read_d4rl(const std::string& path, const DatasetInfo* expect, InfoKeys infos = InfoKeys::read);

/// One dataset inside an HDF5 file, for shape summaries.
struct KeyInfo {
  std::string key;            // "observations", "infos/qpos", "metadata/algorithm", ...
  std::vector<uint64_t> dims; // empty for a scalar
  std::string dtype;          // "float32", "float64", "bool", "uint8", "int64", "string", ...
};

/// Every dataset in the HDF5 file at `path`, in name order. Throws DatasetError when it cannot open.
std::vector<KeyInfo> list_hdf5_keys(const std::string& path);

}  // namespace harness
