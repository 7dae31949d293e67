#include "harness/run/json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace harness {
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// a cursor over the text of one object
struct Reader {
  static constexpr size_t kContext = 30;  // characters quoted on each side of an error

  const std::string& text;
  size_t at = 0;

  // the message quotes the text near `at`, escaped: the text may be long or hold line breaks (a
  // run.json ends in one), and an error stays one line
  [[noreturn]] void fail(const std::string& what) const {
    const size_t from = at > kContext ? at - kContext : 0;
    throw std::runtime_error("JSON: " + what + " at character " + std::to_string(at) + " of " +
                             (from > 0 ? "..." : "") + quoted(text.substr(std::min(from, text.size()), 2 * kContext)) +
                             (from + 2 * kContext < text.size() ? "..." : ""));
  }
  void skip_space() {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
  }
  void expect(char c) {
    skip_space();
    if (at >= text.size() || text[at] != c) fail(std::string("expected '") + c + "'");
    ++at;
  }
  std::string string() {
    expect('"');
    std::string out;
    while (at < text.size() && text[at] != '"') {
      char c = text[at++];
      if (c == '\\' && at < text.size()) {
        const char e = text[at++];
        c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
        if (e == 'u') {
          c = static_cast<char>(std::strtol(text.substr(at, 4).c_str(), nullptr, 16));
          at += 4;
        }
      }
      out += c;
    }
    expect('"');
    return out;
  }
  JsonValue value() {
    skip_space();
    if (at < text.size() && text[at] == '"') return string();
    if (text.compare(at, 4, "true") == 0) return (at += 4, true);
    if (text.compare(at, 5, "false") == 0) return (at += 5, false);
    if (text.compare(at, 3, "NaN") == 0) return (at += 3, std::nan(""));
    char* end = nullptr;
    const double number = std::strtod(text.c_str() + at, &end);
    if (end == text.c_str() + at) fail("expected a value");
    at = static_cast<size_t>(end - text.c_str());
    return number;
  }
};

}  // namespace

void JsonObject::key(const std::string& k) {
  if (!body_.empty()) body_ += ", ";
  body_ += quoted(k) + ": ";
}

JsonObject& JsonObject::add(const std::string& k, double value) {
  key(k);
  if (std::isnan(value)) {
    body_ += "NaN";  // as Python's json module writes it, so pandas and json.loads read it
  } else {
    char number[32];
    std::snprintf(number, sizeof number, "%.17g", value);
    body_ += number;
  }
  return *this;
}

JsonObject& JsonObject::add(const std::string& k, const std::string& value) {
  key(k);
  body_ += quoted(value);
  return *this;
}

JsonObject& JsonObject::add(const std::string& k, bool value) {
  key(k);
  body_ += value ? "true" : "false";
  return *this;
}

std::map<std::string, JsonValue> parse_flat_json(const std::string& text) {
  Reader r{text};
  std::map<std::string, JsonValue> object;
  r.expect('{');
  r.skip_space();
  if (r.at < text.size() && text[r.at] == '}') return object;
  while (true) {
    std::string k = r.string();
    r.expect(':');
    object[k] = r.value();
    r.skip_space();
    if (r.at < text.size() && text[r.at] == ',') {
      ++r.at;
      continue;
    }
    r.expect('}');
    return object;
  }
}

double json_number(const std::map<std::string, JsonValue>& object, const std::string& key, double fallback) {
  auto it = object.find(key);
  if (it == object.end() || !std::holds_alternative<double>(it->second)) return fallback;
  return std::get<double>(it->second);
}

std::string json_string(const std::map<std::string, JsonValue>& object, const std::string& key) {
  auto it = object.find(key);
  if (it == object.end() || !std::holds_alternative<std::string>(it->second)) return "";
  return std::get<std::string>(it->second);
}

}  // namespace harness
