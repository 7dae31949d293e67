// Peak memory and time of loading a 2,000,000-row walker2d-sized D4RL file (the medium-expert layout,
// float32, every key) the way training does: read_d4rl, then make_transitions consuming the arrays.
// skip_infos:1 is the trainer's path (infos/qpos, qvel not read), skip_infos:0 reads everything.
// Issue 4's bound: peak resident memory at most 1.5x the bytes of the dataset's arrays.
//   build-*/bench_data_memory --benchmark_counters_tabular=true
//
// Peak RSS is the kernel's high-water mark (VmHWM), reset through /proc/self/clear_refs right
// before the load; the file is written by a child process so its buffers never sit in this one.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "harness/data/d4rl_fixture.h"
#include "harness/data/transitions.h"

namespace harness {
namespace {

constexpr size_t kRows = 2000000;
constexpr double kMegabyte = 1e6;
const char* kDataset = "walker2d-medium-expert-v2";

// the generated file, deleted when the benchmark exits
class GeneratedFile {
 public:
  GeneratedFile() : path_((std::filesystem::temp_directory_path() / "iql_bench_walker2d_2M.hdf5").string()) {
    pid_t child = fork();
    if (child == 0) {
      write_fixture(path_, dataset_info(kDataset), FixtureShape{kRows, 0}, 0);
      _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ok_ = child > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  ~GeneratedFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }
  bool ok() const { return ok_; }

 private:
  std::string path_;
  bool ok_ = false;
};

const GeneratedFile& generated_file() {
  static const GeneratedFile file;
  return file;
}

// a "VmHWM:" or "VmRSS:" line of /proc/self/status, in bytes
size_t status_bytes(const std::string& field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind(field, 0) == 0) return std::stoull(line.substr(field.size())) * 1024;  // kB
  }
  return 0;
}

// sets the high-water mark back to the current RSS (Linux >= 4.0)
bool reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  return static_cast<bool>(clear.flush());
}

// the bytes of every array in the file, each at its stored width
size_t file_array_bytes(const std::string& path) {
  size_t total = 0;
  for (const KeyInfo& key : list_hdf5_keys(path)) {
    size_t count = 1;
    for (uint64_t d : key.dims) count *= d;
    size_t width = key.dtype == "float64" ? 8 : key.dtype == "float32" ? 4 : 1;
    total += count * width;
  }
  return total;
}

void BM_LoadTransitions(benchmark::State& state) {
  const GeneratedFile& file = generated_file();
  if (!file.ok() || !reset_peak_rss()) return state.SkipWithError("cannot write the file or reset peak RSS");
  const DatasetInfo& info = dataset_info(kDataset);
  size_t arrays_bytes = 0, transitions_bytes = 0, extra_peak = 0;
  for (auto _ : state) {
    reset_peak_rss();
    size_t before = status_bytes("VmRSS:");
    D4rlArrays arrays = read_d4rl(file.path(), &info, state.range(0) ? InfoKeys::skip : InfoKeys::read);
    arrays_bytes = arrays.bytes();
    Transitions transitions = make_transitions(std::move(arrays), reward_mode(info));
    transitions_bytes = transitions.bytes();
    extra_peak = status_bytes("VmHWM:") - before;
    benchmark::DoNotOptimize(transitions.rewards.data());
  }
  state.counters["rows"] = static_cast<double>(kRows);
  state.counters["file_arrays_MB"] = file_array_bytes(file.path()) / kMegabyte;
  state.counters["read_arrays_MB"] = arrays_bytes / kMegabyte;
  state.counters["transitions_MB"] = transitions_bytes / kMegabyte;
  state.counters["peak_MB"] = extra_peak / kMegabyte;
  state.counters["peak_per_read"] = static_cast<double>(extra_peak) / arrays_bytes;
  state.counters["peak_per_transitions"] = static_cast<double>(extra_peak) / transitions_bytes;
}
BENCHMARK(BM_LoadTransitions)->ArgName("skip_infos")->Arg(0)->Arg(1)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_ReadOnly(benchmark::State& state) {
  const GeneratedFile& file = generated_file();
  if (!file.ok() || !reset_peak_rss()) return state.SkipWithError("cannot write the file or reset peak RSS");
  size_t arrays_bytes = 0, extra_peak = 0;
  for (auto _ : state) {
    reset_peak_rss();
    size_t before = status_bytes("VmRSS:");
    D4rlArrays arrays = read_d4rl(file.path(), &dataset_info(kDataset));
    arrays_bytes = arrays.bytes();
    extra_peak = status_bytes("VmHWM:") - before;
    benchmark::DoNotOptimize(arrays.rewards.data());
  }
  state.counters["read_arrays_MB"] = arrays_bytes / kMegabyte;
  state.counters["peak_MB"] = extra_peak / kMegabyte;
  state.counters["peak_per_read"] = static_cast<double>(extra_peak) / arrays_bytes;
}
BENCHMARK(BM_ReadOnly)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace harness
