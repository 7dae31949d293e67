// iql datasets render NAME --episode I --out x.gif [--fps F] [--size N] [--file F.hdf5]: one episode
// of a dataset replayed from its recorded states, to look at what a dataset (downloaded or
// regenerated) holds.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "harness/cli/commands.h"
#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"
#include "harness/data/cache.h"
#include "harness/data/d4rl_reader.h"
#include "harness/render/dataset_video.h"
#include "harness/render/video_writer.h"

namespace harness {
namespace {

struct RenderDatasetOptions {
  std::string dataset;
  std::string file;           // "" = the cached file of `dataset`
  size_t episode = 0;
  std::string out;
  std::optional<double> fps;  // none: real time
  int size = 480;             // pixels, square frames
};

void run_render_dataset(const RenderDatasetOptions& opts) {
  check_video_output(opts.out);  // before reading a file of a million rows
  const DatasetInfo& info = dataset_info(opts.dataset);
  const std::string path = local_dataset(info, opts.file);
  const D4rlArrays arrays = read_d4rl(path, &info, InfoKeys::read);
  std::unique_ptr<Env> env = make_env(dataset_env(info).name);
  const int frames = film_dataset_episode(*env, arrays, opts.episode, info.name,
                                          VideoOptions{opts.out, {opts.size, opts.size}, opts.fps});
  std::printf("%s: episode %zu of %s, %d frames\n", opts.out.c_str(), opts.episode, path.c_str(), frames);
}

}  // namespace

void add_render_dataset_command(CLI::App& datasets_cmd) {
  auto opts = std::make_shared<RenderDatasetOptions>();
  CLI::App* cmd = datasets_cmd.add_subcommand(
      "render", "Replay one episode of a dataset (infos/qpos, infos/qvel) into an .mp4 or .gif (needs ffmpeg)");
  cmd->add_option("name", opts->dataset, "dataset name (see `iql datasets list`)")->required();
  add_whole(*cmd, "--episode", opts->episode, "episode index, from 0", size_t{0})->capture_default_str();
  add_output_file(*cmd, "--out", opts->out, "video to write: .mp4 (H.264) or .gif")->required();
  add_real(*cmd, "--fps", opts->fps, "frame rate [real time: 1 / (timestep x frame skip)]", 0, true, kMaxFps);
  add_whole(*cmd, "--size", opts->size, "frame side in pixels (square)", 1, kMaxFrameSide)->capture_default_str();
  add_input_file(*cmd, "--file", opts->file, "D4RL .hdf5 file to render instead of the cached one",
                 "a D4RL .hdf5 dataset");
  cmd->callback([opts] { run_render_dataset(*opts); });
}

}  // namespace harness
