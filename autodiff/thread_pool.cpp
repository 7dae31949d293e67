#include "autodiff/thread_pool.h"

#include <chrono>
#include <memory>
#include <stdexcept>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace autodiff {
namespace {

void pause() {
#if defined(__x86_64__)
  _mm_pause();
#endif
}

// How long a thread spins before it sleeps: longer than the gaps between the jobs of an update (the
// elementwise ops and optimiser steps between two products, up to a few hundred microseconds), so a
// worker takes the next job without a system call; short enough that a pool with more threads than
// free cores soon leaves the cores to the threads that have work. Timed, not counted: one pause
// takes 10 cycles on some x86 cores and 140 on others. With 1000 pauses (~50 us on a Xeon of family 6
// model 207) the 2-thread update took 0.73x the 1-thread time; spinning ~500 us, 0.66x (bench_threads).
constexpr auto kSpinTime = std::chrono::microseconds(500);
constexpr int kPausesPerClockRead = 64;

// calls done() between pauses until it is true (returns true) or kSpinTime has passed (false)
template <class Done>
bool spin_until(Done done) {
  const auto deadline = std::chrono::steady_clock::now() + kSpinTime;
  for (;;) {
    for (int i = 0; i < kPausesPerClockRead; ++i) {
      if (done()) return true;
      pause();
    }
    if (std::chrono::steady_clock::now() > deadline) return false;
  }
}

// true on a worker, and on the caller while it runs parts of a job
thread_local bool inside_task = false;

std::unique_ptr<ThreadPool>& process_pool() {
  static std::unique_ptr<ThreadPool> pool;
  return pool;
}

constexpr uint64_t claim_word(unsigned generation, size_t parts, size_t next) {
  return uint64_t{generation} << 32 | uint64_t{parts} << 16 | next;
}

}  // namespace

ThreadPool::ThreadPool(size_t threads) : errors_(kMaxParts) {
  if (threads == 0) throw std::invalid_argument("ThreadPool: needs at least one thread, got 0");
  workers_.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) workers_.emplace_back([this] { work(); });
  // returns once every worker is in its loop: a thread still starting may hold a lock of the runtime
  // (ASan's allocator takes one), and a fork in that moment (crash_guard.h) leaves it held forever in
  // the child, whose first malloc then hangs
  const unsigned workers = static_cast<unsigned>(threads - 1);
  for (unsigned now; (now = started_.load(std::memory_order_acquire)) != workers;) started_.wait(now);
}

ThreadPool::~ThreadPool() {
  stop_ = true;
  generation_.fetch_add(1, std::memory_order_release);
  generation_.notify_all();
  for (std::thread& w : workers_) w.join();
}

void ThreadPool::run_erased(size_t parts, Erased task, void* context) {
  if (parts > kMaxParts) throw std::invalid_argument("ThreadPool::run: more than 1024 parts");
  if (parts == 0) return;
  task_ = task, context_ = context;
  ended_.store(0, std::memory_order_relaxed);
  const unsigned generation = generation_.load(std::memory_order_relaxed) + 1;
  // the release publishes the job's fields to whoever claims a part of it
  claim_.store(claim_word(generation, parts, 0), std::memory_order_release);
  generation_.store(generation, std::memory_order_release);
  generation_.notify_all();
  inside_task = true;
  run_parts(generation);
  inside_task = false;
  wait_for_parts(static_cast<unsigned>(parts));
  std::exception_ptr first;  // every part's error cleared, so none outlives this job
  for (size_t t = 0; t < parts; ++t) {
    if (errors_[t] && !first) first = errors_[t];
    errors_[t] = nullptr;
  }
  if (first) std::rethrow_exception(first);
}

void ThreadPool::run_parts(unsigned generation) {
  uint64_t word = claim_.load(std::memory_order_acquire);
  for (;;) {
    const size_t parts = word >> 16 & 0xFFFF, next = word & 0xFFFF;
    if (word >> 32 != generation || next >= parts) return;
    if (!claim_.compare_exchange_weak(word, word + 1, std::memory_order_acq_rel)) continue;
    try {
      task_(context_, next);  // the job cannot end, nor its fields change, before this part has
    } catch (...) {
      errors_[next] = std::current_exception();
    }
    if (ended_.fetch_add(1, std::memory_order_acq_rel) + 1 == parts) ended_.notify_one();
    word = claim_.load(std::memory_order_acquire);
  }
}

void ThreadPool::work() {
  inside_task = true;
  started_.fetch_add(1, std::memory_order_release);
  started_.notify_one();
  for (unsigned seen = 0;;) {
    seen = wait_for_job(seen);
    if (stop_) return;
    run_parts(seen);
  }
}

unsigned ThreadPool::wait_for_job(unsigned seen) {
  if (!spin_until([&] { return generation_.load(std::memory_order_acquire) != seen; })) {
    generation_.wait(seen, std::memory_order_acquire);
  }
  return generation_.load(std::memory_order_acquire);
}

void ThreadPool::wait_for_parts(unsigned parts) {
  if (spin_until([&] { return ended_.load(std::memory_order_acquire) == parts; })) return;
  for (unsigned now; (now = ended_.load(std::memory_order_acquire)) != parts;) ended_.wait(now);
}

void set_thread_count(size_t threads) {
  if (threads == 0) throw std::invalid_argument("--threads: needs at least 1, got 0");
  std::unique_ptr<ThreadPool>& pool = process_pool();
  if (threads == thread_count()) return;
  pool.reset();
  if (threads > 1) pool = std::make_unique<ThreadPool>(threads);
}

size_t thread_count() {
  const std::unique_ptr<ThreadPool>& pool = process_pool();
  return pool ? pool->size() : 1;
}

size_t hardware_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? n : 1;
}

ThreadPool* current_pool() { return inside_task ? nullptr : process_pool().get(); }

size_t available_threads() {
  const ThreadPool* pool = current_pool();
  return pool ? pool->size() : 1;
}

}  // namespace autodiff
