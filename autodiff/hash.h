// FNV-1a 64: a small, stable hash for stream names and parameter fingerprints (not cryptographic).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "autodiff/param.h"

namespace autodiff {

inline constexpr uint64_t kFnvOffset = 0xCBF29CE484222325ull;

/// Continues hash `state` over `size` bytes; start from kFnvOffset.
inline uint64_t fnv1a64(const void* data, size_t size, uint64_t state = kFnvOffset) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < size; ++i) state = (state ^ bytes[i]) * 0x100000001B3ull;
  return state;
}

/// Hex FNV-1a 64 of the bytes of every tensor of `params`, in list order: equal hashes, equal bits.
template <class T>
std::string parameter_hash(const ParamList<T>& params) {
  uint64_t hash = kFnvOffset;
  for (const auto& [name, p] : params.items) hash = fnv1a64(p->value.data(), p->value.size() * sizeof(T), hash);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace autodiff
