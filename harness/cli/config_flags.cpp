#include "harness/cli/config_flags.h"

#include <algorithm>
#include <sstream>

namespace harness {
namespace {

// "batch_size" (TOML key) -> "--batch-size" (flag)
std::string flag_of(std::string key) {
  std::replace(key.begin(), key.end(), '_', '-');
  return "--" + key;
}

}  // namespace

template <class Config>
void add_config_options(CLI::App& cmd, ConfigOverrides& out, const Config& defaults, const std::string& group,
                        const std::string& defaults_label) {
  cmd.add_option("--config", out.file, "TOML file of hyperparameters (configs/*.toml)")->check(CLI::ExistingFile);
  for_each_field(defaults, [&](const char* key, const auto& preset_value, const char* help) {
    std::ostringstream text;
    text << help << " [" << defaults_label << ": " << std::boolalpha << preset_value << "]";
    cmd.add_option_function<std::string>(
           flag_of(key), [&out, k = std::string(key)](const std::string& v) { out.flags[k] = v; },
           text.str())
        ->group(group);
  });
}

void add_iql_options(CLI::App& cmd, ConfigOverrides& out) {
  add_config_options(cmd, out, iql::IqlConfig{}, "IQL hyperparameters (default: the dataset suite's preset)",
                     "locomotion preset");
}

// the configs with a for_each_field()
template void add_config_options(CLI::App&, ConfigOverrides&, const iql::IqlConfig&, const std::string&,
                                 const std::string&);
template void add_config_options(CLI::App&, ConfigOverrides&, const sac::SacConfig&, const std::string&,
                                 const std::string&);

}  // namespace harness
