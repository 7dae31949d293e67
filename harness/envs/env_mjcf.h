// The MJCF text an environment compiles, by env name: for `iql env xml` and for the renderer, which
// builds its visual model from the same text.
#pragma once
#include <string>
#include <string_view>

namespace harness {

/// The MJCF of the environment `env_name` (AntMaze: the ant with its maze's walls). Throws
/// EnvError for an unknown name.
std::string env_mjcf(std::string_view env_name);

}  // namespace harness
