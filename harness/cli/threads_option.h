// --threads: how many threads a run splits its products and evaluation episodes over. Any count gives
// the same bits (autodiff/thread_pool.h), so it is a speed setting only: a resumed run may change it.
#pragma once
#include <cstddef>

#include <CLI/CLI.hpp>

namespace harness {

/// Adds --threads N (a whole number >= 1) writing to `threads`, whose value on entry is the default
/// shown in the help.
void add_threads_option(CLI::App& cmd, size_t& threads, const std::string& default_text);

/// What a single run's --threads defaults to: every hardware thread of this machine.
size_t default_run_threads();

}  // namespace harness
