// Parity with the independent PyTorch reference (tests/reference/iql_reference.py): both sides
// start from the same initial parameters and train on the same fixed batches; after 50 updates
// every tensor must agree within kParityTolerance. The reference's output is committed as
// golden/parity/<case>.h5, so ctest checks the C++ side without torch; `make parity` remakes it.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "iql/learner.h"

namespace harness {

/// Bound on every tensor's max |ours - reference| / max |reference| (float32, after 50 updates).
///
/// It needs data shaped like each suite's: with Gaussian rewards and antmaze's temperature 10 the
/// bound is not a property of the update at all (PyTorch against itself after a 1-ulp change of
/// its initial weights differs by 5e-3 in single elements, as Adam turns rounding-level gradients
/// into full-size steps), so the antmaze case uses IQL's antmaze rewards {-1, 0}.
inline constexpr double kParityTolerance = 1e-4;

struct ParityCase {
  std::string name;       // "locomotion", "antmaze"
  size_t obs_dim;         // hopper 11, antmaze 29
  size_t act_dim;         // hopper 3, antmaze 8
  iql::IqlConfig config;  // the suite's preset; max_steps 100 so the cosine schedule moves
  uint64_t seed;
  int updates;            // 50
  bool sparse_rewards;    // antmaze-like: r in {-1, 0} (IQL's r - 1), mask 0 where r = 0 (goal)
};

const std::vector<ParityCase>& parity_cases();
/// Throws naming the known cases.
const ParityCase& parity_case(std::string_view name);

/// updates x batch_size synthetic transitions, fixed by the case's seed; update u uses rows
/// [u * batch_size, (u + 1) * batch_size).
rl::Transitions parity_batches(const ParityCase& c);

/// The inputs the reference reads: initial parameters, the batches (2-D, rows as above), and the
/// hyperparameters as root attributes.
void write_parity_inputs(const ParityCase& c, const std::string& path);

/// The C++ learner after the case's updates; `losses` (if given) gets value, actor, critic per update.
std::unique_ptr<iql::Learner> run_parity(const ParityCase& c, std::vector<iql::UpdateInfo>* losses = nullptr);

struct ParityError {
  std::string name;       // a tensor ("actor/0/w") or a network ("actor", "critic", "target", "value")
  double relative_l2;     // ||ours - reference||_2 / ||reference||_2
  double max_relative;    // max |ours - reference| / max |reference|
};

struct ParityReport {
  std::vector<ParityError> tensors;   // every tensor, in parameters() order
  std::vector<ParityError> networks;  // per network, for the report
  bool passed() const;                // every tensor's max_relative within kParityTolerance
};

/// Every tensor of `params` against the `params` group of a reference output (or golden) file.
ParityReport compare_with_reference(const autodiff::ParamList<float>& params, const std::string& reference_path);

/// The largest relative difference between per-update losses (U, K) and the reference file's
/// `losses` dataset: |ours - theirs| / max(1e-6, |theirs|).
double loss_error(const std::vector<std::vector<double>>& ours, const std::string& reference_path);

}  // namespace harness
