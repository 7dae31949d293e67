#include "harness/render/side_by_side_video.h"

#include <memory>
#include <vector>

#include "harness/render/renderer.h"
#include "harness/render/side_by_side.h"
#include "harness/render/video_writer.h"

namespace harness {
namespace {

// one policy's episode, stepped on demand (an evaluate.h Episode is a finished one's record)
class FilmedEpisode {
 public:
  FilmedEpisode(const std::string& env_name, const LabelledPolicy& policy, autodiff::Rng resets)
      : env_(make_env(env_name)), policy_(policy), observation_(env_->reset(resets)), action_(env_->act_dim()) {}

  // one step, unless the episode has ended
  void step() {
    if (done_) return;
    policy_.act(observation_, action_);
    const StepResult& s = env_->step(action_);
    observation_.assign(s.observation.begin(), s.observation.end());
    return_ += s.reward;
    ++steps_;
    done_ = s.terminated || s.truncated;
  }

  bool done() const { return done_; }
  int steps() const { return steps_; }
  double score() const { return normalized_score(env_->spec(), return_); }
  const Env& env() const { return *env_; }

  Caption caption() const {
    Caption c;
    c.add("policy", policy_.label).add("step", std::to_string(steps_)).add("return", fixed_decimals(return_, 1));
    if (done_) c.add("score", fixed_decimals(score(), 1));
    return c;
  }

 private:
  std::unique_ptr<Env> env_;
  const LabelledPolicy& policy_;
  std::vector<float> observation_;
  std::vector<float> action_;
  double return_ = 0;
  int steps_ = 0;
  bool done_ = false;
};

// both halves rendered by one renderer: the left frame is copied before the right one is drawn
Frame split_frame(Renderer& renderer, const FilmedEpisode& left, const FilmedEpisode& right) {
  const Frame left_frame = renderer.render(left.env().data(), left.caption());
  return side_by_side(left_frame, renderer.render(right.env().data(), right.caption()));
}

}  // namespace

SideBySideResult film_side_by_side(const std::string& env_name, const LabelledPolicy& left,
                                   const LabelledPolicy& right, uint64_t seed, const VideoOptions& options) {
  const autodiff::Rng resets = autodiff::Rng::stream(seed, "eval/cli");  // iql eval's episodes
  FilmedEpisode a(env_name, left, resets), b(env_name, right, resets);
  const VideoTiming timing = video_timing(video_format(options.path), 1.0 / a.env().dt(), options.fps);
  VideoWriter writer(options.path, options.size, timing.fps);
  Renderer renderer(env_name, {options.size.width / 2, options.size.height});
  writer.write(split_frame(renderer, a, b));
  for (int step = 1; !(a.done() && b.done()); ++step) {
    a.step();
    b.step();
    if (step % timing.stride == 0 || (a.done() && b.done())) writer.write(split_frame(renderer, a, b));
  }
  writer.finish();
  return {{a.score(), b.score()}, {a.steps(), b.steps()}, writer.frames()};
}

}  // namespace harness
