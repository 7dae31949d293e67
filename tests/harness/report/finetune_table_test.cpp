// Tests for harness/report/finetune_table.cpp: the offline -> online table of fine-tune runs.
#include <gtest/gtest.h>

#include "harness/report/finetune_table.h"

namespace harness {
namespace {

RunRecord finetune_run(const std::string& dataset, double offline, double online, bool finished = true) {
  RunRecord r;
  r.dataset = dataset;
  r.offline_steps = 1000;
  r.offline_score = offline;
  r.final_score = online;
  r.finished = finished;
  return r;
}

TEST(FinetuneTable, OneRowPerDatasetWithMeanAndStdOfEachPhase) {
  const std::vector<RunRecord> runs = {finetune_run("antmaze-umaze-regen", 40, 60),
                                       finetune_run("antmaze-umaze-regen", 50, 80),
                                       finetune_run("antmaze-umaze-regen", 0, 0, false),  // unfinished: left out
                                       finetune_run("antmaze-medium-play-regen", 10, 30)};
  EXPECT_EQ(markdown_finetune_table(runs),
            "| Dataset | Offline | -> Online | Seeds |\n|---|---:|---:|---:|\n"
            "| antmaze-umaze-regen | 45.0 ± 7.1 | 70.0 ± 14.1 | 2 |\n"
            "| antmaze-medium-play-regen | 10.0 ± – | 30.0 ± – | 1 |\n");
}

TEST(FinetuneTable, OfflineRunsGiveNoTable) {
  RunRecord offline;
  offline.dataset = "hopper-medium-v2";
  offline.finished = true;
  EXPECT_EQ(markdown_finetune_table({offline}), "");
}

}  // namespace
}  // namespace harness
