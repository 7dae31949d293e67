// Tests for autodiff/thread_pool.cpp: a job runs each part once, on its own thread; errors come back to
// the caller; a job inside a job runs on the inner caller's thread; the process's pool resizes.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "autodiff/thread_pool.h"

namespace autodiff {
namespace {

TEST(ThreadPool, RunsEveryPartOnceOnItsOwnThread) {
  ThreadPool pool(3);
  for (int job = 0; job < 100; ++job) {  // many jobs: the workers sleep and spin between them
    std::vector<int> runs(3, 0);
    std::vector<std::thread::id> ids(3);
    pool.run(3, [&](size_t t) { ++runs[t], ids[t] = std::this_thread::get_id(); });
    EXPECT_EQ(runs, std::vector<int>(3, 1)) << "job " << job;
    EXPECT_EQ(ids[0], std::this_thread::get_id());
    EXPECT_EQ(std::set<std::thread::id>(ids.begin(), ids.end()).size(), 3u);
  }
}

TEST(ThreadPool, RunsFewerPartsThanThreads) {
  ThreadPool pool(4);
  std::atomic<int> runs{0};
  pool.run(2, [&](size_t t) { runs += static_cast<int>(t) + 1; });
  EXPECT_EQ(runs, 3);
  EXPECT_THROW(pool.run(5, [](size_t) {}), std::invalid_argument);
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
