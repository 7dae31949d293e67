// One CLI11 subcommand per file; main.cpp registers each with its add_*_command.
#pragma once
#include <CLI/CLI.hpp>

namespace harness {

void add_env_command(CLI::App& app);  // iql env list|rollout|xml (env.cpp)
void add_check_env_command(CLI::App& datasets_cmd);  // iql datasets check-env (check_env.cpp)
void add_render_dataset_command(CLI::App& datasets_cmd);  // iql datasets render (render_dataset.cpp)
void add_datasets_command(CLI::App& app);  // iql datasets list|path|fetch|verify|fixture (datasets.cpp)
void add_train_command(CLI::App& app);     // iql train (train.cpp)
void add_eval_command(CLI::App& app);      // iql eval (eval.cpp)
void add_sac_command(CLI::App& app);       // iql sac (sac.cpp)
void add_finetune_command(CLI::App& app);  // iql finetune (finetune.cpp)
void add_grid_command(CLI::App& app);      // iql grid (grid.cpp)
void add_reproduce_command(CLI::App& app); // iql reproduce (reproduce.cpp)
void add_report_command(CLI::App& app);    // iql report (report.cpp)
void add_plot_command(CLI::App& app);      // iql plot (plot.cpp)
void add_parity_command(CLI::App& app);    // iql parity inputs|compare (parity.cpp)
void add_golden_command(CLI::App& app);    // iql golden (golden.cpp)
void add_demo_command(CLI::App& app);      // iql demo (demo.cpp)

}  // namespace harness
