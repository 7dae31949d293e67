// Rng: the project's one random generator. xoshiro256** (Blackman & Vigna, 2018) seeded through
// splitmix64, with our own uniform and normal transforms: the std:: distributions are not used
// because their outputs differ between standard libraries.
//
// Named streams: Rng::stream(seed, "batches") and Rng::stream(seed, "init") are independent
// generators derived from one run seed, so adding draws to one stream never shifts another.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace autodiff {

class Rng {
 public:
  using State = std::array<uint64_t, 4>;

  /// A generator whose 256-bit state is four splitmix64 outputs of `seed`.
  explicit Rng(uint64_t seed);

  /// The stream `name` of run seed `seed`: seeded with seed ^ fnv1a64(name) mixed by splitmix64.
  static Rng stream(uint64_t seed, std::string_view name);

  /// 64 uniformly random bits.
  uint64_t next_u64();

  /// Uniform in [0, 1) with 53 random bits.
  double uniform();

  /// Uniform in [lo, hi).
  double uniform(double lo, double hi);

  /// Standard normal, by Box-Muller on two uniforms (one output per call, no cached spare).
  double normal();

  /// Uniform integer in [0, n), n > 0, without modulo bias (Lemire's multiply-and-reject).
  uint64_t below(uint64_t n);

  /// The full state, for checkpoints; set_state(state()) continues the same sequence.
  const State& state() const { return state_; }
  void set_state(const State& state) { state_ = state; }

 private:
  State state_;
};

}  // namespace autodiff
