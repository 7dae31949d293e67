// The offline -> online table of `iql finetune` runs (the IQL paper's Table 3): per dataset, the
// score after the offline phase and at the end of the online one, mean ± std over finished seeds.
#pragma once
#include <string>
#include <vector>

#include "harness/report/runs.h"

namespace harness {

/// A markdown table, one row per dataset with finished fine-tune runs (runs sorted by dataset);
/// "" when there are none.
std::string markdown_finetune_table(const std::vector<RunRecord>& runs);

}  // namespace harness
