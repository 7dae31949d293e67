#include "harness/run/json.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string_view>

namespace harness {
namespace {

constexpr size_t kMaxMessage = 200;  // characters of the parser's message kept: an error stays short

// 2^53: above it not every integer is a double, so such values keep the double form
constexpr double kLargestExactInteger = 9007199254740992.0;

bool is_exact_integer(double value) {
  return value == std::trunc(value) && std::fabs(value) <= kLargestExactInteger &&
         !(value == 0 && std::signbit(value));  // -0 would come back as 0
}

const char* nonfinite_flag(double value) {
  if (std::isnan(value)) return "nan";
  return value > 0 ? "inf" : "-inf";
}

// older versions (and Python's json module) wrote these bare; nlohmann::json refuses them
constexpr std::array<std::string_view, 5> kBareNonfinite = {"-Infinity", "Infinity", "NaN", "-inf", "inf"};

// the text with each bare non-finite token outside strings replaced by null
std::string bare_nonfinite_as_null(const std::string& text) {
  std::string out;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) out += text[++i];  // an escaped quote does not end it
      if (c == '"') in_string = false;
      continue;
    }
    in_string = c == '"';
    auto token = std::find_if(kBareNonfinite.begin(), kBareNonfinite.end(),
                              [&](std::string_view t) { return text.compare(i, t.size(), t) == 0; });
    if (token == kBareNonfinite.end()) {
      out += c;
    } else {
      out += "null";
      i += token->size() - 1;
    }
  }
  return out;
}

// "[json.exception.parse_error.101] parse error at ..." -> "JSON: parse error at ...", one short line
std::string one_line_message(const std::string& what) {
  const size_t tag_end = what.find("] ");
  std::string message = "JSON: " + (tag_end == std::string::npos ? what : what.substr(tag_end + 2));
  std::replace(message.begin(), message.end(), '\n', ' ');
  if (message.size() > kMaxMessage) message = message.substr(0, kMaxMessage) + "...";
  return message;
}

}  // namespace

JsonObject& JsonObject::add(const std::string& key, double value) {
  const std::string flag = key + kNonfiniteSuffix;
  if (!std::isfinite(value)) {
    json_[key] = nullptr;
    json_[flag] = nonfinite_flag(value);
    return *this;
  }
  json_.erase(flag);
  if (is_exact_integer(value)) {
    json_[key] = static_cast<int64_t>(value);
  } else {
    json_[key] = value;
  }
  return *this;
}

JsonObject& JsonObject::add(const std::string& key, const std::string& value) {
  json_[key] = value;
  return *this;
}

JsonObject& JsonObject::add(const std::string& key, bool value) {
  json_[key] = value;
  return *this;
}

std::string JsonObject::json_line(const Json& object) {
  return object.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json parse_json_object(const std::string& text) {
  Json object;
  try {
    object = Json::parse(text);
  } catch (const Json::parse_error& strict) {
    // a file from an older version: retried once with its bare NaN as null; errors name the original
    object = Json::parse(bare_nonfinite_as_null(text), nullptr, false);
    if (object.is_discarded()) throw std::runtime_error(one_line_message(strict.what()));
  }
  if (!object.is_object()) {
    throw std::runtime_error("JSON: the text is " + std::string(object.type_name()) + ", not an object {...}");
  }
  return object;
}

double json_number(const Json& object, const std::string& key, double fallback) {
  auto it = object.find(key);
  if (it == object.end()) return fallback;
  if (it->is_number()) return it->get<double>();
  if (!it->is_null()) return fallback;
  const std::string flag = json_string(object, key + kNonfiniteSuffix);
  if (flag == "inf") return std::numeric_limits<double>::infinity();
  if (flag == "-inf") return -std::numeric_limits<double>::infinity();
  return std::numeric_limits<double>::quiet_NaN();
}

std::string json_string(const Json& object, const std::string& key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

bool json_bool(const Json& object, const std::string& key) {
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace harness
