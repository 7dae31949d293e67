// iql golden [--only TEXT]: rewrites golden/ci/<dataset>.txt and the fine-tune golden (what `make
// golden` runs).
#include <cstdio>
#include <fstream>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/data/scratch_dir.h"
#include "harness/run/golden_ci.h"

namespace harness {

void add_golden_command(CLI::App& app) {
  auto only = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("golden", "Rewrite the short-run goldens golden/ci/*.txt (a reviewed change)");
  cmd->add_option("--only", *only, "datasets whose name contains this text");
  cmd->callback([only] {
    const ScratchDir scratch("iql-golden");
    const std::string work = scratch.path();
    for (const std::string& dataset : golden_ci_datasets()) {
      if (dataset.find(*only) == std::string::npos) continue;
      const std::string record = golden_ci_record(dataset, work);
      std::ofstream(golden_ci_path(dataset), std::ios::trunc) << record;
      std::printf("%s", record.c_str());
    }
    if (std::string(kFinetuneCiName).find(*only) == std::string::npos) return;
    const std::string record = finetune_ci_golden(work);
    std::ofstream(golden_ci_path(kFinetuneCiName), std::ios::trunc) << record;
    std::printf("%s", record.c_str());
  });
}

}  // namespace harness
