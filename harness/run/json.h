// Flat JSON objects: what the metrics log (JSONL), run records and reports exchange. Values are
// numbers, strings or booleans; no nesting, which is all these files need.
#pragma once
#include <map>
#include <string>
#include <variant>

namespace harness {

using JsonValue = std::variant<double, std::string, bool>;

/// Builds one object in insertion order; numbers are written with 17 significant digits, so they
/// read back to the same double.
class JsonObject {
 public:
  JsonObject& add(const std::string& key, double value);
  JsonObject& add(const std::string& key, const std::string& value);
  JsonObject& add(const std::string& key, const char* value) { return add(key, std::string(value)); }
  JsonObject& add(const std::string& key, bool value);
  /// "{...}" on one line.
  std::string str() const { return "{" + body_ + "}"; }

 private:
  void key(const std::string& k);
  std::string body_;
};

/// Parses one flat object; throws std::runtime_error naming the position of what it cannot read.
std::map<std::string, JsonValue> parse_flat_json(const std::string& text);

/// The number under `key`, or `fallback` when absent or not a number.
double json_number(const std::map<std::string, JsonValue>& object, const std::string& key, double fallback);
/// The string under `key`, or "" when absent or not a string.
std::string json_string(const std::map<std::string, JsonValue>& object, const std::string& key);

}  // namespace harness
