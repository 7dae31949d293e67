#include "harness/cli/config_options.h"

#include <algorithm>
#include <sstream>
#include <type_traits>

namespace harness {
namespace {

// "batch_size" (TOML key) -> "--batch-size" (flag)
std::string flag_of(std::string key) {
  std::replace(key.begin(), key.end(), '_', '-');
  return "--" + key;
}

// CLI11 reads config files only at the top level, so a subcommand's file is applied here: every
// key fills its option unless the command line already gave it
void apply_config_file(CLI::App& cmd, const std::string& path) {
  for (const CLI::ConfigItem& item : CLI::ConfigTOML().from_file(path)) {
    if (!item.parents.empty() || item.name == "++" || item.name == "--") {
      throw iql::ConfigError(path + ": sections are not supported; write every key at the top level");
    }
    CLI::Option* option = cmd.get_option_no_throw(flag_of(item.name));
    if (option == nullptr || option->get_group() != "IQL hyperparameters") {
      throw iql::ConfigError(path + ": unknown key '" + item.name + "' (see `iql " + cmd.get_name() +
                             " --help` for the hyperparameters)");
    }
    if (option->count() > 0) continue;
    option->add_result(item.inputs);
    option->run_callback();
  }
}

}  // namespace

void add_iql_options(CLI::App& cmd, iql::IqlConfig& config) {
  cmd.add_option_function<std::string>(
         "--config", [&cmd](const std::string& path) { apply_config_file(cmd, path); },
         "TOML file of IQL hyperparameters (configs/*.toml); flags given here override it")
      ->check(CLI::ExistingFile);
  iql::for_each_field(config, [&](const char* key, auto& field, const char* help) {
    cmd.add_option(flag_of(key), field, help)->capture_default_str()->group("IQL hyperparameters");
  });
}

std::string config_toml(const iql::IqlConfig& config) {
  std::ostringstream out;
  out.precision(17);
  iql::for_each_field(config, [&](const char* key, const auto& field, const char*) {
    out << key << " = ";
    if constexpr (std::is_same_v<std::decay_t<decltype(field)>, bool>) out << (field ? "true" : "false");
    else out << field;
    out << '\n';
  });
  return out.str();
}

}  // namespace harness
