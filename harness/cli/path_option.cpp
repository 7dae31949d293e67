#include "harness/cli/path_option.h"

#include <filesystem>

#include <unistd.h>

namespace harness {
namespace {

namespace fs = std::filesystem;

// the deepest part of `path` that exists ("." for a relative path with none)
fs::path existing_ancestor(const fs::path& path) {
  std::error_code error;
  fs::path at = path.parent_path();
  while (!at.empty() && !fs::exists(at, error)) at = at.parent_path();
  return at.empty() ? fs::path(".") : at;
}

// why `path` cannot be created: a file where a directory of its path should be, or no permission
std::string creation_problem(const std::string& path) {
  const fs::path ancestor = existing_ancestor(fs::path(path));
  std::error_code error;
  if (!fs::is_directory(ancestor, error)) {
    return "'" + path + "' cannot be created: " + ancestor.string() + " is a file, not a directory";
  }
  if (access(ancestor.c_str(), W_OK | X_OK) != 0) {
    return "'" + path + "' cannot be created: no permission to write in " + ancestor.string();
  }
  return "";
}

CLI::Option* add_path(CLI::App& cmd, const std::string& name, std::string& value, const std::string& help,
                      const char* type, std::function<std::string(const std::string&)> problem) {
  return cmd.add_option(name, value, help)
      ->check(CLI::Validator([problem](std::string& path) { return problem(path); }, ""))
      ->type_name(type);
}

}  // namespace

std::string input_file_problem(const std::string& path, const std::string& what) {
  std::error_code error;
  if (!fs::exists(path, error)) return "no such file '" + path + "'; give " + what;
  if (fs::is_directory(path, error)) return "'" + path + "' is a directory, not " + what;
  if (access(path.c_str(), R_OK) != 0) return "'" + path + "' cannot be read: no permission";
  return "";
}

std::string input_dir_problem(const std::string& path, const std::string& what) {
  std::error_code error;
  if (!fs::exists(path, error)) return "no such directory '" + path + "'; give " + what;
  if (!fs::is_directory(path, error)) return "'" + path + "' is a file, not a directory: give " + what;
  return "";
}

std::string output_file_problem(const std::string& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) return "'" + path + "' is a directory; give the name of a file to write";
  if (fs::exists(path, error)) {
    return access(path.c_str(), W_OK) == 0 ? "" : "'" + path + "' cannot be written: no permission";
  }
  return creation_problem(path);
}

std::string output_dir_problem(const std::string& path) {
  std::error_code error;
  if (fs::exists(path, error) && !fs::is_directory(path, error)) {
    return "'" + path + "' is a file, not a directory; give a directory (it is created when missing)";
  }
  if (fs::exists(path, error)) {
    return access(path.c_str(), W_OK | X_OK) == 0 ? "" : "'" + path + "' cannot be written: no permission";
  }
  return creation_problem(path);
}

CLI::Option* add_input_file(CLI::App& cmd, const std::string& name, std::string& value, const std::string& help,
                            const std::string& what) {
  return add_path(cmd, name, value, help, "FILE", [what](const std::string& p) { return input_file_problem(p, what); });
}

CLI::Option* add_input_dir(CLI::App& cmd, const std::string& name, std::string& value, const std::string& help,
                           const std::string& what) {
  return add_path(cmd, name, value, help, "DIR", [what](const std::string& p) { return input_dir_problem(p, what); });
}

CLI::Option* add_output_file(CLI::App& cmd, const std::string& name, std::string& value, const std::string& help) {
  return add_path(cmd, name, value, help, "OUT_FILE", output_file_problem);
}

CLI::Option* add_output_dir(CLI::App& cmd, const std::string& name, std::string& value, const std::string& help) {
  return add_path(cmd, name, value, help, "OUT_DIR", output_dir_problem);
}

}  // namespace harness
