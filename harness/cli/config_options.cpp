#include "harness/cli/config_options.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <type_traits>

namespace harness {
namespace {

// "batch_size" (TOML key) -> "--batch-size" (flag)
std::string flag_of(std::string key) {
  std::replace(key.begin(), key.end(), '_', '-');
  return "--" + key;
}

template <class T>
T parse_value(const std::string& text) {
  size_t used = 0;
  T value{};
  if constexpr (std::is_same_v<T, bool>) {
    if (text != "true" && text != "false") throw std::invalid_argument("not true or false");
    return text == "true";
  } else if constexpr (std::is_integral_v<T>) {
    value = static_cast<T>(std::stoll(text, &used));
  } else {
    value = std::stod(text, &used);
  }
  if (used != text.size()) throw std::invalid_argument("trailing characters");
  return value;
}

// CLI11 reads TOML; its items carry the key and the value's text
void apply_toml(iql::IqlConfig& config, std::istream& in, const std::string& where) {
  for (const CLI::ConfigItem& item : CLI::ConfigTOML().from_config(in)) {
    if (!item.parents.empty() || item.name == "++" || item.name == "--") {
      throw iql::ConfigError(where + ": sections are not supported; write every key at the top level");
    }
    if (item.inputs.size() != 1) throw iql::ConfigError(where + ": key '" + item.name + "' needs one value");
    set_config_field(config, item.name, item.inputs.front(), where);
  }
}

}  // namespace

void add_iql_options(CLI::App& cmd, ConfigOverrides& out) {
  cmd.add_option("--config", out.file, "TOML file of IQL hyperparameters (configs/*.toml)")
      ->check(CLI::ExistingFile);
  const iql::IqlConfig locomotion;
  iql::for_each_field(locomotion, [&](const char* key, const auto& preset_value, const char* help) {
    std::ostringstream text;
    text << help << " [locomotion preset: " << std::boolalpha << preset_value << "]";
    cmd.add_option_function<std::string>(
           flag_of(key), [&out, k = std::string(key)](const std::string& v) { out.flags[k] = v; },
           text.str())
        ->group("IQL hyperparameters (default: the dataset suite's preset)");
  });
}

void set_config_field(iql::IqlConfig& config, const std::string& key, const std::string& text,
                      const std::string& where) {
  bool found = false;
  iql::for_each_field(config, [&](const char* name, auto& field, const char*) {
    if (key != name) return;
    found = true;
    try {
      field = parse_value<std::decay_t<decltype(field)>>(text);
    } catch (const std::exception&) {
      throw iql::ConfigError(where + ": '" + key + "' = '" + text + "' is not a valid " +
                             (std::is_same_v<std::decay_t<decltype(field)>, bool> ? "true/false"
                                                                                  : "number"));
    }
  });
  if (!found) {
    throw iql::ConfigError(where + ": unknown key '" + key + "' (`iql train --help` lists the hyperparameters)");
  }
}

iql::IqlConfig resolve_config(iql::IqlConfig config, const ConfigOverrides& overrides) {
  if (!overrides.file.empty()) {
    std::ifstream in(overrides.file);
    if (!in) throw iql::ConfigError(overrides.file + ": cannot read the config file");
    apply_toml(config, in, overrides.file);
  }
  for (const auto& [key, text] : overrides.flags) set_config_field(config, key, text, "command line");
  validate(config);
  return config;
}

std::string config_toml(const iql::IqlConfig& config) {
  std::ostringstream out;
  out.precision(17);
  out << std::boolalpha;
  iql::for_each_field(config, [&](const char* key, const auto& field, const char*) {
    out << key << " = " << field << '\n';
  });
  return out.str();
}

iql::IqlConfig parse_config_toml(const std::string& text, const std::string& where) {
  iql::IqlConfig config;
  std::istringstream in(text);
  apply_toml(config, in, where);
  validate(config);
  return config;
}

}  // namespace harness
