// The whole `iql` command line: one CLI11 app with every command registered. main.cpp parses argv
// with it; tests walk its options (tests/harness/cli/option_table_test.cpp), so a new option is
// checked without editing them.
#pragma once
#include <memory>

#include <CLI/CLI.hpp>

namespace harness {

/// `iql` with every subcommand and option.
std::unique_ptr<CLI::App> make_cli();

/// Parses and runs argv; every error becomes one line on stderr and the returned exit code
/// (1..125; 130 for an interrupt). A library's own message (std::filesystem, std::bad_alloc) that
/// no command caught is still said in the project's words.
int run_cli(CLI::App& app, int argc, char** argv);

}  // namespace harness
