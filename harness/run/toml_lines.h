// The lines of a TOML file as this project writes them (configs, grid files, checkpoints' config
// text), checked one by one before CLI11 reads the values. CLI11 takes a line that is not
// `key = value` for a flag named by the whole line and a key given twice for a list, so neither
// could be told apart afterwards; here each is named with its line.
#pragma once
#include <map>
#include <string>

namespace harness {

struct TomlKey {
  int line = 0;       // 1-based
  std::string value;  // the value's text as written, e.g. 0.8 or [0, 1]
};

struct TomlLines {
  std::string error;                   // "" = every line is well-formed; else "WHERE:LINE: ... what is wrong"
  std::map<std::string, TomlKey> keys;  // "key", or "section.key" inside [section]
};

/// Checks that each line of `text` is blank, a comment, `key = value` (a list may run over several
/// lines) or, when `sections` is true, a `[section]` header; and that no key appears twice in a
/// section. `where` names the source in the error.
TomlLines check_toml_lines(const std::string& text, const std::string& where, bool sections);

/// The keys whose values differ between two TOML texts of `key = value` lines, in key order:
/// "expectile 0.7 -> 0.8, max_steps 2000 -> 3000" (a key one side lacks: "(none)"); "" when none
/// differ or either text is not such lines.
std::string toml_differences(const std::string& before, const std::string& after);

}  // namespace harness
