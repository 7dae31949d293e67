// Hyperparameters from TOML files and key = text overrides, for any config with a for_each_field()
// (iql::IqlConfig, sac::SacConfig). Every field is a file key (batch_size); the command line's flags
// (--batch-size, harness/cli/config_flags.h) arrive here as overrides. They resolve in layers: a
// preset, then the --config file, then the flags, so `--config antmaze.toml --expectile 0.8` is the
// file with one change. Unknown keys and unreadable values are errors naming the key. This layer sits
// below cli/: run/ and grid/ resolve configs through it.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "iql/config.h"
#include "sac/config.h"

namespace harness {

/// What the user asked for, before a preset is known.
struct ConfigOverrides {
  std::string file;                               // --config FILE, or ""
  std::map<std::string, std::string> flags;       // key -> text, from the command line
  std::map<std::string, std::string> flag_names;  // key -> the flag that set it when not the key's own (--steps)

  /// Records `key` = `text` given by `flag`; throws iql::ConfigError when another flag already set
  /// the key (--steps and --max-steps): two flags for one value are a mistake, not a precedence.
  void set_flag(const std::string& key, const std::string& text, const std::string& flag);

  /// The flag that set `key`: its recorded name, else the key's own flag (max_steps -> --max-steps).
  std::string flag_of(const std::string& key) const;
};

/// "batch_size" (file key) -> "--batch-size" (flag).
std::string key_flag(std::string key);

/// `preset`, then the file's keys, then the flags; validated. Throws iql::ConfigError naming the
/// file and key of an unknown key or a value of the wrong type, and naming where an out-of-range
/// value came from: the flag as typed ("--steps 0: sets total_steps, which must be > 0") or the
/// file's line.
template <class Config>
Config resolve_config(Config preset, const ConfigOverrides& overrides);

/// The keys of the --config file that a flag replaces, one line each ("--expectile 0.8 replaces
/// expectile = 0.9 of F"): the documented precedence (flags after the file), printed by the run.
std::vector<std::string> replaced_file_keys(const ConfigOverrides& overrides);

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
