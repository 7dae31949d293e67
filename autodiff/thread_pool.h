// The threads a run splits its work over: one persistent pool per process, its size set once by the
// CLI (--threads). Work is split so that the bits never depend on the size: every output element of a
// product, every evaluation episode, is computed whole by one thread in a fixed order, so which thread
// computed it cannot show in its value.
//
// A job is one function over parts, task(t) for t = 0 .. parts-1, each part run once by whichever
// thread claims it first, the caller included. The workers are started once; between jobs they spin on
// a generation counter for up to half a millisecond (longer than the gaps between the jobs of an
// update), then sleep on it (a futex), so a pool never holds a core long after its last job. Claiming, not assigning:
// on a machine whose cores are busy with other work a woken worker may wait milliseconds for a core,
// and the caller then runs its parts instead of waiting for it (a fixed assignment made a test run 20x
// slower on a loaded machine); with idle cores each thread takes one part.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <thread>
#include <type_traits>
#include <vector>

namespace autodiff {

class ThreadPool {
 public:
  /// A pool of `threads` threads in all: the caller and threads - 1 workers. Throws
  /// std::invalid_argument for 0.
  explicit ThreadPool(size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /// Threads in all, the caller's included.
  size_t size() const { return workers_.size() + 1; }

  /// Runs task(t) for t in 0 .. parts-1 (parts <= kMaxParts), each once, on the pool's threads and this
  /// one, and returns when all are done. An exception of a task is rethrown here, the lowest t's, after
  /// every part has ended.
  template <class Task>
  void run(size_t parts, Task&& task) {
    using Callable = std::remove_reference_t<Task>;
    run_erased(parts, [](void* context, size_t t) { (*static_cast<Callable*>(context))(t); },
               const_cast<void*>(static_cast<const void*>(&task)));
  }

  static constexpr size_t kMaxParts = 1024;

 private:
  using Erased = void (*)(void* context, size_t t);
  void run_erased(size_t parts, Erased task, void* context);
  void work();                             // a worker's loop
  void run_parts(unsigned generation);     // claims and runs parts of that job until none is left
  unsigned wait_for_job(unsigned seen);    // the next generation after `seen`
  void wait_for_parts(unsigned parts);     // until that many parts have ended

  std::vector<std::thread> workers_;
  std::vector<std::exception_ptr> errors_;  // (kMaxParts) by part, of the current job
  Erased task_ = nullptr;
  void* context_ = nullptr;
  bool stop_ = false;
  std::atomic<unsigned> generation_{0};  // +1 per job; 32 bits, so waiting on it is a bare futex
  // the job's generation (high 32 bits), its parts (bits 16-31) and the next part to claim (bits 0-15):
  // one word, so a claim made for a job that has ended fails instead of running the next job's part
  std::atomic<uint64_t> claim_{0};
  std::atomic<unsigned> ended_{0};  // parts of the current job that have ended
  std::atomic<unsigned> started_{0};  // workers that have entered their loop
};

/// Sets the threads of the process's pool (1 = no workers); not while a job runs. Throws
/// std::invalid_argument for 0.
void set_thread_count(size_t threads);

/// The threads of the process's pool; 1 until set_thread_count is called.
size_t thread_count();

/// The machine's hardware threads (at least 1): the default of a single run's --threads.
size_t hardware_threads();

/// Runs task(t) for t in 0 .. parts-1 on the process's pool (see ThreadPool::run). Inside a task of
/// the pool (a product inside a parallel evaluation) the tasks run one after another on this thread:
/// a nested job would wait on workers that are busy with the outer one.
template <class Task>
void parallel_run(size_t parts, Task&& task);

/// The parts a job may have here: thread_count(), or 1 inside a task of the pool.
size_t available_threads();

/// The pool a job may use here: none inside a task of the pool or when there is one thread.
ThreadPool* current_pool();

template <class Task>
void parallel_run(size_t parts, Task&& task) {
  ThreadPool* pool = current_pool();
  if (parts <= 1 || pool == nullptr) {
    for (size_t t = 0; t < parts; ++t) task(t);
    return;
  }
  pool->run(parts, task);
}

}  // namespace autodiff
