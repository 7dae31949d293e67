#include "harness/cli/positive.h"

#include <cstdlib>

namespace harness {

const CLI::Validator& positive_count() {
  static const CLI::Validator check(
      [](std::string& text) -> std::string {
        char* end = nullptr;
        const long long value = std::strtoll(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0' || value < 1) return "'" + text + "' must be a whole number >= 1";
        return "";
      },
      "COUNT >= 1");
  return check;
}

}  // namespace harness
