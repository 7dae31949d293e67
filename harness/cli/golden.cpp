// iql golden [--only TEXT]: rewrites golden/ci/<dataset>.txt and the fine-tune golden (what `make
// golden` runs).
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "autodiff/error.h"
#include "harness/cli/commands.h"
#include "harness/data/scratch_dir.h"
#include "harness/run/golden_ci.h"

namespace harness {

void add_golden_command(CLI::App& app) {
  auto only = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("golden", "Rewrite the short-run goldens golden/ci/*.txt (a reviewed change)");
  cmd->add_option("--only", *only, "datasets whose name contains this text");
  cmd->callback([only] {
    std::vector<std::string> chosen;
    for (const std::string& dataset : golden_ci_datasets())
      if (dataset.find(*only) != std::string::npos) chosen.push_back(dataset);
    const bool finetune = std::string(kFinetuneCiName).find(*only) != std::string::npos;
    if (chosen.empty() && !finetune) {
      std::string known = kFinetuneCiName;
      for (const std::string& name : golden_ci_datasets()) known += ", " + name;
      throw autodiff::Error("--only '" + *only + "' matches no golden (they are: " + known + ")");
    }
    const ScratchDir scratch("iql-golden");
    const std::string work = scratch.path();
    for (const std::string& dataset : chosen) {
      const std::string record = golden_ci_record(dataset, work);
      std::ofstream(golden_ci_path(dataset), std::ios::trunc) << record;
      std::printf("%s", record.c_str());
    }
    if (!finetune) return;
    const std::string record = finetune_ci_golden(work);
    std::ofstream(golden_ci_path(kFinetuneCiName), std::ios::trunc) << record;
    std::printf("%s", record.c_str());
  });
}

}  // namespace harness
