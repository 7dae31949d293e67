// Numbers on the command line, checked where they are parsed and refused in the flag's own words:
// a whole number within its field's type and >= a minimum (a seed >= 0, a count >= 1), or a finite
// real. CLI11's own conversion says "The value -1 is not an allowed value for --seed" without what
// is allowed, its PositiveNumber prints its range as a 300-digit double, and a value too large for
// the field would be cut to fit.
#pragma once
#include <limits>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace harness {

/// "" when `text` is a whole number from `min` to `max`; else what is wrong, e.g. "'-1' is not
/// a whole number >= 0".
template <class T>
std::string whole_number_problem(const std::string& text, T min, T max = std::numeric_limits<T>::max());

/// "" when `text` is a finite real number >= `min` (> `min` when `open`) and <= `max`; else what is wrong.
std::string real_number_problem(const std::string& text, double min, bool open,
                                double max = std::numeric_limits<double>::max());

/// The checks above as CLI11 validators; CLI11 puts the option's name before the message.
template <class T>
CLI::Validator whole_number(T min, T max = std::numeric_limits<T>::max());
CLI::Validator real_number(double min, bool open, double max = std::numeric_limits<double>::max());

/// add_option for a whole-number field, checked to be in [min, max] ("INT:>= 1" in --help).
template <class T>
CLI::Option* add_whole(CLI::App& cmd, const std::string& name, T& value, const std::string& help, T min,
                       T max = std::numeric_limits<T>::max()) {
  return cmd.add_option(name, value, help)->check(whole_number<T>(min, max));
}

/// add_option for a real field (or an optional one), checked to be finite, >= min (> min when open)
/// and <= max.
template <class T>
CLI::Option* add_real(CLI::App& cmd, const std::string& name, T& value, const std::string& help, double min,
                      bool open, double max = std::numeric_limits<double>::max()) {
  return cmd.add_option(name, value, help)->check(real_number(min, open, max))->type_name("FLOAT");
}

}  // namespace harness
