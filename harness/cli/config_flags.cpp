#include "harness/cli/config_flags.h"

#include <cstdio>
#include <limits>
#include <sstream>
#include <type_traits>

#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"

namespace harness {
namespace {

// the text a field of type T takes, checked as the flag is parsed (its range is the config's
// validate(), which resolve_config words with the flag's name)
template <class T>
void check_type(CLI::Option& option) {
  if constexpr (std::is_same_v<T, bool>) {
    option.check(CLI::Validator([](std::string& v) { return v == "true" || v == "false" ? "" : "'" + v + "' is not true or false"; }, ""))
        ->type_name("BOOL");
  } else if constexpr (std::is_integral_v<T>) {
    option.check(whole_number<T>(std::numeric_limits<T>::lowest()))->type_name("INT");
  } else {
    option.check(real_number(-std::numeric_limits<double>::infinity(), false))->type_name("FLOAT");
  }
}

}  // namespace

template <class Config>
void add_config_options(CLI::App& cmd, ConfigOverrides& out, const Config& defaults, const std::string& group,
                        const std::string& defaults_label) {
  add_input_file(cmd, "--config", out.file, "TOML file of hyperparameters (configs/*.toml)",
                 "a TOML file of hyperparameters such as configs/locomotion.toml");
  for_each_field(defaults, [&](const char* key, const auto& preset_value, const char* help) {
    std::ostringstream text;
    text << help << " [" << defaults_label << ": " << std::boolalpha << preset_value << "]";
    const std::string flag = key_flag(key);
    CLI::Option* option = cmd.add_option_function<std::string>(
        flag, [&out, k = std::string(key), flag](const std::string& v) { out.set_flag(k, v, flag); }, text.str());
    check_type<std::decay_t<decltype(preset_value)>>(*option->group(group));
  });
}

void add_steps_option(CLI::App& cmd, ConfigOverrides& out, const std::string& key, const std::string& help) {
  cmd.add_option_function<std::string>("--steps", [&out, key](const std::string& v) { out.set_flag(key, v, "--steps"); }, help)
      ->check(whole_number<int64_t>(1))
      ->type_name("INT");
}

void print_replaced_keys(const ConfigOverrides& overrides) {
  for (const std::string& line : replaced_file_keys(overrides)) std::fprintf(stderr, "note: %s\n", line.c_str());
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
