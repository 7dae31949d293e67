#include "harness/run/config_options.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <type_traits>

#include <CLI/CLI.hpp>

#include "harness/run/config_memory.h"
#include "harness/run/toml_lines.h"

namespace harness {
namespace {

// what an out-of-range value of type T is told; std::stoll and std::stod would say only "stoll", "stod"
template <class T>
std::string range_text() {
  if constexpr (std::is_integral_v<T>) {
    return "outside " + std::to_string(std::numeric_limits<T>::min()) + " to " +
           std::to_string(std::numeric_limits<T>::max());
  } else {
    return "too large or too small in magnitude for a double";
  }
}

// what a field's text must be, for messages
template <class T>
const char* kind_of() {
  if constexpr (std::is_same_v<T, bool>) return "true or false";
  else if constexpr (std::is_integral_v<T>) return "a whole number";
  else return "a number";
}

template <class T>
T parse_value(const std::string& text) {
  if constexpr (std::is_same_v<T, bool>) {
    if (text != "true" && text != "false") throw std::invalid_argument("not true or false");
    return text == "true";
  } else {
    size_t used = 0;
    T value{};
    try {
      if constexpr (std::is_integral_v<T>) {
        const long long wide = std::stoll(text, &used);
        if (wide < std::numeric_limits<T>::min() || wide > std::numeric_limits<T>::max()) throw std::out_of_range("");
        value = static_cast<T>(wide);
      } else {
        value = std::stod(text, &used);
      }
    } catch (const std::out_of_range&) {
      throw std::out_of_range(range_text<T>());
    }
    if (used != text.size()) throw std::invalid_argument("trailing characters");
    return value;
  }
}

// the file's lines are checked first (one `key = value` each, no sections, no key twice, no list),
// then CLI11 reads the values; returns where each key is, for messages about its value
template <class Config>
std::map<std::string, TomlKey> apply_toml(Config& config, const std::string& text, const std::string& where) {
  const TomlLines lines = check_toml_lines(text, where, false);
  if (!lines.error.empty()) throw iql::ConfigError(lines.error);
  for (const auto& [key, at] : lines.keys) {
    if (at.value[0] == '[') {
      throw iql::ConfigError(where + ":" + std::to_string(at.line) + ": '" + key + "' takes one value, not a list");
    }
  }
  std::istringstream in(text);
  for (const CLI::ConfigItem& item : CLI::ConfigTOML().from_config(in)) {
    if (item.name == "++" || item.name == "--") continue;
    const TomlKey& at = lines.keys.at(item.name);
    set_config_field(config, item.name, item.inputs.front(), where + ":" + std::to_string(at.line));
  }
  return lines.keys;
}

// an out-of-range value said where it came from: the flag as typed, or the file's line
iql::ConfigError located(const iql::ConfigError& e, const ConfigOverrides& overrides,
                         const std::map<std::string, TomlKey>& file_keys) {
  if (e.key.empty()) return e;
  const auto flag = overrides.flags.find(e.key);
  if (flag != overrides.flags.end()) {
    const std::string name = overrides.flag_of(e.key);
    const std::string subject = name == key_flag(e.key) ? "it" : "sets " + e.key + ", which";
    return iql::ConfigError(name + " " + flag->second + ": " + subject + " must be " + e.rule);
  }
  const auto line = file_keys.find(e.key);
  if (line != file_keys.end()) {
    return iql::ConfigError(overrides.file + ":" + std::to_string(line->second.line) + ": " + e.key + " = " +
                            line->second.value + ": it must be " + e.rule);
  }
  return e;  // the preset's own value
}

}  // namespace

template <class Config>
void set_config_field(Config& config, const std::string& key, const std::string& text, const std::string& where) {
  bool found = false;
  for_each_field(config, [&](const char* name, auto& field, const char*) {
    if (key != name) return;
    found = true;
    try {
      field = parse_value<std::decay_t<decltype(field)>>(text);
    } catch (const std::out_of_range& e) {
      throw iql::ConfigError(where + ": '" + key + "' = '" + text + "' is out of range (" + e.what() + ")");
    } catch (const std::exception&) {
      throw iql::ConfigError(where + ": '" + key + "' = '" + text + "' is not " + kind_of<std::decay_t<decltype(field)>>());
    }
  });
  if (!found) {
    throw iql::ConfigError(where + ": unknown key '" + key + "' (`iql train --help` and `iql sac --help` list the hyperparameters)");
  }
}

void ConfigOverrides::set_flag(const std::string& key, const std::string& text, const std::string& flag) {
  const std::string earlier = flags.count(key) ? flag_of(key) : "";
  if (!earlier.empty() && earlier != flag) {
    throw iql::ConfigError(earlier + " and " + flag + " both set " + key + ": give only one of them");
  }
  flags[key] = text;
  if (flag != key_flag(key)) flag_names[key] = flag;
}

std::string ConfigOverrides::flag_of(const std::string& key) const {
  const auto named = flag_names.find(key);
  return named != flag_names.end() ? named->second : key_flag(key);
}

std::string key_flag(std::string key) {
  std::replace(key.begin(), key.end(), '_', '-');
  return "--" + key;
}

namespace {

// the --config file's text; an unreadable file is named as what it is
std::string config_file_text(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw iql::ConfigError(path + ": --config names a directory; give a TOML file such as configs/locomotion.toml");
  }
  std::ifstream in(path);
  if (!in) throw iql::ConfigError(path + ": cannot read the --config file");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

template <class Config>
Config resolve_config(Config config, const ConfigOverrides& overrides) {
  std::map<std::string, TomlKey> file_keys;
  if (!overrides.file.empty()) file_keys = apply_toml(config, config_file_text(overrides.file), overrides.file);
  for (const auto& [key, text] : overrides.flags) set_config_field(config, key, text, overrides.flag_of(key));
  try {
    validate(config);
    check_fits_in_memory(config);  // before any network or buffer is allocated
  } catch (const iql::ConfigError& e) {
    throw located(e, overrides, file_keys);
  }
  return config;
}

std::vector<std::string> replaced_file_keys(const ConfigOverrides& overrides) {
  std::vector<std::string> lines;
  if (overrides.file.empty()) return lines;
  const TomlLines file = check_toml_lines(config_file_text(overrides.file), overrides.file, false);
  for (const auto& [key, text] : overrides.flags) {
    const auto in_file = file.keys.find(key);
    if (in_file == file.keys.end()) continue;
    lines.push_back(overrides.flag_of(key) + " " + text + " replaces " + key + " = " + in_file->second.value + " of " +
                    overrides.file + " (flags come after the --config file)");
  }
  return lines;
}

template <class Config>
std::string config_toml(const Config& config) {
  std::ostringstream out;
  out.precision(17);
  out << std::boolalpha;
  for_each_field(config, [&](const char* key, const auto& field, const char*) {
    out << key << " = " << field << '\n';
  });
  return out.str();
}

template <class Config>
Config parse_config_toml(const std::string& text, const std::string& where) {
  Config config;
  apply_toml(config, text, where);
  validate(config);
  return config;
}

// the configs with a for_each_field()
#define IQL_CONFIG_OPTIONS(Config)                                                                     \
  template Config resolve_config(Config, const ConfigOverrides&);                                      \
  template void set_config_field(Config&, const std::string&, const std::string&, const std::string&); \
  template std::string config_toml(const Config&);                                                     \
  template Config parse_config_toml(const std::string&, const std::string&);
IQL_CONFIG_OPTIONS(iql::IqlConfig)
IQL_CONFIG_OPTIONS(sac::SacConfig)
#undef IQL_CONFIG_OPTIONS

}  // namespace harness
