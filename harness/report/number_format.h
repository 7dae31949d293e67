// How the report writes numbers and counts in its text: one place, so the tables, the golden check
// and the figures' labels round the same score the same way.
#pragma once
#include <string>

namespace harness {

/// `value` with `decimals` digits after the point ("65.0" by default, one decimal as the paper prints).
std::string fixed(double value, int decimals = 1);

/// "1 seed", "3 seeds": `count` and `noun`, with an s unless the count is one.
std::string counted(long long count, const std::string& noun);

}  // namespace harness
