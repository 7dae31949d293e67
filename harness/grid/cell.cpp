#include "harness/grid/cell.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <variant>

#include "harness/run/config_options.h"
#include "harness/data/registry.h"
#include "harness/run/checkpoint.h"
#include "harness/run/finetune.h"
#include "harness/run/json.h"
#include "harness/run/text_file.h"
#include "harness/run/toml_lines.h"
#include "harness/run/train.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

// the hyperparameters as train resolves them from this command line
ConfigOverrides overrides_of(const GridDataset& dataset, const CellContext& context) {
  ConfigOverrides overrides;
  overrides.file = dataset.config;
  overrides.flags = dataset.hyperparameters;
  if (context.steps > 0) overrides.flags["max_steps"] = std::to_string(context.steps);
  return overrides;
}

// `iql train`, or `iql finetune` for a cell with online steps
std::vector<std::string> cell_argv(const GridDataset& dataset, uint64_t seed, const std::string& run_dir,
                                   const CellContext& context) {
  const bool finetune = dataset.online_steps > 0;
  std::vector<std::string> argv = {context.iql, finetune ? "finetune" : "train", "--dataset", dataset.name, "--seed", std::to_string(seed),
                                   "--out", run_dir, "--resume",
                                   "--eval-interval", std::to_string(dataset.eval_interval),
                                   "--eval-episodes", std::to_string(dataset.eval_episodes),
                                   "--threads", std::to_string(context.threads)};
  if (context.steps > 0) argv.insert(argv.end(), {"--steps", std::to_string(context.steps)});
  if (finetune) argv.insert(argv.end(), {"--online-steps", std::to_string(dataset.online_steps)});
  if (context.offline) argv.push_back("--offline");
  if (!context.mirror.empty()) argv.insert(argv.end(), {"--mirror", context.mirror});
  if (!dataset.config.empty()) argv.insert(argv.end(), {"--config", dataset.config});
  for (const auto& [key, value] : dataset.hyperparameters) {
    if (context.steps > 0 && key == "max_steps") continue;  // --steps wins, as documented for the CLI
    argv.insert(argv.end(), {key_flag(key), value});
  }
  return argv;
}

// a run directory holding another config can be neither skipped nor resumed
CellStatus check_config(CellStatus status, const Cell& cell, const std::string& recorded, const std::string& source) {
  if (!cell.config_toml.empty() && !recorded.empty() && recorded != cell.config_toml) {
    status.state = CellState::conflict;
    status.detail = source + " records other hyperparameters than this grid's (" +
                    toml_differences(recorded, cell.config_toml) + "; the run's -> the grid's; --steps sets "
                    "max_steps): use another --runs DIR, or delete " + cell.run_dir + " to run it again";
  }
  return status;
}

// no run.json: a checkpoint (a run killed before it could write one) is resumed
CellStatus status_from_checkpoint(const Cell& cell) {
  const std::string checkpoint = cell.run_dir + "/checkpoint.h5";
  CellStatus status;
  if (!fs::exists(checkpoint)) return status;
  status.state = CellState::partial;
  status.detail = checkpoint + " exists";
  try {
    return check_config(status, cell, read_run_state(checkpoint).config_toml, checkpoint);
  } catch (const std::exception&) {
    return status;  // train reports an unreadable checkpoint with its own message
  }
}

}  // namespace

Cell make_cell(const GridDataset& dataset, uint64_t seed, const CellContext& context) {
  Cell cell;
  cell.dataset = dataset.name;
  cell.seed = seed;
  cell.run_dir = (fs::path(context.runs_dir) / dataset.name / ("seed" + std::to_string(seed))).string();
  cell.argv = cell_argv(dataset, seed, cell.run_dir, context);
  const DatasetInfo& info = dataset_info(dataset.name);
  const iql::IqlConfig preset = dataset.online_steps > 0 ? finetune_preset(info) : suite_preset(info);
  cell.config_toml = config_toml(resolve_config(preset, overrides_of(dataset, context)));
  return cell;
}

std::vector<Cell> grid_cells(const GridSpec& spec, const CellContext& context) {
  std::vector<Cell> cells;
  for (const GridDataset& dataset : spec.datasets) {
    for (uint64_t seed : dataset.seeds) cells.push_back(make_cell(dataset, seed, context));
  }
  return cells;
}

std::string self_executable() { return fs::read_symlink("/proc/self/exe").string(); }

std::string shell_quote(const std::string& arg) {
  const bool plain = !arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_./=:,+@%").find(c) != std::string_view::npos;
  });
  if (plain) return arg;
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& arg : argv) line += (line.empty() ? "" : " ") + shell_quote(arg);
  return line;
}

const char* state_name(CellState state) {
  switch (state) {
    case CellState::fresh: return "fresh";
    case CellState::partial: return "partial";
    case CellState::finished: return "finished";
    case CellState::conflict: return "conflict";
  }
  return "?";
}

CellStatus read_cell_status(const Cell& cell) {
  const std::string record_path = cell.run_dir + "/run.json";
  if (!fs::exists(record_path)) return status_from_checkpoint(cell);
  Json record;
  try {
    record = parse_json_object(read_text_file(record_path));
  } catch (const std::exception& e) {
    CellStatus status = status_from_checkpoint(cell);
    status.state = CellState::partial;
    status.detail = record_path + " is unreadable (" + e.what() + "); train --resume decides";
    return status;
  }
  CellStatus status;
  const bool done = json_bool(record, "finished");
  status.state = done ? CellState::finished : CellState::partial;
  status.steps = static_cast<int64_t>(json_number(record, "steps", 0));
  status.final_score = json_number(record, "final_score", 0);
  status.detail = record_path + (done ? " says finished" : " says unfinished");
  return check_config(status, cell, json_string(record, "config"), record_path);
}

}  // namespace harness
