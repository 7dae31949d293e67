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
  add_tensor(digest, "infos/qpos", a.qpos);
  add_tensor(digest, "infos/qvel", a.qvel);
  add_tensor(digest, "infos/goal", a.goal);
  for (const NamedTensor& t : file.metadata_tensors) add_tensor(digest, t.key, t.values);
  for (const auto& [key, text] : file.metadata_text) add_key(digest, key, 1, text.size(), text.data(), text.size());
  return digest.hex();
}

}  // namespace harness
