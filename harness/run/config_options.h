// Hyperparameters from TOML files and key = text overrides, for any config with a for_each_field()
// (iql::IqlConfig, sac::SacConfig). Every field is a file key (batch_size); the command line's flags
// (--batch-size, harness/cli/config_flags.h) arrive here as overrides. They resolve in layers: a
// preset, then the --config file, then the flags, so `--config antmaze.toml --expectile 0.8` is the
// file with one change. Unknown keys and unreadable values are errors naming the key. This layer sits
// below cli/: run/ and grid/ resolve configs through it.
#pragma once
#include <map>
#include <string>

#include "iql/config.h"
#include "sac/config.h"

namespace harness {

/// What the user asked for, before a preset is known.
struct ConfigOverrides {
  std::string file;                          // --config FILE, or ""
  std::map<std::string, std::string> flags;  // key -> text, from the command line
};

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
