// The checkpoint of an IQL fine-tune run: an IQL checkpoint (checkpoint.h: learner, batch stream,
// dataset, config) plus the online loop's part (online_loop.h: the exploration episode in
// mid-step, the exploration and reset streams, steps collected) and the run's length online. The
// buffer's online rows are not in it: the replay stream on disk holds them.
#pragma once
#include <cstdint>
#include <string>

#include "harness/run/checkpoint.h"
#include "harness/run/online_loop.h"

namespace harness {

struct FinetuneState {
  RunState run;              // as an offline run's; run.config_toml's max_steps = offline updates
  int64_t online_steps = 0;  // environment steps the online phase lasts
  OnlineState online;
};

/// What a checkpoint must share with the run resuming it: an offline run's fields and the length
/// of the online phase.
std::vector<SameRunField> finetune_identity(const FinetuneState& saved, const FinetuneState& fresh);

void save_finetune_checkpoint(const std::string& path, iql::Learner& learner, const FinetuneState& state);

/// The run fields of a fine-tune checkpoint; throws naming the file when it is another kind's.
FinetuneState read_finetune_state(const std::string& path);

/// Loads every tensor and counter into `learner`; returns the run fields.
FinetuneState load_finetune_checkpoint(const std::string& path, iql::Learner& learner);

}  // namespace harness
