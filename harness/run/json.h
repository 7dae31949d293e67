// JSON objects the project writes and reads back: metrics lines (JSONL), run.json of IQL and SAC
// runs. Encoding and parsing are nlohmann::json's; this file adds the two rules of our files:
// - JSON has no NaN or Infinity, so a non-finite number is written as null with a flag beside it,
//   "final_score": null, "final_score_nonfinite": "nan" (or "inf", "-inf"), and read back as that
//   number; every JSON parser reads the line, and a script sees the flag instead of a bare token.
// - Files older versions wrote with a bare NaN, inf or -inf still read: such a token reads as null
//   without a flag, i.e. NaN (an old inf loses its sign and magnitude, which no reader used).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace harness {

/// Keys keep the order they were added in, so a line reads as it was written.
using Json = nlohmann::ordered_json;

/// The suffix of the flag that marks a non-finite number: "<key>_nonfinite".
inline constexpr const char* kNonfiniteSuffix = "_nonfinite";

/// Builds one object in insertion order; adding a key twice replaces its value.
class JsonObject {
 public:
  /// Integral values are written as integers (5000, not 5000.0); others with the digits that read
  /// back to the same double; non-finite ones as null plus "<key>_nonfinite".
  JsonObject& add(const std::string& key, double value);
  /// Strings are written as UTF-8; bytes that are not valid UTF-8 become U+FFFD.
  JsonObject& add(const std::string& key, const std::string& value);
  JsonObject& add(const std::string& key, const char* value) { return add(key, std::string(value)); }
  JsonObject& add(const std::string& key, bool value);
  /// "{...}" on one line.
  std::string str() const { return json_line(json_); }

  /// One object as a line of compact JSON, control characters escaped: what every writer here uses.
  static std::string json_line(const Json& object);

 private:
  Json json_ = Json::object();
};

/// Parses one object; throws std::runtime_error with a one-line message naming the line and column
/// of what it cannot read, or saying the text is not an object.
Json parse_json_object(const std::string& text);

/// The number under `key` (NaN or an infinity for null, as its flag says), or `fallback` when the
/// key is absent or holds something else.
double json_number(const Json& object, const std::string& key, double fallback);
/// The string under `key`, or "" when absent or not a string.
std::string json_string(const Json& object, const std::string& key);
/// The boolean under `key`; false when absent or not a boolean.
bool json_bool(const Json& object, const std::string& key);

}  // namespace harness
