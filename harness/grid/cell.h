// A cell of a grid: one (dataset, seed), run as one single-threaded `iql train` process (`iql finetune`
// when the grid gives it online steps). Local and Slurm backends run the same command line, and a
// cell's state is read back from its run directory (run.json, checkpoint.h5), so running the grid
// again skips finished cells and resumes the rest.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "harness/grid/grid_spec.h"

namespace harness {

/// The exit code of `iql train` that checkpointed on SIGINT or SIGTERM: a cell to resume, not a failure.
constexpr int kCheckpointedExit = 130;

/// What every cell of one grid invocation shares.
struct CellContext {
  std::string iql;          // the iql executable, argv[0] of every cell
  std::string runs_dir;     // RUNS: cells run in RUNS/<dataset>/seed<seed>
  int64_t steps = 0;        // > 0: --steps N for every cell (replaces a max_steps hyperparameter)
  bool offline = false;     // every cell runs train --offline: a missing dataset is an error, never a download
  std::string mirror = "";  // every cell runs train --mirror URL; "" = none ($D4RL_MIRROR, else the official server)
  size_t threads = 1;       // every cell runs train --threads N: 1 by default, as the cells are the parallel unit
};

struct Cell {
  std::string dataset;
  uint64_t seed = 0;
  std::string run_dir;            // RUNS/<dataset>/seed<seed>
  std::vector<std::string> argv;  // the full command, argv[0] = the iql binary
  std::string config_toml;        // the hyperparameters train will record (config_toml()); "" = unchecked
};

/// The cell of `dataset` and `seed`; resolves the hyperparameters as `iql train` will (preset, the
/// --config file, then the flags), so a run directory holding another config can be told apart.
Cell make_cell(const GridDataset& dataset, uint64_t seed, const CellContext& context);

/// Every cell of `spec`: datasets in file order, seeds in list order.
std::vector<Cell> grid_cells(const GridSpec& spec, const CellContext& context);

/// The path of the running executable (/proc/self/exe): the iql binary cells run.
std::string self_executable();

/// `arg` quoted for a POSIX shell when it needs it ("a b" -> 'a b', "it's" -> 'it'\''s').
std::string shell_quote(const std::string& arg);

/// argv as one shell command line, each argument quoted as needed.
std::string command_line(const std::vector<std::string>& argv);

enum class CellState {
  fresh,     // nothing in the run directory: train starts from scratch
  partial,   // a checkpoint or an unfinished run.json: train --resume continues it
  finished,  // run.json says finished with this config: skipped
  conflict,  // the run directory holds a run with other hyperparameters: neither skipped nor resumable
};

/// "fresh", "partial", "finished", "conflict".
const char* state_name(CellState state);

struct CellStatus {
  CellState state = CellState::fresh;
  int64_t steps = 0;         // updates done so far (from run.json), 0 if unknown
  double final_score = 0;    // from run.json when finished
  std::string detail;        // why: e.g. which file says so
};

/// The state of `cell`'s run directory: run.json (read with parse_json_object) when present, else
/// whether checkpoint.h5 exists. Never throws: an unreadable run.json makes the cell partial.
CellStatus read_cell_status(const Cell& cell);

}  // namespace harness
