// The SAC run behind a replay set (medium-replay, full-replay), rerun here from its command line in
// the manifest (`sac_run = "iql sac --env hopper --seed 0"`): a replay set is rows [0, rows) of that
// run's replay stream, and the run is deterministic, so the stream need not come from elsewhere.
// The run lives beside the dataset cache (<cache>/sac-runs/<env>/seed<seed>) and checkpoints as it
// goes: an interrupted rerun continues where it stopped, and a longer set of the same run (a
// full-replay after a medium-replay) continues the shorter one's run.
#pragma once
#include <cstdint>
#include <string>

#include "harness/behaviour/regen_manifest.h"
#include "harness/data/registry.h"
#include "harness/run/sac_run.h"

namespace harness {

/// The rerun stopped at a checkpoint (a signal) before the step its set needs: not a failure, the
/// same command continues it.
struct SacRerunStopped : DatasetError {
  using DatasetError::DatasetError;
};

/// `sac_run` read as a command line: "iql sac --env E --seed S [--key value ...]", every other flag a
/// SAC hyperparameter (--warmup-steps 100 sets warmup_steps). Throws naming `where` and the word
/// it cannot read.
SacRunOptions parse_sac_run(const std::string& sac_run, const std::string& where);

/// <cache_dir>/sac-runs/<env>/seed<seed>: where the rerun of `options` lives ("" = the dataset cache).
std::string sac_rerun_dir(const SacRunOptions& options, const std::string& cache_dir = "");

/// The replay/ folder of `entry`'s SAC run once its stream holds entry.rows rows: reruns or resumes
/// the run (stopping at that step) when it has fewer. Throws SacRerunStopped when a signal stops it,
/// saying how to continue.
std::string replay_of_sac_run(const RegenEntry& entry, const std::string& manifest);

}  // namespace harness
