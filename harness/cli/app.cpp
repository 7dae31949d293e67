#include "harness/cli/app.h"

#include <cstdio>
#include <filesystem>
#include <new>

#include "harness/cli/commands.h"
#include "harness/cli/threads_option.h"
#include "harness/run/fingerprint.h"

namespace harness {
namespace {

// `iql --version`: what a run record says of the build
std::string version_text() {
  const BuildInfo b = build_info();
  return "iql " + b.git_commit + "\n" + b.compiler + "\n" + b.blas_config + " (kernels in use: " + b.blas_kernel +
         ")\nordered GEMM kernel: " + b.gemm_kernel + "\nthreads: " + std::to_string(default_run_threads()) +
         " (a single run's default --threads: this machine's hardware threads; grid cells 1; the same bits for any count)";
}

// CLI11's "--seed: At Most 1 required but received 2" in the project's words; every other CLI11
// message names the option and reads plainly already
std::string plain_words(const std::string& message) {
  const std::string at_most = ": At Most 1 required but received ";
  const size_t at = message.find(at_most);
  if (at == std::string::npos) return message;
  return message.substr(0, at) + " is given " + message.substr(at + at_most.size()) +
         " times; it takes one value: give it once";
}

int fail(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return 1;
}

}  // namespace

std::unique_ptr<CLI::App> make_cli() {
  auto app = std::make_unique<CLI::App>("iql: deterministic offline RL with Implicit Q-Learning on D4RL");
  app->set_version_flag("--version", version_text);
  app->require_subcommand(1);
  // CLI11's parse errors as one line, like every other error (its default adds a second line)
  app->failure_message([](const CLI::App*, const CLI::Error& e) {
    return "error: " + plain_words(e.what()) + " (--help lists the options)\n";
  });
  add_env_command(*app);
  add_datasets_command(*app);
  add_train_command(*app);
  add_eval_command(*app);
  add_sac_command(*app);
  add_finetune_command(*app);
  add_grid_command(*app);
  add_reproduce_command(*app);
  add_report_command(*app);
  add_plot_command(*app);
  add_parity_command(*app);
  add_golden_command(*app);
  add_demo_command(*app);
  return app;
}

int run_cli(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::bad_alloc&) {
    return fail("out of memory: the run asked for more than this machine has; lower the sizes it was given "
                "(hidden_dim, batch_size, replay_capacity, --rows)");
  } catch (const std::filesystem::filesystem_error& e) {
    return fail(e.path1().string() + ": " + e.code().message() + " (while working on the files of this command)");
  } catch (const std::exception& e) {  // autodiff::Error and its kin, HDF5, MuJoCo, I/O
    return fail(e.what());
  }
  return 0;
}

}  // namespace harness
