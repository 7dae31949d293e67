#include "rl/config_error.h"

#include <sstream>

namespace rl {

std::string value_text(double value) {
  std::ostringstream text;
  text << value;  // %g: 0.0003, 1e+20, nan
  return text.str();
}

std::string value_text(int64_t value) { return std::to_string(value); }

}  // namespace rl
