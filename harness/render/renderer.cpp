#include "harness/render/renderer.h"

#include <cstring>

#include "harness/envs/antmaze.h"
#include "harness/render/render_error.h"
#include "harness/render/visual_model.h"

namespace harness {
namespace {

constexpr int kMaxSide = 4096;  // pixels; the software renderer's buffers allow more, videos seldom want it

FrameSize checked(std::string_view env_name, FrameSize size) {
  if (size.width < 1 || size.height < 1 || size.width > kMaxSide || size.height > kMaxSide) {
    throw RenderError(std::string(env_name) + ": a frame of " + std::to_string(size.width) + "x" +
                      std::to_string(size.height) + " pixels; each side must be 1 to " + std::to_string(kMaxSide));
  }
  return size;
}

}  // namespace

Renderer::Renderer(std::string_view env_name, FrameSize size)
    : env_name_(env_name),
      size_(checked(env_name, size)),
      model_(load_visual_model(env_name, size_)),
      data_(make_data(*model_)),
      camera_(*model_, env_name, size_),
      is_maze_(is_antmaze(env_name)) {
  mjv_defaultOption(&option_);
  mjv_defaultScene(&scene_);
  mjv_makeScene(model_.get(), &scene_, model_->ngeom + (is_maze_ ? MazeMarks::extra_geoms() : 0));
  scene_.flags[mjRND_SHADOW] = 0;
  scene_.flags[mjRND_REFLECTION] = 0;
  mjr_defaultContext(&context_);
  mjr_makeContext(model_.get(), &context_, mjFONTSCALE_100);
  mjr_setBuffer(mjFB_OFFSCREEN, &context_);
  if (context_.currentBuffer != mjFB_OFFSCREEN) {
    mjr_freeContext(&context_);
    mjv_freeScene(&scene_);
    throw RenderError(env_name_ + ": MuJoCo could not make its offscreen framebuffer");
  }
  bottom_up_.resize(3 * static_cast<size_t>(size_.width) * size_.height);
  frame_.size = size_;
  frame_.rgb.resize(bottom_up_.size());
}

Renderer::~Renderer() {
  gl_.make_current();
  mjr_freeContext(&context_);
  mjv_freeScene(&scene_);
}

mjvScene& Renderer::update(const mjData& state) {
  // only positions matter for a picture: kinematics, centres of mass (lights) and cameras
  std::memcpy(data_->qpos, state.qpos, sizeof(mjtNum) * model_->nq);
  mj_kinematics(model_.get(), data_.get());
  mj_comPos(model_.get(), data_.get());
  mj_camlight(model_.get(), data_.get());
  mjv_updateScene(model_.get(), data_.get(), &option_, nullptr, &camera_.aim(*data_), mjCAT_ALL, &scene_);
  return scene_;
}

const Frame& Renderer::draw(const Caption& caption) {
  const mjrRect viewport = {0, 0, size_.width, size_.height};
  gl_.make_current();
  mjr_setBuffer(mjFB_OFFSCREEN, &context_);
  mjr_render(viewport, &scene_, &context_);
  if (!caption.titles.empty()) {
    // shadowed text stays readable over AntMaze's light walls as over the sky
    mjr_overlay(mjFONT_SHADOW, mjGRID_TOPLEFT, viewport, caption.titles.c_str(), caption.values.c_str(), &context_);
  }
  mjr_readPixels(bottom_up_.data(), nullptr, viewport, &context_);

  // OpenGL's rows run bottom-up; frames run top-down
  const size_t row = 3 * static_cast<size_t>(size_.width);
  for (int y = 0; y < size_.height; ++y) {
    std::memcpy(&frame_.rgb[y * row], &bottom_up_[(size_.height - 1 - y) * row], row);
  }
  return frame_;
}

const Frame& Renderer::render(const mjData& state, const Caption& caption) {
  mjvScene& scene = update(state);
  if (is_maze_) {
    marks_.record(state);
    marks_.add_to(scene);
  }
  return draw(caption);
}

}  // namespace harness
