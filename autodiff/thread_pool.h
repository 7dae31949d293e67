// The threads a run splits its work over: one persistent pool per process, its size set once by the
// CLI (--threads). Work is split so that the bits never depend on the size: every output element of a
// product, every evaluation episode, is computed whole by one thread in a fixed order, so which thread
// computed it cannot show in its value.
//
// A job is one function run on T threads at once, task(t) for t = 0 .. T-1, with t = 0 on the calling
// thread. The workers are started once; between jobs they spin on a generation counter for a few
// microseconds (the gap between two products of an update), then sleep on it (a futex), so a pool
// never holds a core long after its last job.
#pragma once
#include <atomic>
#include <cstddef>
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

  /// Runs task(t) for t in 0 .. parts-1 (parts <= size(), t = 0 here) and returns when all are done.
  /// An exception of a task is rethrown here, the lowest t's first, after every task has ended.
  template <class Task>
  void run(size_t parts, Task&& task) {
    using Callable = std::remove_reference_t<Task>;
    run_erased(parts, [](void* context, size_t t) { (*static_cast<Callable*>(context))(t); },
               const_cast<void*>(static_cast<const void*>(&task)));
  }

 private:
  using Erased = void (*)(void* context, size_t t);
  void run_erased(size_t parts, Erased task, void* context);
  void work(size_t t);                     // a worker's loop; t >= 1
  void run_part(size_t t) noexcept;        // the job's task(t), its exception kept
  unsigned wait_for_job(unsigned seen);    // the next generation after `seen`
  void wait_for_workers();

  std::vector<std::thread> workers_;
  std::vector<std::exception_ptr> errors_;  // (size) one per part of the current job
  Erased task_ = nullptr;
  void* context_ = nullptr;
  size_t parts_ = 0;
  bool stop_ = false;
  std::atomic<unsigned> generation_{0};  // +1 per job; 32 bits, so waiting on it is a bare futex
  std::atomic<unsigned> running_{0};     // workers yet to finish the current job
};

/// Sets the threads of the process's pool (1 = no workers); not while a job runs. Throws
/// std::invalid_argument for 0.
void set_thread_count(size_t threads);

/// The threads of the process's pool; 1 until set_thread_count is called.
size_t thread_count();

/// The machine's hardware threads (at least 1): the default of a single run's --threads.
size_t hardware_threads();

/// Runs task(t) for t in 0 .. parts-1 on the process's pool, parts at most thread_count(). Inside a
/// task of the pool (a product inside a parallel evaluation) the tasks run one after another on
/// this thread: a nested job would wait on workers that are busy with the outer one.
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
