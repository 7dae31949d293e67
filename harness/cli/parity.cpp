// iql parity inputs|compare --case locomotion|antmaze: the C++ half of `make parity`.
#include <cstdio>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/data/fixture_writer.h"
#include "harness/data/hdf5_file.h"
#include "harness/run/parity.h"

namespace harness {
namespace {

struct ParityOptions {
  std::string name = "locomotion";
  std::string path;
  std::string dump;  // compare: also write the C++ parameters here, for inspection
};

void write_parameters(iql::Learner& learner, const std::string& path) {
  Hdf5Writer out(path);
  for (auto& [name, p] : learner.parameters().items) out.floats("params/" + name, p->value, FloatType::f32);
  out.close();
}

// prints every tensor's error and the loss differences; throws when a tensor is off
void run_compare(const ParityOptions& o) {
  const ParityCase& c = parity_case(o.name);
  std::vector<iql::UpdateInfo> losses;
  std::unique_ptr<iql::Learner> learner = run_parity(c, &losses);
  if (!o.dump.empty()) write_parameters(*learner, o.dump);
  const ParityReport report = compare_with_reference(*learner, o.path);
  for (const ParityError& e : report.tensors)
    std::printf("  %-22s relative L2 %.2e   max element %.2e\n", e.name.c_str(), e.relative_l2, e.max_relative);
  for (const ParityError& e : report.networks)
    std::printf("%-8s relative L2 %.2e, worst element %.2e (tolerance %.0e per element)\n", e.name.c_str(),
                e.relative_l2, e.max_relative, kParityTolerance);
  const autodiff::Tensor reference_losses = read_tensor(open_hdf5(o.path).get(), o.path, "losses");
  double loss_error = 0;
  for (size_t u = 0; u < losses.size(); ++u) {
    const double ours[] = {losses[u].value_loss, losses[u].actor_loss, losses[u].critic_loss};
    for (size_t k = 0; k < 3; ++k)
      loss_error = std::max(loss_error, std::abs(ours[k] - reference_losses(u, k)) / std::max(1e-6, std::abs(double(reference_losses(u, k)))));
  }
  std::printf("%s: %d updates; losses agree within %.2e relative; %s\n", c.name.c_str(), c.updates, loss_error,
              report.passed() ? "PASS" : "FAIL");
  if (!report.passed()) throw autodiff::Error("parity failed for case " + c.name);
}

}  // namespace

void add_parity_command(CLI::App& app) {
  auto o = std::make_shared<ParityOptions>();
  CLI::App* cmd = app.add_subcommand("parity", "Parity with the PyTorch reference (used by `make parity`)");
  cmd->require_subcommand(1);
  CLI::App* inputs = cmd->add_subcommand("inputs", "Write the initial parameters and batches the reference reads");
  inputs->add_option("--case", o->name, "locomotion or antmaze")->capture_default_str();
  inputs->add_option("--out", o->path, "HDF5 file to write")->required();
  inputs->callback([o] { write_parity_inputs(parity_case(o->name), o->path); });
  CLI::App* compare = cmd->add_subcommand("compare", "Run the C++ updates and compare every tensor");
  compare->add_option("--case", o->name, "locomotion or antmaze")->capture_default_str();
  compare->add_option("--reference", o->path, "the reference's output HDF5")->required()->check(CLI::ExistingFile);
  compare->add_option("--out", o->dump, "also write the C++ parameters to this HDF5 file");
  compare->callback([o] { run_compare(*o); });
}

}  // namespace harness
