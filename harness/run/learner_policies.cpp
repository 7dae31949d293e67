#include "harness/run/learner_policies.h"

#include <memory>

namespace harness {
namespace {

// a Policy acting with its own copy of `network`, shared by the copies of the std::function
template <class Network>
Policy acting_copy(Network network) {
  auto own = std::make_shared<Network>(std::move(network));
  return [own](std::span<const float> observation, std::span<float> action) { own->act(observation, action); };
}

}  // namespace

PolicyFactory policy_copies(const iql::Learner& learner) {
  return [&learner] { return acting_copy(learner.policy_copy()); };
}

PolicyFactory policy_copies(const sac::TanhGaussianPolicy& policy) {
  return [&policy] { return acting_copy(policy); };
}

}  // namespace harness
