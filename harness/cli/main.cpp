// iql: the command-line front end. Errors become one line on stderr and a non-zero exit.
#include <cstdio>

#include "autodiff/error.h"
#include "harness/cli/commands.h"
#include "harness/cli/threads_option.h"
#include "harness/run/fingerprint.h"
#include "harness/run/golden_kernels.h"

namespace {

// `iql --version`: what a run record says of the build
std::string version_text() {
  const harness::BuildInfo b = harness::build_info();
  return "iql " + b.git_commit + "\n" + b.compiler + "\n" + b.blas_config + " (kernels in use: " +
         b.blas_kernel + ")\nordered GEMM kernel: " + b.gemm_kernel + "\nthreads: " +
         std::to_string(harness::default_run_threads()) +
         " (a single run's default --threads: this machine's hardware threads; grid cells 1; the same bits for any count)";
}

}  // namespace

int main(int argc, char** argv) {
#ifdef __AVX2__
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
    std::fprintf(stderr, "error: this iql was built for CPUs with AVX2 and FMA and this one lacks them; "
                         "rebuild with cmake -DIQL_AVX2=OFF\n");
    return 1;
  }
#endif
  harness::restart_on_golden_blas_kernels(argv);
  CLI::App app("iql: deterministic offline RL with Implicit Q-Learning on D4RL");
  app.set_version_flag("--version", version_text);
  app.require_subcommand(1);
  harness::add_env_command(app);
  harness::add_datasets_command(app);
  harness::add_train_command(app);
  harness::add_eval_command(app);
  harness::add_sac_command(app);
  harness::add_grid_command(app);
  harness::add_report_command(app);
  harness::add_parity_command(app);
  harness::add_golden_command(app);
  harness::add_demo_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {  // autodiff::Error and its kin, HDF5, MuJoCo, I/O
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
