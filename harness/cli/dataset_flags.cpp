#include "harness/cli/dataset_flags.h"

#include "harness/cli/path_option.h"

namespace harness {

DatasetChoice DatasetFlags::choose() const {
  if (dataset.empty() && file.empty()) throw CLI::ValidationError("--dataset", "give --dataset NAME (or --file F.hdf5 --env ENV)");
  if (dataset.empty() && env.empty())
    throw CLI::ValidationError("--file", "say what the file holds: --dataset NAME (a registry name), or --env ENV "
                                         "(hopper, antmaze-umaze, ...; iql env list)");
  return choose_dataset(dataset, file, env);
}

FetchOptions DatasetFlags::fetch() const {
  FetchOptions options;
  options.mirror = mirror;
  options.allow_download = !offline;
  return options;
}

void add_dataset_flags(CLI::App& cmd, DatasetFlags& out, const std::string& example) {
  cmd.add_option("--dataset", out.dataset, "D4RL dataset name (iql datasets list), e.g. " + example);
  add_input_file(cmd, "--file", out.file, "a D4RL-layout .hdf5 file to train on instead of the cached one",
                 "a D4RL-layout .hdf5 dataset");
  cmd.add_option("--env", out.env, "with --file outside the registry: the env family (hopper, antmaze-umaze, ...)");
  CLI::Option* mirror = cmd.add_option("--mirror", out.mirror, "base URL replacing the official D4RL server [$D4RL_MIRROR]");
  cmd.add_flag("--offline", out.offline, "never download: a missing dataset is an error saying where to put it")
      ->excludes(mirror);  // a mirror that is never used: whoever typed it expects it to matter
}

}  // namespace harness
