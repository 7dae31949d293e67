#include "harness/cli/number_option.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <type_traits>

namespace harness {
namespace {

std::string shortest(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

// ">= 1", "> 0"; "" when there is no bound (a config flag: its range is checked with the config)
std::string bound_text(double min, bool open) {
  if (min == -std::numeric_limits<double>::infinity()) return "";
  return (open ? "> " : ">= ") + shortest(min);
}

template <class T>
std::string bound_text(T min) {
  const bool unbounded = std::is_signed_v<T> && min == std::numeric_limits<T>::lowest();
  return unbounded ? "" : ">= " + std::to_string(min);
}

std::string with_bound(std::string kind, const std::string& bound) { return bound.empty() ? kind : kind + " " + bound; }

}  // namespace

template <class T>
std::string whole_number_problem(const std::string& text, T min, T max) {
  const std::string wanted = with_bound("a whole number", bound_text(min));
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) {
    if (text[0] == '-') return "'" + text + "' is too small: it must be " + wanted;
    return "'" + text + "' is too large: at most " + std::to_string(max);
  }
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return "'" + text + "' is not " + wanted;
  }
  if (value < min) return "'" + text + "' is not " + wanted;
  if (value > max) return "'" + text + "' is too large: at most " + std::to_string(max);
  return "";
}

std::string real_number_problem(const std::string& text, double min, bool open, double max) {
  const std::string wanted = with_bound("a finite number", bound_text(min, open));
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return "'" + text + "' is not " + wanted;
  }
  if (value < min || (open && value == min)) return "'" + text + "' is not " + wanted;
  if (value > max) return "'" + text + "' is too large: at most " + shortest(max);
  return "";
}

template <class T>
CLI::Validator whole_number(T min, T max) {
  return CLI::Validator([min, max](std::string& text) { return whole_number_problem<T>(text, min, max); },
                        bound_text(min));
}

CLI::Validator real_number(double min, bool open, double max) {
  return CLI::Validator([min, open, max](std::string& text) { return real_number_problem(text, min, open, max); },
                        bound_text(min, open));
}

// the field types of the command line
#define IQL_WHOLE_NUMBER(T)                                                    \
  template std::string whole_number_problem<T>(const std::string&, T, T); \
  template CLI::Validator whole_number<T>(T, T);
IQL_WHOLE_NUMBER(int)
IQL_WHOLE_NUMBER(long)
IQL_WHOLE_NUMBER(unsigned long)
#undef IQL_WHOLE_NUMBER

}  // namespace harness
