// libhdf5 1.10 (Debian bookworm's) can crash on a damaged file: a corrupted datatype or object
// header message makes it dereference garbage deep inside H5Oopen or H5Tget_native_type, and no
// check made before the call can rule that out. A reader of files from outside therefore reads once
// in a forked child first: a child killed by a signal becomes a one-line error for the user, and a
// child that survived proves the same (deterministic) read safe in this process. The process may
// have threads (the pool's workers) when it forks: they hold no lock between jobs, and the pool
// returns from its start only once they are in their loop (thread_pool.cpp).
#pragma once
#include <functional>
#include <string>

namespace harness {

/// Runs `work` in a forked child and waits for it. Returns "" when the child ended normally
/// (whether `work` returned or threw), else how it died: "Segmentation fault" (a signal's name), or
/// "exit status 1" (a sanitizer's report). Runs nothing and returns "" when the process cannot fork.
std::string crash_in_child(const std::function<void()>& work);

}  // namespace harness
