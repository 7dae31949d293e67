#include "harness/cli/threads_option.h"

#include "autodiff/thread_pool.h"
#include "harness/cli/number_option.h"

namespace harness {

void add_threads_option(CLI::App& cmd, size_t& threads, const std::string& default_text) {
  add_whole(cmd, "--threads", threads,
            "threads for the update's products and the evaluation episodes; every count gives the same bits [" +
                default_text + "]",
            size_t{1}, size_t{4096});
}

size_t default_run_threads() { return autodiff::hardware_threads(); }

}  // namespace harness
