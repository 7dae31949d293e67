// What the reliability tests (issue 32) feed every number a user can type, which of those values
// are legitimately fine for which hyperparameter (with the reason), and the texts of libraries that
// must never reach the user. Shared by the CLI's option table test and the TOML config and grid
// file tests, so a flag and its file key are held to the same list.
#pragma once
#include <array>
#include <string>
#include <string_view>

namespace harness::testing {

/// 0, -1, a value too large for any field (1e20: beyond int64), nan, inf and a word.
inline constexpr std::array<const char*, 6> kBadNumbers = {"0", "-1", "99999999999999999999", "nan", "inf", "ten"};

struct AcceptedValue {
  const char* key;     // a config key of IqlConfig or SacConfig (its flag is --key-with-dashes)
  const char* value;   // one of kBadNumbers
  const char* reason;  // why the value is fine
};

inline constexpr AcceptedValue kAcceptedValues[] = {
    {"temperature", "0", "behaviour cloning: every advantage weight is 1 (the BC baseline)"},
    {"temperature", "99999999999999999999", "greedy on Q; the weights are capped by max_exp_advantage"},
    {"max_exp_advantage", "99999999999999999999", "a cap that never binds is allowed"},
    {"actor_dropout", "0", "the default: no dropout"},
    {"discount", "0", "in [0, 1]: a discount of 0 learns the immediate reward"},
    {"adam_beta1", "0", "in [0, 1): Adam without a first-moment average"},
    {"adam_beta2", "0", "in [0, 1): Adam with the last squared gradient only"},
    {"adam_eps", "99999999999999999999", "any positive epsilon is allowed (it only damps the step)"},
    {"actor_lr", "99999999999999999999", "any positive rate is allowed: a huge one diverges, which the run reports"},
    {"critic_lr", "99999999999999999999", "any positive rate is allowed: a huge one diverges, which the run reports"},
    {"value_lr", "99999999999999999999", "any positive rate is allowed: a huge one diverges, which the run reports"},
    {"policy_lr", "99999999999999999999", "any positive rate is allowed: a huge one diverges, which the run reports"},
    {"q_lr", "99999999999999999999", "any positive rate is allowed: a huge one diverges, which the run reports"},
    {"alpha_lr", "99999999999999999999", "any positive rate is allowed: a huge one diverges, which the run reports"},
    {"log_std_min", "0", "any finite value below log_std_max (2 by default)"},
    {"log_std_min", "-1", "any finite value below log_std_max (2 by default)"},
    {"log_std_max", "0", "any finite value above log_std_min (-5, -20 by default)"},
    {"log_std_max", "-1", "any finite value above log_std_min (-5, -20 by default)"},
    {"log_std_max", "99999999999999999999", "any finite value above log_std_min: the clip never binds"},
    {"reward_scale", "99999999999999999999", "any positive scale is allowed (SAC's reward scaling)"},
    {"target_entropy_per_dim", "0", "any finite entropy target is allowed"},
    {"target_entropy_per_dim", "-1", "any finite entropy target is allowed (rlkit's default)"},
    {"target_entropy_per_dim", "99999999999999999999", "any finite entropy target is allowed"},
    {"warmup_steps", "0", "no warm-up: updates start at once"},
};

/// The reason `value` is fine for config key `key`, or nullptr when it must be refused.
inline const char* accepted_reason(std::string_view key, std::string_view value) {
  for (const AcceptedValue& a : kAcceptedValues) {
    if (key == a.key && value == a.value) return a.reason;
  }
  return nullptr;
}

/// Texts of std::, CLI11 and HDF5 that mean a library's message reached the user unchanged.
inline constexpr const char* kLibraryTexts[] = {
    "filesystem error", "bad_alloc", "std::", "what()", "terminate called", "HDF5-DIAG", "H5F", "H5D", "H5A",
    "stoll", "stod", "stoi", "stoul", "basic_string", "Could not convert", "is not an allowed value",
    "not in range", "File does not exist", "Directory does not exist", "File is actually", "At Most",
    "required but received", "ConversionError", "ValidationError", "Segmentation fault", "Aborted", "0.000000",
};

/// The first library text found in `message`, or "" when there is none.
inline std::string library_text_in(const std::string& message) {
  for (const char* text : kLibraryTexts) {
    if (message.find(text) != std::string::npos) return text;
  }
  return "";
}

}  // namespace harness::testing
