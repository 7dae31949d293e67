// Tests for autodiff/thread_pool.cpp: a job runs each part once, on the pool's threads; errors come back
// to the caller; a job inside a job runs on the inner caller's thread; the process's pool resizes.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "autodiff/thread_pool.h"

namespace autodiff {
namespace {

TEST(ThreadPool, RunsEveryPartOnce) {
  ThreadPool pool(3);
  for (size_t parts : {1, 2, 3, 7, 1024}) {
    for (int job = 0; job < 50; ++job) {  // many jobs: the workers sleep and spin between them
      std::vector<std::atomic<int>> runs(parts);
      pool.run(parts, [&](size_t t) { ++runs[t]; });
      for (size_t t = 0; t < parts; ++t) ASSERT_EQ(runs[t], 1) << "part " << t << " of " << parts << ", job " << job;
    }
  }
  EXPECT_THROW(pool.run(1025, [](size_t) {}), std::invalid_argument);
}

// the two parts of a job each wait for the other to start: only two threads at once can end it
TEST(ThreadPool, PartsRunAtOnceOnTheCallerAndAWorker) {
  ThreadPool pool(2);
  std::atomic<int> started{0};
  std::vector<std::thread::id> by_part(2);
  pool.run(2, [&](size_t t) {
    by_part[t] = std::this_thread::get_id();
    ++started;
    while (started < 2) std::this_thread::yield();
  });
  EXPECT_NE(by_part[0], by_part[1]);
  EXPECT_TRUE(by_part[0] == std::this_thread::get_id() || by_part[1] == std::this_thread::get_id());
}

TEST(ThreadPool, RethrowsTheLowestPartsError) {
  ThreadPool pool(3);
  try {
    pool.run(3, [](size_t t) {
      if (t > 0) throw std::runtime_error("part " + std::to_string(t));
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "part 1");
  }
  std::atomic<int> runs{0};
  pool.run(3, [&](size_t) { ++runs; });  // still usable
  EXPECT_EQ(runs, 3);
}

TEST(ThreadPool, NestedJobsRunOnTheInnerCallersThread) {
  set_thread_count(2);
  EXPECT_EQ(available_threads(), 2u);
  std::vector<size_t> inner(2, 0);
  parallel_run(2, [&](size_t t) {
    EXPECT_EQ(available_threads(), 1u);
    const std::thread::id outer = std::this_thread::get_id();
    parallel_run(2, [&](size_t) {
      EXPECT_EQ(std::this_thread::get_id(), outer);
      ++inner[t];
    });
  });
  EXPECT_EQ(inner, std::vector<size_t>(2, 2));
  set_thread_count(1);
}

TEST(ThreadPool, ProcessPoolResizes) {
  for (size_t threads : {3, 1, 2, 1}) {
    set_thread_count(threads);
    EXPECT_EQ(thread_count(), threads);
  }
  EXPECT_THROW(set_thread_count(0), std::invalid_argument);
  EXPECT_GE(hardware_threads(), 1u);
}

}  // namespace
}  // namespace autodiff
