// Tests for autodiff/buffer_pool.cpp: alignment, reuse of freed mid-sized buffers, and that every
// size class hands out writable memory of the asked size.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "autodiff/buffer_pool.h"
#include "autodiff/tensor.h"

namespace autodiff {
namespace {

bool aligned(const void* p, size_t to) { return reinterpret_cast<uintptr_t>(p) % to == 0; }

TEST(BufferPool, EverySizeClassIsAlignedAndWritable) {
  for (size_t bytes : {size_t{24}, size_t{4} << 10, size_t{256} << 10, size_t{3} << 20, size_t{20} << 20}) {
    void* p = allocate_buffer(bytes);
    EXPECT_TRUE(aligned(p, 64)) << bytes;
    std::memset(p, 0xab, bytes);  // the whole size is ours: a short buffer would crash here
    EXPECT_EQ(static_cast<unsigned char*>(p)[bytes - 1], 0xab) << bytes;
    release_buffer(p, bytes);
  }
}

TEST(BufferPool, LargeBuffersStartOnAHugePageBoundary) {
  const size_t bytes = size_t{20} << 20;
  void* p = allocate_buffer(bytes);
  EXPECT_TRUE(aligned(p, size_t{2} << 20));
  release_buffer(p, bytes);
}

TEST(BufferPool, AFreedMidSizedBufferIsReusedForTheSameSize) {
  const size_t bytes = 256 * 256 * sizeof(float);  // a hidden activation at batch 256
  void* first = allocate_buffer(bytes);
  release_buffer(first, bytes);
  void* second = allocate_buffer(bytes);
  EXPECT_EQ(first, second) << "a warm training loop must not go back to the OS";
  void* third = allocate_buffer(bytes);
  EXPECT_NE(second, third);
  release_buffer(second, bytes);
  release_buffer(third, bytes);
}

TEST(BufferPool, MatricesTakeTheirMemoryFromIt) {
  const float* first = nullptr;
  {
    Tensor t(std::array<size_t, 2>{256, 256}, 1.0f);
    first = t.data();
  }
  Tensor again(std::array<size_t, 2>{256, 256}, 2.0f);
  EXPECT_EQ(again.data(), first) << "the freed buffer of the same size comes back";
}

}  // namespace
}  // namespace autodiff
