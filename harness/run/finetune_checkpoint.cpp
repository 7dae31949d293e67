#include "harness/run/finetune_checkpoint.h"

#include "harness/data/hdf5_file.h"

namespace harness {
namespace {

constexpr const char* kKind = "finetune";  // an offline run's checkpoint has no such attribute

void read_online_part(const std::string& path, FinetuneState& state) {
  H5Id file = open_hdf5(path);
  const hid_t f = file.get();
  if (!has_attribute(f, "kind") || read_text_attribute(f, path, "kind") != kKind) {
    throw autodiff::Error(path + ": not the checkpoint of an `iql finetune` run; choose another --out to start one");
  }
  state.online_steps = static_cast<int64_t>(read_u64_attribute(f, path, "online_steps", 1).front());
  std::vector<double> no_sums;  // the loss sums travel in the offline part (RunState::partial_log)
  state.online = read_online_state(f, path, no_sums);
}

}  // namespace

std::vector<SameRunField> finetune_identity(const FinetuneState& saved, const FinetuneState& fresh) {
  std::vector<SameRunField> fields = run_identity(saved.run, fresh.run);
  fields.push_back({"online steps", std::to_string(saved.online_steps), std::to_string(fresh.online_steps)});
  return fields;
}

void save_finetune_checkpoint(const std::string& path, iql::Learner& learner, const FinetuneState& state) {
  save_checkpoint(path, learner, state.run, [&](hid_t file) {
    write_text_attribute(file, "kind", kKind);
    write_u64_attribute(file, "online_steps", {static_cast<uint64_t>(state.online_steps)});
    write_online_state(file, state.online, {});
  });
}

FinetuneState read_finetune_state(const std::string& path) {
  FinetuneState state;
  state.run = read_run_state(path);
  read_online_part(path, state);
  return state;
}

FinetuneState load_finetune_checkpoint(const std::string& path, iql::Learner& learner) {
  FinetuneState state;
  state.run = load_checkpoint(path, learner);
  read_online_part(path, state);
  return state;
}

}  // namespace harness
