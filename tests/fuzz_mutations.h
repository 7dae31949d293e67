// Deterministic mutants of a valid input, and the check every reader must pass on them (issue 19):
// a damaged file is either read or refused with a one-line message that names what is wrong, never a
// crash, a hang or a bare library message. The mutants come from a fixed-seed Rng, so a failure
// reproduces on every run and names the mutant's index.
#pragma once
#include <algorithm>
#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "autodiff/rng.h"

namespace harness::testing {

/// What breaks readers: TOML and JSON structure, signs, non-finite and out-of-range numbers, bytes
/// that are not text.
inline const std::vector<std::string>& special_tokens() {
  static const std::vector<std::string> tokens = {
      "[", "]", "[[", "{", "}", "\"", "'", "\"\"\"", "'''", "=", ":", ",", "#", "\\", "\\u", "\n", "\r\n",
      "nan", "NaN", "inf", "-inf", "1e400", "-1e400", "-", "0", "-1", "0-99999", "99999999999999999999999",
      "-9223372036854775809", "true", "[dataset.", "[defaults]", std::string(1, '\0'), "\xff\xfe"};
  return tokens;
}

namespace detail {

// [begin, end) of the line holding byte `at`
inline std::pair<size_t, size_t> line_around(const std::string& text, size_t at) {
  const size_t begin = at == 0 ? 0 : text.rfind('\n', at - 1) + 1;  // npos + 1 == 0
  const size_t newline = text.find('\n', at);
  return {begin, newline == std::string::npos ? text.size() : newline + 1};
}

// one small damage at a random place: a flipped bit, an inserted token, a word replaced by a
// token, a line deleted or doubled
inline void mutate_once(std::string& text, autodiff::Rng& rng) {
  const auto& tokens = special_tokens();
  const size_t at = text.empty() ? 0 : rng.below(text.size());
  const std::string& token = tokens[rng.below(tokens.size())];
  switch (rng.below(5)) {
    case 0:
      if (!text.empty()) text[at] = static_cast<char>(text[at] ^ (1 << rng.below(8)));
      break;
    case 1: text.insert(at, token); break;
    case 2: {
      const size_t end = text.find_first_of(" \n=,[]", at);
      text.replace(at, (end == std::string::npos ? text.size() : end) - at, token);
      break;
    }
    case 3: {
      const auto [begin, end] = line_around(text, at);
      text.erase(begin, end - begin);
      break;
    }
    default: {
      const auto [begin, end] = line_around(text, at);
      text.insert(begin, text.substr(begin, end - begin));
    }
  }
}

}  // namespace detail

/// `count` mutants of the text `seed`, the same on every run: first every truncation at a multiple of
/// `seed.size() / 32` bytes, then each of 1 to 3 stacked mutate_once() damages.
inline std::vector<std::string> text_mutants(const std::string& seed, size_t count, uint64_t rng_seed) {
  std::vector<std::string> out;
  const size_t step = std::max<size_t>(1, seed.size() / 32);
  for (size_t length = 0; length < seed.size() && out.size() < count; length += step) {
    out.push_back(seed.substr(0, length));
  }
  autodiff::Rng rng(rng_seed);
  while (out.size() < count) {
    std::string text = seed;
    for (uint64_t n = 1 + rng.below(3); n > 0; --n) detail::mutate_once(text, rng);
    out.push_back(std::move(text));
  }
  return out;
}

/// `count` mutants of the binary file content `seed`: truncations at every `seed.size() / 64` bytes,
/// then 1 to 4 random bytes overwritten with random values.
inline std::vector<std::string> byte_mutants(const std::string& seed, size_t count, uint64_t rng_seed) {
  std::vector<std::string> out;
  const size_t step = std::max<size_t>(1, seed.size() / 64);
  for (size_t length = 0; length < seed.size() && out.size() < count; length += step) {
    out.push_back(seed.substr(0, length));
  }
  autodiff::Rng rng(rng_seed);
  while (out.size() < count) {
    std::string bytes = seed;
    for (uint64_t n = 1 + rng.below(4); n > 0; --n) bytes[rng.below(bytes.size())] = static_cast<char>(rng.below(256));
    out.push_back(std::move(bytes));
  }
  return out;
}

/// What is wrong with the error message `what` ("" when nothing): it must be one non-empty line of
/// the reader's own words, not a standard-library message passed through.
inline std::string message_problem(const std::string& what) {
  if (what.empty()) return "empty message";
  if (what.find_first_of("\n\r") != std::string::npos) return "message of several lines";
  for (const std::string bare : {"filesystem error", "stoi", "stol", "stoul", "stof", "stod", "std::", "basic_string",
                                  "vector::", "map::at", "bad_"}) {
    if (what.rfind(bare, 0) == 0) return "bare library message";
    if (what.find("(" + bare) != std::string::npos) return "library message inside";
  }
  return "";
}

/// Calls `read(mutant)` on each of `mutants`; each must succeed or throw a std::exception with a
/// clean message (message_problem). Stops after 10 failures, each naming the mutant's index. Returns
/// how many were refused, so a test can check the mutants reach the reader's error paths.
template <class Read>
size_t expect_clean_outcomes(const std::vector<std::string>& mutants, Read read) {
  int failures = 0;
  size_t refused = 0;
  for (size_t i = 0; i < mutants.size() && failures < 10; ++i) {
    std::string problem;
    std::string what;
    try {
      read(mutants[i]);
    } catch (const std::exception& e) {
      ++refused;
      what = e.what();
      problem = message_problem(what);
    } catch (...) {
      problem = "an exception that is no std::exception";
    }
    if (!problem.empty()) {
      ++failures;
      ADD_FAILURE() << "mutant " << i << " (" << mutants[i].size() << " bytes): " << problem << ": " << what;
    }
  }
  return refused;
}

}  // namespace harness::testing
