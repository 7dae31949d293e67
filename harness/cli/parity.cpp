// iql parity inputs|compare --case locomotion|antmaze|sac: the C++ half of `make parity`.
#include <cstdio>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/path_option.h"
#include "harness/data/d4rl_writer.h"
#include "harness/data/hdf5_file.h"
#include "harness/run/parity.h"
#include "harness/run/sac_parity.h"

namespace harness {
namespace {

struct ParityOptions {
  std::string name = "locomotion";
  std::string path;
  std::string dump;  // compare: also write the C++ parameters here, for inspection
};

constexpr const char* kSacCase = "sac";

void write_parameters(const autodiff::ParamList<float>& params, const std::string& path) {
  Hdf5Writer out(path);
  for (const auto& [name, p] : params.items) out.floats("params/" + name, p->value, FloatType::f32);
  out.close();
}

// prints every tensor's error and the loss differences; throws when a tensor is off
void report_parity(const std::string& name, int updates, autodiff::ParamList<float> params,
                   const std::vector<std::vector<double>>& losses, const ParityOptions& o) {
  if (!o.dump.empty()) write_parameters(params, o.dump);
  const ParityReport report = compare_with_reference(params, o.path);
  for (const ParityError& e : report.tensors)
    std::printf("  %-22s relative L2 %.2e   max element %.2e\n", e.name.c_str(), e.relative_l2, e.max_relative);
  for (const ParityError& e : report.networks)
    std::printf("%-8s relative L2 %.2e, worst element %.2e (tolerance %.0e per element)\n", e.name.c_str(),
                e.relative_l2, e.max_relative, kParityTolerance);
  std::printf("%s: %d updates; losses agree within %.2e relative; %s\n", name.c_str(), updates,
              loss_error(losses, o.path), report.passed() ? "PASS" : "FAIL");
  if (!report.passed()) throw autodiff::Error("parity failed for case " + name);
}

void run_compare(const ParityOptions& o) {
  std::vector<std::vector<double>> losses;
  if (o.name == kSacCase) {
    const SacParityCase c;
    std::unique_ptr<sac::SacLearner> learner = run_sac_parity(c, &losses);
    report_parity(o.name, c.updates, learner->parameters(), losses, o);
    return;
  }
  const ParityCase& c = parity_case(o.name);
  std::vector<iql::UpdateInfo> infos;
  std::unique_ptr<iql::Learner> learner = run_parity(c, &infos);
  for (const iql::UpdateInfo& i : infos) losses.push_back({i.value_loss, i.actor_loss, i.critic_loss});
  report_parity(o.name, c.updates, learner->parameters(), losses, o);
}

void write_inputs(const ParityOptions& o) {
  if (o.name == kSacCase) {
    write_sac_parity_inputs(SacParityCase{}, o.path);
  } else {
    write_parity_inputs(parity_case(o.name), o.path);
  }
}

}  // namespace

void add_parity_command(CLI::App& app) {
  auto o = std::make_shared<ParityOptions>();
  CLI::App* cmd = app.add_subcommand("parity", "Parity with the PyTorch reference (used by `make parity`)");
  cmd->require_subcommand(1);
  CLI::App* inputs = cmd->add_subcommand("inputs", "Write the initial parameters and batches the reference reads");
  inputs->add_option("--case", o->name, "locomotion, antmaze (IQL) or sac")->capture_default_str();
  add_output_file(*inputs, "--out", o->path, "HDF5 file to write")->required();
  inputs->callback([o] { write_inputs(*o); });
  CLI::App* compare = cmd->add_subcommand("compare", "Run the C++ updates and compare every tensor");
  compare->add_option("--case", o->name, "locomotion, antmaze (IQL) or sac")->capture_default_str();
  add_input_file(*compare, "--reference", o->path, "the reference's output HDF5", "the PyTorch reference's output .h5")
      ->required();
  add_output_file(*compare, "--out", o->dump, "also write the C++ parameters to this HDF5 file");
  compare->callback([o] { run_compare(*o); });
}

}  // namespace harness
