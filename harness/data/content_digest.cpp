#include "harness/data/content_digest.h"

#include <cstdint>

#include "harness/data/sha256.h"

namespace harness {
namespace {

// the key, its row and column counts as little-endian u64, then the values
void add_key(Sha256& digest, const std::string& key, uint64_t rows, uint64_t cols, const void* data, size_t bytes) {
  digest.update(key.data(), key.size() + 1);  // with the terminating NUL
  digest.update(&rows, sizeof rows);
  digest.update(&cols, sizeof cols);
  digest.update(data, bytes);
}

void add_tensor(Sha256& digest, const std::string& key, const Tensor& t) {
  if (t.shape(0) == 0) return;  // absent
  add_key(digest, key, t.shape(0), t.shape(1), t.data(), t.size() * sizeof(float));
}

// the state as the file stores it: float32 files round it to float (nearest, as HDF5 does)
void add_state(Sha256& digest, const std::string& key, const StateMatrix& m, FloatType stored) {
  if (m.shape(0) == 0) return;  // absent
  if (stored == FloatType::f64) return add_key(digest, key, m.shape(0), m.shape(1), m.data(), m.size() * sizeof(double));
  const std::vector<float> rounded(m.begin(), m.end());
  add_key(digest, key, m.shape(0), m.shape(1), rounded.data(), rounded.size() * sizeof(float));
}

void add_flags(Sha256& digest, const std::string& key, const std::vector<uint8_t>& flags) {
  add_key(digest, key, flags.size(), 1, flags.data(), flags.size());
}

}  // namespace

std::string content_digest(const D4rlFile& file) {
  const D4rlArrays& a = file.arrays;
  Sha256 digest;
  add_tensor(digest, "observations", a.observations);
  add_tensor(digest, "actions", a.actions);
  add_tensor(digest, "rewards", a.rewards);
  add_flags(digest, "terminals", a.terminals);
  add_flags(digest, "timeouts", a.timeouts);
  add_tensor(digest, "next_observations", file.next_observations);
  add_tensor(digest, "infos/action_log_probs", file.action_log_probs);
  add_state(digest, "infos/qpos", a.qpos, file.floats);
  add_state(digest, "infos/qvel", a.qvel, file.floats);
  add_tensor(digest, "infos/goal", a.goal);
  for (const NamedTensor& t : file.metadata_tensors) add_tensor(digest, t.key, t.values);
  for (const auto& [key, text] : file.metadata_text) add_key(digest, key, 1, text.size(), text.data(), text.size());
  return digest.hex();
}

}  // namespace harness
