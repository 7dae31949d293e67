#include "autodiff/thread_pool.h"

#include <memory>
#include <stdexcept>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace autodiff {
namespace {

// Spins before sleeping: about 1000 pauses, 10-30 us on current x86 cores. Longer than the gap
// between two products of an update (a worker wakes without a system call), short enough that a pool
// with more threads than free cores soon leaves the cores to the threads that have work.
constexpr int kSpins = 1000;

void pause() {
#if defined(__x86_64__)
  _mm_pause();
#endif
}

// true on a worker, and on the caller while it runs its part of a job
thread_local bool inside_task = false;

std::unique_ptr<ThreadPool>& process_pool() {
  static std::unique_ptr<ThreadPool> pool;
  return pool;
}

}  // namespace

ThreadPool::ThreadPool(size_t threads) : errors_(threads) {
  if (threads == 0) throw std::invalid_argument("ThreadPool: needs at least one thread, got 0");
  workers_.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) workers_.emplace_back([this, t] { work(t); });
}

ThreadPool::~ThreadPool() {
  stop_ = true;
  generation_.fetch_add(1, std::memory_order_release);
  generation_.notify_all();
  for (std::thread& w : workers_) w.join();
}

void ThreadPool::run_erased(size_t parts, Erased task, void* context) {
  if (parts > size()) throw std::invalid_argument("ThreadPool::run: more parts than threads");
  task_ = task, context_ = context, parts_ = parts;
  running_.store(static_cast<unsigned>(workers_.size()), std::memory_order_relaxed);
  // the release publishes the job's fields to the workers that see the new generation
  generation_.fetch_add(1, std::memory_order_release);
  generation_.notify_all();
  inside_task = true;
  run_part(0);
  inside_task = false;
  wait_for_workers();
  std::exception_ptr first;  // every part's error cleared, so none outlives this job
  for (std::exception_ptr& e : errors_) {
    if (e && !first) first = e;
    e = nullptr;
  }
  if (first) std::rethrow_exception(first);
}

void ThreadPool::run_part(size_t t) noexcept {
  if (t >= parts_) return;  // a worker with no part in this job still checks in
  try {
    task_(context_, t);
  } catch (...) {
    errors_[t] = std::current_exception();
  }
}

void ThreadPool::work(size_t t) {
  inside_task = true;
  for (unsigned seen = 0;;) {
    seen = wait_for_job(seen);
    if (stop_) return;
    run_part(t);
    if (running_.fetch_sub(1, std::memory_order_acq_rel) == 1) running_.notify_one();
  }
}

unsigned ThreadPool::wait_for_job(unsigned seen) {
  for (int i = 0; i < kSpins; ++i) {
    const unsigned now = generation_.load(std::memory_order_acquire);
    if (now != seen) return now;
    pause();
  }
  generation_.wait(seen, std::memory_order_acquire);
  return generation_.load(std::memory_order_acquire);
}

void ThreadPool::wait_for_workers() {
  for (int i = 0; i < kSpins; ++i) {
    if (running_.load(std::memory_order_acquire) == 0) return;
    pause();
  }
  for (unsigned left; (left = running_.load(std::memory_order_acquire)) != 0;) running_.wait(left);
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
