// Binds every IQL hyperparameter to a CLI option (--expectile, --batch-size ...) and to the same
// key in a TOML file given with --config. The command line wins over the file; an unknown key in
// the file is an error naming it.
#pragma once
#include <string>

#include <CLI/CLI.hpp>

#include "iql/config.h"

namespace harness {

/// Adds --config FILE and one option per IqlConfig field to `cmd`, writing into `config`.
void add_iql_options(CLI::App& cmd, iql::IqlConfig& config);

/// The TOML text of a config, one `key = value` line per field: the file --config reads back.
std::string config_toml(const iql::IqlConfig& config);

}  // namespace harness
