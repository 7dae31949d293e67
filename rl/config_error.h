// The config error every learner's validate() throws, and the one check they are written with.
// It sits in the floor below iql/ and sac/ so neither learner includes the other.
#pragma once
#include "autodiff/error.h"

namespace rl {

// a hyperparameter outside its valid range; the message names the key
struct ConfigError : autodiff::Error {
  using autodiff::Error::Error;
};

/// Throws ConfigError naming `key`, its value and `rule` unless `ok` holds and the value is finite.
void require(bool ok, const char* key, double value, const char* rule);

}  // namespace rl
