#include "harness/run/config_options.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <type_traits>

#include <CLI/CLI.hpp>

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

// every key takes one value: a list (even a broken one, which CLI11 would read as its first
// element) is refused naming its line
void refuse_lists(const std::string& text, const std::string& where) {
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const size_t eq = line.find('=');
    if (eq == std::string::npos || line.find_first_not_of(" \t") == line.find('#')) continue;
    const size_t value = line.find_first_not_of(" \t", eq + 1);
    if (value != std::string::npos && line[value] == '[') {
      throw iql::ConfigError(where + ":" + std::to_string(number) + ": '" + line + "': every key takes one value, not a list");
    }
  }
}

// CLI11 reads TOML; its items carry the key and the value's text
template <class Config>
void apply_toml(Config& config, std::istream& stream, const std::string& where) {
  const std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  refuse_lists(text, where);
  std::istringstream in(text);
  for (const CLI::ConfigItem& item : CLI::ConfigTOML().from_config(in)) {
    if (!item.parents.empty() || item.name == "++" || item.name == "--") {
      throw iql::ConfigError(where + ": sections are not supported; write every key at the top level");
    }
    if (item.inputs.size() != 1) throw iql::ConfigError(where + ": key '" + item.name + "' needs one value");
    set_config_field(config, item.name, item.inputs.front(), where);
  }
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
      throw iql::ConfigError(where + ": '" + key + "' = '" + text + "' is not a valid " +
                             (std::is_same_v<std::decay_t<decltype(field)>, bool> ? "true/false"
                                                                                  : "number"));
    }
  });
  if (!found) {
    throw iql::ConfigError(where + ": unknown key '" + key + "' (`iql train --help` and `iql sac --help` list the hyperparameters)");
  }
}

template <class Config>
Config resolve_config(Config config, const ConfigOverrides& overrides) {
  if (!overrides.file.empty()) {
    std::ifstream in(overrides.file);
    if (!in) throw iql::ConfigError(overrides.file + ": cannot read the config file");
    apply_toml(config, in, overrides.file);
  }
  for (const auto& [key, text] : overrides.flags) set_config_field(config, key, text, "command line");
  validate(config);
  return config;
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
  std::istringstream in(text);
  apply_toml(config, in, where);
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
