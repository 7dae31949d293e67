// One CLI11 subcommand per file; main.cpp registers each with its add_*_command.
#pragma once
#include <CLI/CLI.hpp>

namespace harness {


}  // namespace harness
