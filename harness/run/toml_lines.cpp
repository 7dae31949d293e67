#include "harness/run/toml_lines.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>

namespace harness {
namespace {

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") + 1 - first);
}

// the value without a trailing comment; a '#' inside a string stays
std::string without_comment(const std::string& value) {
  bool quoted = false;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '"') quoted = !quoted;
    if (value[i] == '#' && !quoted) return trim(value.substr(0, i));
  }
  return trim(value);
}

bool bare_key(const std::string& key, bool dots) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [dots](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || (dots && c == '.');
  });
}

// '[' minus ']' outside strings: a list value continues on the next line while this is > 0
int open_brackets(const std::string& value) {
  int depth = 0;
  bool quoted = false;
  for (char c : value) {
    if (c == '"') quoted = !quoted;
    if (!quoted) depth += c == '[' ? 1 : c == ']' ? -1 : 0;
  }
  return depth;
}

// the checker's state over the lines of one text
struct Reader {
  const std::string& where;
  bool sections;
  TomlLines out;
  std::string section;  // "" = top level
  int number = 0;       // current line
  std::string pending;  // the key whose list value continues, or ""
  int depth = 0;
  std::map<std::string, int> headers;  // section -> the line of its header

  bool fail(const std::string& line, const std::string& what) {
    out.error = where + ":" + std::to_string(number) + ": '" + line + "' " + what;
    return false;
  }

  bool header(const std::string& line) {
    if (!sections) return fail(line, "is a section header; sections are not supported: write every key at the top level");
    if (line.rfind("[[", 0) == 0) return fail(line, "is an array of tables, which is not supported");
    const std::string name = trim(line.substr(1, line.find(']') - 1));
    if (line.back() != ']' || !bare_key(name, true)) return fail(line, "is not a section header of the form [name]");
    const auto [seen, added] = headers.emplace(name, number);
    if (!added) {
      out.error = where + ":" + std::to_string(number) + ": " + line + " appears twice (first on line " +
                  std::to_string(seen->second) + "); merge the two sections";
      return false;
    }
    section = name;
    return true;
  }

  bool key_value(const std::string& line) {
    const size_t eq = line.find('=');
    if (eq == std::string::npos) return fail(line, "is not `key = value`");
    const std::string key = trim(line.substr(0, eq)), value = without_comment(line.substr(eq + 1));
    if (!bare_key(key, false)) {
      return fail(line, key.find('.') != std::string::npos && !sections
                            ? "has a dotted key; sections are not supported: write every key at the top level"
                            : "is not `key = value` with a key of letters, digits, _ and -");
    }
    if (value.empty()) return fail(line, "has no value after '='");
    const std::string full = section.empty() ? key : section + "." + key;
    const auto [seen, added] = out.keys.emplace(full, TomlKey{number, value});
    if (!added) return fail(line, "sets '" + key + "' again (first on line " + std::to_string(seen->second.line) + "): keep one");
    depth = open_brackets(value);
    if (depth > 0) pending = full;
    return true;
  }

  bool line(const std::string& raw) {
    ++number;
    const std::string text = trim(raw);
    if (!pending.empty()) {  // a list over several lines: its items until the closing bracket
      out.keys[pending].value += " " + without_comment(text);
      depth += open_brackets(without_comment(text));
      if (depth <= 0) pending.clear();
      return true;
    }
    if (text.empty() || text[0] == '#') return true;
    return text[0] == '[' ? header(text) : key_value(text);
  }
};

}  // namespace

TomlLines check_toml_lines(const std::string& text, const std::string& where, bool sections) {
  Reader reader{where, sections, {}, "", 0, "", 0, {}};
  std::istringstream lines(text);
  std::string raw;
  while (std::getline(lines, raw)) {
    if (!reader.line(raw)) break;
  }
  return reader.out;
}

namespace {

// a number as its shortest text that reads back the same (configs are written with 17 digits, so
// 0.7 reads 0.69999999999999996 there); anything else as written
std::string shortest(const std::string& value) {
  double number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size()) return value;
  char text[32];
  return std::string(text, std::to_chars(text, text + sizeof text, number).ptr);
}

}  // namespace

std::string toml_differences(const std::string& before, const std::string& after) {
  const TomlLines a = check_toml_lines(before, "", false), b = check_toml_lines(after, "", false);
  if (!a.error.empty() || !b.error.empty()) return "";
  std::map<std::string, std::pair<std::string, std::string>> values;  // key -> (before, after)
  for (const auto& [key, k] : a.keys) values[key] = {shortest(k.value), "(none)"};
  for (const auto& [key, k] : b.keys) values.try_emplace(key, "(none)", "").first->second.second = shortest(k.value);
  std::string differences;
  for (const auto& [key, v] : values) {
    if (v.first == v.second) continue;
    differences += (differences.empty() ? "" : ", ") + key + " " + v.first + " -> " + v.second;
  }
  return differences;
}

}  // namespace harness
