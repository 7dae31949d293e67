#include "rl/config_error.h"

#include <cmath>
#include <string>

namespace rl {

void require(bool ok, const char* key, double value, const char* rule) {
  if (!ok || !std::isfinite(value)) {  // a NaN fails every comparison but is caught here too
    throw ConfigError("config key '" + std::string(key) + "' = " + std::to_string(value) +
                      " is invalid: it must be " + rule);
  }
}

}  // namespace rl
