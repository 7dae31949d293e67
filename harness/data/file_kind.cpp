#include "harness/data/file_kind.h"

#include <cstring>
#include <filesystem>
#include <fstream>

#include "autodiff/error.h"
#include "harness/data/hdf5_file.h"

namespace harness {
namespace {

// the 8-byte signature every HDF5 file starts with (at offset 0 for the files written here)
bool has_hdf5_signature(const std::string& path) {
  char head[8] = {};
  std::ifstream in(path, std::ios::binary);
  in.read(head, sizeof head);
  return in.gcount() == sizeof head && std::memcmp(head, "\x89HDF\r\n\x1a\n", sizeof head) == 0;
}

bool has_attribute(hid_t file, const char* name) { return H5Aexists(file, name) > 0; }

FileKind hdf5_kind(const std::string& path) {
  QuietHdf5 quiet;
  H5Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) return FileKind::not_hdf5;
  if (has_attribute(file.get(), "kind")) {
    return read_text_attribute(file.get(), path, "kind") == "finetune" ? FileKind::finetune_checkpoint
                                                                        : FileKind::sac_checkpoint;
  }
  if (has_attribute(file.get(), "algorithm")) return FileKind::sac_snapshot;
  if (has_attribute(file.get(), "obs_dim") && has_attribute(file.get(), "dataset")) return FileKind::iql_checkpoint;
  if (has_dataset(file.get(), "observations")) return FileKind::d4rl_dataset;
  return FileKind::other_hdf5;
}

}  // namespace

FileKind file_kind(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return FileKind::missing;
  if (std::filesystem::is_directory(path, error)) return FileKind::directory;
  return has_hdf5_signature(path) ? hdf5_kind(path) : FileKind::not_hdf5;
}

std::string describe(FileKind kind) {
  switch (kind) {
    case FileKind::iql_checkpoint: return "an IQL run's checkpoint";
    case FileKind::sac_snapshot: return "a SAC policy snapshot";
    case FileKind::sac_checkpoint: return "a SAC run's checkpoint";
    case FileKind::finetune_checkpoint: return "a fine-tune run's checkpoint";
    case FileKind::d4rl_dataset: return "a D4RL dataset";
    case FileKind::other_hdf5: return "an HDF5 file of none of iql's kinds";  // said as "X: an HDF5 file of ...; give ..."
    case FileKind::not_hdf5: return "not an HDF5 file";
    case FileKind::directory: return "a directory";
    case FileKind::missing: return "missing";
  }
  return "";
}

std::string taken_by(FileKind kind) {
  switch (kind) {
    case FileKind::iql_checkpoint: return "iql eval --checkpoint takes it";
    case FileKind::sac_snapshot: return "iql eval --snapshot takes it";
    case FileKind::sac_checkpoint: return "iql sac --resume --out continues its run directory";
    case FileKind::finetune_checkpoint: return "iql eval --checkpoint scores it; iql finetune --resume --out continues its run directory";
    case FileKind::d4rl_dataset: return "iql train --file takes it";
    default: return "";
  }
}

void require_kind(const std::string& path, FileKind wanted, const std::string& option) {
  const FileKind found = file_kind(path);
  if (found == wanted) return;
  if (found == FileKind::missing) throw autodiff::Error(option + " " + path + ": no such file; give " + describe(wanted));
  const std::string command = taken_by(found);
  if (command.empty()) throw autodiff::Error(option + " " + path + ": " + describe(found) + "; give " + describe(wanted));
  throw autodiff::Error(option + " " + path + ": this is " + describe(found) + ", not " + describe(wanted) + "; " + command);
}

}  // namespace harness
