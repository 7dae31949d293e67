// Text drawn in the top-left corner of a frame: a column of titles and a column of values.
#pragma once
#include <cstdio>
#include <string>

namespace harness {

struct Caption {
  std::string titles;  // one per line
  std::string values;  // the matching lines

  /// Appends the line "title  value".
  Caption& add(const std::string& title, const std::string& value) {
    titles += (titles.empty() ? "" : "\n") + title;
    values += (values.empty() ? "" : "\n") + value;
    return *this;
  }
};

/// `value` with `digits` decimals, for captions.
inline std::string fixed_decimals(double value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

}  // namespace harness
