// The one error hierarchy of the project. Library code throws; only the CLI's main prints and exits.
// Every message names the thing at fault (file, key, op, shape) and, where there is one, the fix.
#pragma once
#include <stdexcept>
#include <string>

namespace autodiff {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// operands whose shapes do not fit the op
struct ShapeError : Error {
  using Error::Error;
};

}  // namespace autodiff
