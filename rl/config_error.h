// The config error every learner's validate() throws, and the one check they are written with.
// It sits in the floor below iql/ and sac/ so neither learner includes the other.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "autodiff/error.h"

namespace rl {

// a hyperparameter outside its valid range; the message names the key. A range check also keeps the
// key, value and rule apart, so the layer that knows where the value came from (a flag, a file's
// line) can say so in its own words.
struct ConfigError : autodiff::Error {
  using autodiff::Error::Error;
  ConfigError(std::string key, std::string value, std::string rule)
      : autodiff::Error("config key '" + key + "' = " + value + " is invalid: it must be " + rule),
        key(std::move(key)), value(std::move(value)), rule(std::move(rule)) {}

  std::string key, value, rule;  // empty unless thrown by require()
};

/// The text a value is printed as in config messages: 0, 256, 0.0003, nan.
std::string value_text(double value);
std::string value_text(int64_t value);

/// Throws ConfigError naming `key`, its value and `rule` unless `ok` holds and the value is finite:
/// the one check every config's validate() is written with. A whole-number field prints as one
/// ("= 0", not "= 0.000000").
template <class T>
void require(bool ok, const char* key, T value, const char* rule) {
  static_assert(std::is_arithmetic_v<T>, "config fields are numbers");
  if constexpr (std::is_integral_v<T>) {
    if (!ok) throw ConfigError(key, value_text(static_cast<int64_t>(value)), rule);
  } else {
    if (!ok || !std::isfinite(value)) throw ConfigError(key, value_text(static_cast<double>(value)), rule);  // NaN fails every comparison
  }
}

}  // namespace rl
