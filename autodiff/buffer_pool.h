// Where tensor memory comes from.
//
// One IQL update reads and writes about 20 MB: activations, gradients, parameters, Adam moments.
// With 4 KiB pages that is ~5000 pages, more than the TLB covers, and the GEMMs' packing passes
// pay for the misses. Buffers taken from 2 MiB-aligned slabs advised as transparent huge pages
// made one update 5-10% faster on the development machine (bench_iql). Sizes:
//   - under 64 KiB (biases, small batches): the ordinary heap;
//   - 64 KiB to 8 MiB (the 256x256 activations and weights): carved from huge-page slabs and,
//     when freed, kept for the next buffer of the same size. A training loop allocates the same
//     sizes over and over (the tape keeps its buffers), so a warm loop never reaches the OS;
//   - 8 MiB and up (datasets): a mapping of their own, returned to the OS when freed.
// Addresses never influence values: no op reads alignment or pointer order.
#pragma once
#include <cstddef>

namespace autodiff {

/// At least `bytes` bytes, 64-byte aligned. Thread-safe. Throws std::bad_alloc.
void* allocate_buffer(size_t bytes);

/// Gives back a buffer from allocate_buffer(bytes), with the same `bytes`.
void release_buffer(void* buffer, size_t bytes) noexcept;

/// The allocator of every Matrix: allocate_buffer / release_buffer for std containers.
template <class T>
struct BufferAllocator {
  using value_type = T;

  BufferAllocator() = default;
  template <class U>
  BufferAllocator(const BufferAllocator<U>&) noexcept {}

  T* allocate(size_t n) { return static_cast<T*>(allocate_buffer(n * sizeof(T))); }
  void deallocate(T* p, size_t n) noexcept { release_buffer(p, n * sizeof(T)); }

  template <class U>
  bool operator==(const BufferAllocator<U>&) const noexcept { return true; }
};

}  // namespace autodiff
