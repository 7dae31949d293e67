// Paths on the command line, checked where they are parsed and refused naming the path and what it
// should be: a file to read that is missing or is a directory, a directory to read that is a file,
// and an output that cannot be made there (a directory where a file goes, a file in the way of a
// directory, a place without write permission). CLI11's ExistingFile says "File does not exist"
// without what was wanted, and an unwritable --out was found only after the work, by std::filesystem.
// The type names (FILE, DIR, OUT_FILE, OUT_DIR) are what --help shows and what the CLI's option
// table test walks.
#pragma once
#include <string>

#include <CLI/CLI.hpp>

namespace harness {

/// "" when the path can be used so; else what is wrong with it.
std::string input_file_problem(const std::string& path, const std::string& what);
std::string input_dir_problem(const std::string& path, const std::string& what);
std::string output_file_problem(const std::string& path);
std::string output_dir_problem(const std::string& path);

/// add_option for a file to read; `what` says what it should be ("an IQL run's checkpoint.h5").
CLI::Option* add_input_file(CLI::App& cmd, const std::string& name, std::string& value, const std::string& help,
                            const std::string& what);
/// add_option for a directory to read.
CLI::Option* add_input_dir(CLI::App& cmd, const std::string& name, std::string& value, const std::string& help,
                           const std::string& what);
/// add_option for a file to write (its directory is created when missing).
CLI::Option* add_output_file(CLI::App& cmd, const std::string& name, std::string& value, const std::string& help);
/// add_option for a directory to write into (created when missing).
CLI::Option* add_output_dir(CLI::App& cmd, const std::string& name, std::string& value, const std::string& help);

}  // namespace harness
