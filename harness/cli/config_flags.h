// The hyperparameter flags of a command: --config FILE and one flag per config field
// (--batch-size for batch_size). Flags only record text into ConfigOverrides; harness/run/
// config_options.h resolves and validates it, so a grid file and the command line share one reader.
#pragma once
#include <string>

#include <CLI/CLI.hpp>

#include "harness/run/config_options.h"

namespace harness {

/// Adds --config FILE and one flag per field of `defaults` to `cmd`, recording into `out`; each
/// flag's help ends with "[<defaults_label>: value]", and the flags are listed under `group`.
template <class Config>
void add_config_options(CLI::App& cmd, ConfigOverrides& out, const Config& defaults, const std::string& group,
                        const std::string& defaults_label);

/// --steps: a whole number >= 1 recorded as the config key `key` (max_steps, total_steps); with the
/// key's own flag too, ConfigOverrides::set_flag refuses the pair.
void add_steps_option(CLI::App& cmd, ConfigOverrides& out, const std::string& key, const std::string& help);

/// Prints on stderr, one "note:" line each, the --config file's keys that flags replace: the
/// documented precedence, said by the run rather than chosen silently.
void print_replaced_keys(const ConfigOverrides& overrides);

/// The IQL flags, with the locomotion preset as the shown defaults.
void add_iql_options(CLI::App& cmd, ConfigOverrides& out);

}  // namespace harness
