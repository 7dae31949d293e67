// IQL hyperparameters on the command line and in TOML files. Every field is a flag (--batch-size)
// and a file key (batch_size). They resolve in layers: the preset of the dataset's suite, then the
// --config file, then the flags, so `--config antmaze.toml --expectile 0.8` is the file with one
// change. Unknown keys and unreadable values are errors naming the key.
#pragma once
#include <map>
#include <string>

#include <CLI/CLI.hpp>

#include "iql/config.h"

namespace harness {

/// What the user asked for, before a preset is known.
struct ConfigOverrides {
  std::string file;                          // --config FILE, or ""
  std::map<std::string, std::string> flags;  // key -> text, from the command line
};

/// Adds --config FILE and one flag per IqlConfig field to `cmd`, recording into `out`.
void add_iql_options(CLI::App& cmd, ConfigOverrides& out);

/// `preset`, then the file's keys, then the flags; validated. Throws iql::ConfigError naming the
/// file and key of an unknown key or a value of the wrong type.
iql::IqlConfig resolve_config(iql::IqlConfig preset, const ConfigOverrides& overrides);

/// Sets one field from text; throws iql::ConfigError naming `where` and the key on failure.
void set_config_field(iql::IqlConfig& config, const std::string& key, const std::string& text,
                      const std::string& where);

/// The TOML text of a config, one `key = value` line per field; resolve_config reads it back.
std::string config_toml(const iql::IqlConfig& config);

/// A config from TOML text such as config_toml() writes (checkpoints carry it); `where` names the
/// source in errors.
iql::IqlConfig parse_config_toml(const std::string& text, const std::string& where);

}  // namespace harness
