// What a file is, told from its content: each HDF5 file of the project carries its own marks (an
// IQL checkpoint its obs_dim and dataset attributes, a SAC policy snapshot algorithm = "SAC", a SAC
// run's checkpoint kind = "sac", a fine-tune run's kind = "finetune", a D4RL dataset its observations), so a file given to the wrong
// option is named as what it is, with the command that takes it, instead of "attribute
// 'format_version' is missing".
#pragma once
#include <string>

namespace harness {

enum class FileKind {
  iql_checkpoint,
  sac_snapshot,
  sac_checkpoint,
  finetune_checkpoint,
  d4rl_dataset,
  other_hdf5,
  not_hdf5,
  directory,
  missing
};

/// The kind of `path`, read from its first bytes and its HDF5 root (nothing else is read).
FileKind file_kind(const std::string& path);

/// "a SAC policy snapshot".
std::string describe(FileKind kind);

/// The command that takes a file of this kind ("iql eval --snapshot takes it"), or "".
std::string taken_by(FileKind kind);

/// Throws autodiff::Error naming `path`, what it is and the command that takes it, unless it is of
/// kind `wanted`; `option` is the flag it was given to ("--checkpoint").
void require_kind(const std::string& path, FileKind wanted, const std::string& option);

}  // namespace harness
