// The real `iql` binary, built next to the test executables, run as a child by end-to-end tests.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "harness/grid/cell.h"
#include "harness/grid/local_pool.h"

namespace harness::testing {

/// The iql binary beside this test executable (the iql_cli target builds it).
inline std::string iql_binary() {
  return (std::filesystem::path(self_executable()).parent_path() / "iql").string();
}

/// Runs `iql ARGS...` with its stdout and stderr in `log` and `env` set over this process's
/// environment, and waits for it.
inline JobOutcome run_iql(const std::vector<std::string>& args, const std::string& log,
                          std::map<std::string, std::string> env = {}) {
  std::vector<std::string> argv = {iql_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  PoolOptions options;
  options.env = std::move(env);
  return run_pool({PoolJob{argv, log}}, options).outcomes.at(0);
}

}  // namespace harness::testing
