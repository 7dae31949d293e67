// MuJoCo behind RAII: owning pointers for mjModel / mjData and a loader that compiles MJCF text
// (not a file) and turns MuJoCo's error buffer into an EnvError.
#pragma once
#include <memory>
#include <string_view>

#include <mujoco/mujoco.h>

#include "harness/envs/env_spec.h"

namespace harness {

struct ModelDeleter {
  void operator()(mjModel* m) const { mj_deleteModel(m); }
};
struct DataDeleter {
  void operator()(mjData* d) const { mj_deleteData(d); }
};
using ModelPtr = std::unique_ptr<mjModel, ModelDeleter>;
using DataPtr = std::unique_ptr<mjData, DataDeleter>;

/// Compiles the MJCF text `xml`; `name` (e.g. "hopper.xml") names the model in errors.
/// Throws EnvError with MuJoCo's parser/compiler message when the text does not compile.
ModelPtr load_model(std::string_view xml, std::string_view name);

/// A fresh mjData for `model`; throws EnvError if MuJoCo cannot allocate it.
DataPtr make_data(const mjModel& model);

}  // namespace harness
