// The model the renderer draws: the environment's own MJCF plus visual-only elements (a sky, a
// checker floor, a light, colours). It is a separate mjModel, never stepped by the environments,
// and its additions leave the dynamics untouched bit for bit (tests/harness/render/
// visual_model_test.cpp steps both and compares every qpos/qvel).
#pragma once
#include <string>
#include <string_view>

#include "harness/envs/mujoco_model.h"
#include "harness/render/frame.h"

namespace harness {

/// `physics_xml` with the sky, checker texture, materials and a light inserted.
std::string visual_mjcf(std::string_view physics_xml);

/// The visual model of the environment `env_name`, with an offscreen buffer of `size` and no
/// multisampling (4-8x slower on the software renderer). Throws EnvError for an unknown name.
ModelPtr load_visual_model(std::string_view env_name, FrameSize size);

}  // namespace harness
