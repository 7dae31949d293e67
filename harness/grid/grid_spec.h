// A grid file: which datasets to train on, with which seeds and evaluation settings. It is TOML as
// CLI11 reads it, in two kinds of section; a dataset's own keys win over [defaults]:
//
//   [defaults]
//   seeds = [0, 1, 2, 3, 4]        # default 0..4 (the reporting practice: >= 5 seeds)
//   config = "../tiny.toml"        # optional: `iql train --config`, relative to the grid file
//   hidden_dim = 32                # optional: any IQL hyperparameter, passed as --hidden-dim 32
//
//   [dataset.hopper-medium-v2]     # a registry name (iql datasets list)
//   preset = "locomotion"          # the dataset's suite; `iql train` applies its hyperparameters
//   eval_interval = 5000           # default: the preset's (5000 locomotion, 100000 antmaze)
//   eval_episodes = 10             # default: the preset's (10 locomotion, 100 antmaze)
//   online_steps = 1000000         # optional, AntMaze only: the cell fine-tunes (`iql finetune`):
//                                  # its offline updates, then this many online steps
//
// Unknown sections, keys and datasets are errors naming the file, the section and the key.
#pragma once
#include <cstdint>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/error.h"

namespace harness {

// a grid file or a grid option that cannot be used; the message names the file/option and key
struct GridError : autodiff::Error {
  using autodiff::Error::Error;
};

/// One dataset of a grid with its settings resolved over [defaults].
struct GridDataset {
  std::string name;                // registry name, e.g. "hopper-medium-v2"
  std::string preset;              // "locomotion" or "antmaze": the registry suite
  int64_t eval_interval = 0;       // updates between evaluations
  int eval_episodes = 0;           // episodes per evaluation
  int64_t online_steps = 0;        // > 0: a fine-tune cell (`iql finetune --online-steps N`)
  std::vector<uint64_t> seeds;     // one cell per seed
  std::string config;              // `--config FILE` for train, or ""; relative paths as seen from the cwd
  std::map<std::string, std::string> hyperparameters;  // IqlConfig key -> value text, e.g. hidden_dim -> 32
};

struct GridSpec {
  std::string file;                   // where it was read from, for messages
  std::vector<GridDataset> datasets;  // in file order
};

/// The keys a grid file has besides IQL's hyperparameters.
const std::vector<std::string>& grid_own_keys();

/// Reads and validates a grid file; throws GridError naming the file and key at fault.
GridSpec read_grid_spec(const std::string& path);

/// Parses grid TOML from `in`; `path` names it in errors and anchors relative `config` paths.
GridSpec parse_grid_spec(std::istream& in, const std::string& path);

/// What the command line narrows a grid to.
struct GridFilter {
  std::string only;             // "" = all; else comma-separated patterns, see matches_only
  std::vector<uint64_t> seeds;  // empty = the file's seeds; else they replace every dataset's
  std::vector<std::string> set; // "KEY=VALUE": an IQL hyperparameter for every dataset, over the file's
};

/// True when `dataset` matches `pattern`: a glob over the whole name where * stands for any run of
/// characters; a pattern without * matches anywhere in the name ("hopper" = "*hopper*").
bool matches_only(std::string_view dataset, std::string_view pattern);

/// The datasets matching any of filter.only's comma-separated patterns, with filter.seeds and
/// filter.set if given. Throws GridError when nothing matches, so a typo never runs an empty grid,
/// and naming the item when a filter.set item is not KEY=VALUE of an IQL hyperparameter.
GridSpec filter_grid(const GridSpec& spec, const GridFilter& filter);

/// "0,1,2", "0-4" or a mix ("0-2,7") -> seeds in the order given; throws GridError on bad text or
/// repeated seeds.
std::vector<uint64_t> parse_seed_list(const std::string& text);

}  // namespace harness
