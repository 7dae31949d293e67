// Hyperparameters on the command line and in TOML files, for any config with a for_each_field()
// (iql::IqlConfig, sac::SacConfig). Every field is a flag (--batch-size) and a file key (batch_size).
// They resolve in layers: a preset, then the --config file, then the flags, so
// `--config antmaze.toml --expectile 0.8` is the file with one change. Unknown keys and unreadable
// values are errors naming the key.
#pragma once
#include <map>
#include <string>

#include <CLI/CLI.hpp>

#include "iql/config.h"
#include "sac/config.h"

namespace harness {

/// What the user asked for, before a preset is known.
struct ConfigOverrides {
  std::string file;                          // --config FILE, or ""
  std::map<std::string, std::string> flags;  // key -> text, from the command line
};

/// Adds --config FILE and one flag per field of `defaults` to `cmd`, recording into `out`; each
/// flag's help ends with "[<defaults_label>: value]", and the flags are listed under `group`.
template <class Config>
void add_config_options(CLI::App& cmd, ConfigOverrides& out, const Config& defaults, const std::string& group,
                        const std::string& defaults_label);

/// The IQL flags, with the locomotion preset as the shown defaults.
void add_iql_options(CLI::App& cmd, ConfigOverrides& out);

/// `preset`, then the file's keys, then the flags; validated. Throws iql::ConfigError naming the
/// file and key of an unknown key or a value of the wrong type.
template <class Config>
Config resolve_config(Config preset, const ConfigOverrides& overrides);

/// Sets one field from text; throws iql::ConfigError naming `where` and the key on failure.
template <class Config>
void set_config_field(Config& config, const std::string& key, const std::string& text, const std::string& where);

/// The TOML text of a config, one `key = value` line per field; resolve_config reads it back.
template <class Config>
std::string config_toml(const Config& config);

/// A config from TOML text such as config_toml() writes (checkpoints carry it); `where` names the
/// source in errors.
template <class Config = iql::IqlConfig>
Config parse_config_toml(const std::string& text, const std::string& where);

}  // namespace harness
