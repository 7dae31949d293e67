#include "harness/render/visual_model.h"

#include <algorithm>
#include <array>

#include "harness/envs/env_mjcf.h"

namespace harness {
namespace {

// rendering settings, textures and materials: MuJoCo reads none of them when it steps
constexpr std::string_view kVisualSections = R"xml(
  <visual>
    <headlight ambient="0.3 0.3 0.3" diffuse="0.5 0.5 0.5" specular="0.1 0.1 0.1"/>
    <map znear="0.01"/>
  </visual>
  <asset>
    <texture name="sky" type="skybox" builtin="gradient" rgb1="0.55 0.70 0.85" rgb2="0.10 0.14 0.20" width="128" height="128"/>
    <texture name="checker" type="2d" builtin="checker" rgb1="0.30 0.36 0.42" rgb2="0.20 0.25 0.30" width="128" height="128"/>
    <material name="floor" texture="checker" texrepeat="1 1" texuniform="true" rgba="1 1 1 1"/>
    <material name="robot" rgba="0.90 0.55 0.25 1" specular="0.3" shininess="0.3"/>
    <material name="wall" rgba="0.72 0.70 0.66 1"/>
  </asset>
)xml";

// a sun from above and ahead; lights are not bodies, so the body and geom lists stay as they are
constexpr std::string_view kLight =
    R"xml(<light name="sun" directional="true" pos="0 0 10" dir="-0.3 0.4 -1" diffuse="0.6 0.6 0.6" specular="0.2 0.2 0.2" castshadow="false"/>)xml";

void insert_after(std::string& xml, std::string_view tag, std::string_view text) {
  const size_t at = xml.find(tag);
  if (at == std::string::npos) throw EnvError("visual model: the MJCF has no " + std::string(tag));
  xml.insert(at + tag.size(), text);
}

// floor, robot (every geom of a moving body) and walls (the other world geoms) get a material;
// the geom colour is set to the material's so either of MuJoCo's precedence rules gives it
void assign_materials(mjModel& m) {
  const int floor = mj_name2id(&m, mjOBJ_GEOM, "floor");
  const std::array<int, 3> material = {mj_name2id(&m, mjOBJ_MATERIAL, "floor"),
                                       mj_name2id(&m, mjOBJ_MATERIAL, "robot"),
                                       mj_name2id(&m, mjOBJ_MATERIAL, "wall")};
  for (int g = 0; g < m.ngeom; ++g) {
    const int mat = g == floor ? material[0] : m.geom_bodyid[g] != 0 ? material[1] : material[2];
    m.geom_matid[g] = mat;
    for (int c = 0; c < 4; ++c) m.geom_rgba[4 * g + c] = m.mat_rgba[4 * mat + c];
  }
}

// a plane's third size is only the spacing of the quads it is drawn with; hopper's 0.125 m makes
// 100k of them and doubles the frame time, so the floor is drawn as the other models' (one quad)
void coarsen_floor(mjModel& m) {
  const int floor = mj_name2id(&m, mjOBJ_GEOM, "floor");
  if (floor < 0) return;
  mjtNum* size = m.geom_size + 3 * floor;
  size[2] = std::max(size[0], size[1]);
}

}  // namespace

std::string visual_mjcf(std::string_view physics_xml) {
  std::string xml(physics_xml);
  insert_after(xml, "<worldbody>", kLight);
  insert_after(xml, "</worldbody>", kVisualSections);
  return xml;
}

ModelPtr load_visual_model(std::string_view env_name, FrameSize size) {
  ModelPtr model = load_model(visual_mjcf(env_mjcf(env_name)), std::string(env_name) + "-visual.xml");
  assign_materials(*model);
  coarsen_floor(*model);
  model->vis.global.offwidth = size.width;
  model->vis.global.offheight = size.height;
  model->vis.quality.offsamples = 0;
  return model;
}

}  // namespace harness
