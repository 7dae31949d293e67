#include "autodiff/buffer_pool.h"

#include <sys/mman.h>

#include <cstdint>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

namespace autodiff {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;
constexpr size_t kSlab = size_t{32} << 20;
constexpr size_t kPooledMin = size_t{64} << 10;  // below: the ordinary heap
constexpr size_t kPooledMax = size_t{8} << 20;   // from here: a mapping of its own
constexpr size_t kPage = size_t{4} << 10;
constexpr std::align_val_t kAlign{64};

size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

// `bytes` (a multiple of 2 MiB) of fresh memory at a 2 MiB boundary, advised as huge pages
char* map_huge(size_t bytes) {
  void* raw = mmap(nullptr, bytes + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = round_up(start, kHugePage);
  if (aligned > start) munmap(raw, aligned - start);
  if (const size_t tail = start + kHugePage - aligned) munmap(reinterpret_cast<void*>(aligned + bytes), tail);
  madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);  // a hint: fine if refused
  return reinterpret_cast<char*>(aligned);
}

// mid-sized buffers: bump-allocated from slabs, recycled by exact (page-rounded) size
class Pool {
 public:
  void* take(size_t bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<void*>& free = free_[bytes];
    if (!free.empty()) {
      void* p = free.back();
      free.pop_back();
      return p;
    }
    if (slab_left_ < bytes) {
      slab_next_ = map_huge(kSlab);  // the rest of the old slab stays unused: at most 8 MiB
      slab_left_ = kSlab;
    }
    void* p = slab_next_;
    slab_next_ += bytes;
    slab_left_ -= bytes;
    return p;
  }

  void give_back(void* p, size_t bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_[bytes].push_back(p);
  }

 private:
  std::mutex mutex_;
  std::unordered_map<size_t, std::vector<void*>> free_;
  char* slab_next_ = nullptr;
  size_t slab_left_ = 0;
};

Pool& pool() {
  static Pool* p = new Pool;  // never destroyed: buffers may be freed during static destruction
  return *p;
}

}  // namespace

void* allocate_buffer(size_t bytes) {
  if (bytes < kPooledMin) return ::operator new(bytes, kAlign);
  if (bytes < kPooledMax) return pool().take(round_up(bytes, kPage));
  return map_huge(round_up(bytes, kHugePage));
}

void release_buffer(void* buffer, size_t bytes) noexcept {
  if (!buffer) return;
  if (bytes < kPooledMin) {
    ::operator delete(buffer, kAlign);
  } else if (bytes < kPooledMax) {
    pool().give_back(buffer, round_up(bytes, kPage));
  } else {
    munmap(buffer, round_up(bytes, kHugePage));
  }
}

}  // namespace autodiff
