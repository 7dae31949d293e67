#include "harness/run/run_skeleton.h"

#include <filesystem>

#include "autodiff/error.h"
#include "harness/run/fingerprint.h"
#include "harness/run/text_file.h"
#include "harness/run/toml_lines.h"

namespace harness {
namespace fs = std::filesystem;

std::string default_run_dir(const std::string& name, uint64_t seed) {
  return "runs/" + name + "/seed" + std::to_string(seed);
}

RunDirectory::RunDirectory(const std::string& path, bool resume, FileKind kind)
    : path_(path), checkpoint_(path + "/checkpoint.h5") {
  fs::create_directories(path_);
  lock_ = std::make_unique<FileLock>(path_ + "/.lock", FileLock::Mode::or_fail, "run directory " + path_);
  if (!has_checkpoint()) return;
  if (const FileKind found = file_kind(checkpoint_); found != kind) {
    if (found == FileKind::not_hdf5 || found == FileKind::other_hdf5) {  // ours, cut short or damaged
      throw autodiff::Error(checkpoint_ + " cannot be read as a checkpoint (cut short or damaged?): move it away and "
                            "run again with --resume to start the run over here, or choose another --out");
    }
    const std::string command = taken_by(found);
    throw autodiff::Error(path_ + " holds " + describe(found) + ", not " + describe(kind) +
                          (command.empty() ? "" : ": " + command) + "; choose another --out for this run");
  }
  if (!resume) {
    throw autodiff::Error(path_ + " already holds a run: pass --resume to continue it, or --out DIR to start another");
  }
}

bool RunDirectory::has_checkpoint() const { return fs::exists(checkpoint_); }

void require_same_run(const std::string& checkpoint, const std::vector<SameRunField>& fields) {
  for (const SameRunField& f : fields) {
    if (f.saved == f.fresh) continue;
    // a config names its keys that differ; a single value is shown whole
    const std::string keys = toml_differences(f.saved, f.fresh);
    const std::string difference = keys.empty() ? "(" + f.saved + " -> " + f.fresh + ")"
                                                : "(" + keys + "; the checkpoint's -> this run's)";
    throw autodiff::Error(checkpoint + ": cannot resume: this run's " + f.what + " differs from the checkpoint's " +
                          difference + "; give the run the same settings, or another --out to start a new run");
  }
}

void write_run_record(const RunDirectory& dir, JsonObject record) {
  add_build_info(record);
  write_text_file(dir.file("run.json"), record.str() + "\n");
}

}  // namespace harness
