#include "harness/envs/mujoco_model.h"

#include <cstring>
#include <mutex>
#include <string>

namespace harness {
namespace {

// MuJoCo's default warning handler prints and appends to MUJOCO_LOG.TXT in the working directory.
// Warnings are also counted in mjData::warning, which is how the environments read them, so the
// text is dropped. (The error handler is left alone: MuJoCo assumes it never returns.)
void ignore_warning(const char*) {}

void install_warning_handler() {
  static std::once_flag once;
  std::call_once(once, [] { mju_user_warning = ignore_warning; });
}

// mj_loadXML reads files, so the text goes into a virtual file system of one file
struct Vfs {
  mjVFS vfs;
  Vfs() { mj_defaultVFS(&vfs); }
  ~Vfs() { mj_deleteVFS(&vfs); }
  Vfs(const Vfs&) = delete;
  Vfs& operator=(const Vfs&) = delete;
};

}  // namespace

ModelPtr load_model(std::string_view xml, std::string_view name) {
  install_warning_handler();
  const std::string file(name);
  auto vfs = std::make_unique<Vfs>();  // ~2 MB of fixed arrays: too big for the stack
  if (mj_makeEmptyFileVFS(&vfs->vfs, file.c_str(), static_cast<int>(xml.size())) != 0) {
    throw EnvError(file + ": cannot create MuJoCo virtual file of " + std::to_string(xml.size()) +
                   " bytes");
  }
  const int index = mj_findFileVFS(&vfs->vfs, file.c_str());
  std::memcpy(vfs->vfs.filedata[index], xml.data(), xml.size());

  char error[1024] = "";
  ModelPtr model(mj_loadXML(file.c_str(), &vfs->vfs, error, sizeof error));
  if (!model) throw EnvError(file + ": MuJoCo could not load the model: " + error);
  return model;
}

DataPtr make_data(const mjModel& model) {
  DataPtr data(mj_makeData(&model));
  if (!data) throw EnvError("mj_makeData failed (out of memory?)");
  return data;
}

}  // namespace harness
