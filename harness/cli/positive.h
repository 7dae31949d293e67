// A CLI11 check for counts and intervals: a whole number above zero, said in those words (CLI11's
// PositiveNumber prints its range as a 300-digit double).
#pragma once
#include <CLI/CLI.hpp>

namespace harness {

/// Accepts 1, 2, ...; refuses 0, negatives, fractions and text with "must be a whole number >= 1".
const CLI::Validator& positive_count();

}  // namespace harness
