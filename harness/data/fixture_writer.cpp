// Layouts: spec/environments.md sections 5.2 (gym-mujoco v2) and 5.3 (antmaze).
#include "harness/data/fixture_writer.h"

#include <algorithm>
#include <filesystem>

namespace harness {
namespace {

constexpr size_t kLocomotionEpisodeRows = 1000;  // gym TimeLimit; the timeout sits on the 1000th row
constexpr size_t kAntmazeEpisodeRows = 1001;     // the generator flags ts >= 1000 counting from 0
constexpr hsize_t kChunkRows = 4096;
constexpr unsigned kDeflateLevel = 4;
constexpr size_t kLongestSuccessRun = 20;        // antmaze: rows the ant stays at its goal

H5Id property_list(hid_t cls) {
  H5Id list(H5Pcreate(cls), H5Pclose);
  // no creation/modification times in object headers: equal content, equal bytes
  H5Pset_obj_track_times(list.get(), false);
  return list;
}

hid_t file_type_of(FloatType type) { return type == FloatType::f32 ? H5T_IEEE_F32LE : H5T_IEEE_F64LE; }

// ---- write_d4rl checks ----

void check_rows(const std::string& path, const std::string& key, size_t rows, size_t n) {
  if (rows != n) {
    throw DatasetError(path + ": cannot write '" + key + "': it has " + std::to_string(rows) +
                       " rows but 'observations' has " + std::to_string(n));
  }
}

void check_file(const std::string& path, const D4rlFile& file) {
  const D4rlArrays& a = file.arrays;
  size_t n = a.rows();
  check_rows(path, "actions", a.actions.shape(0), n);
  check_rows(path, "rewards", a.rewards.shape(0), n);
  check_rows(path, "terminals", a.terminals.size(), n);
  check_rows(path, "timeouts", a.timeouts.size(), n);
  const std::pair<const char*, size_t> optional[] = {{"next_observations", file.next_observations.shape(0)},
                                                     {"infos/action_log_probs", file.action_log_probs.shape(0)},
                                                     {"infos/qpos", a.qpos.shape(0)},
                                                     {"infos/qvel", a.qvel.shape(0)},
                                                     {"infos/goal", a.goal.shape(0)}};
  for (auto [key, rows] : optional) {
    if (rows > 0) check_rows(path, key, rows, n);
  }
}

void write_if_present(Hdf5Writer& out, const std::string& key, const Tensor& values, FloatType type,
                      bool as_vector = false) {
  if (values.shape(0) > 0) out.floats(key, values, type, as_vector);
}

void write_if_present(Hdf5Writer& out, const std::string& key, const StateMatrix& values, FloatType type) {
  if (values.shape(0) > 0) out.doubles(key, values, type);
}

// ---- random content ----

// (qpos, qvel) of a simulated robot: a damped random walk driven by the actions stands in for physics
struct RobotState {
  std::vector<float> qpos;  // (nq)
  std::vector<float> qvel;  // (nv)
};

class FixtureGenerator {
 public:
  FixtureGenerator(const DatasetInfo& info, const FixtureShape& shape, autodiff::Rng& rng);
  D4rlFile run();

 private:
  void start_episode();
  void write_observation(const RobotState& state, Tensor& observations, size_t i) const;
  void step(size_t i);                // writes row i
  void act_and_move(size_t i);        // row i's action and the state it leads to
  bool antmaze_outcome(size_t i);     // row i's reward and goal; returns its terminal flag
  bool locomotion_outcome(size_t i);  // row i's next observation, reward, log-prob; returns its terminal

  const DatasetInfo& info_;
  const EnvSpec& env_;
  autodiff::Rng& rng_;
  bool antmaze_;
  size_t episode_rows_;
  size_t skip_qpos_;  // leading qpos entries not in the observation (x for locomotion)
  D4rlFile file_;
  RobotState state_;
  size_t episode_step_ = 0;
  size_t success_start_ = 0;  // antmaze: episode rows [start, end) sit at the goal
  size_t success_end_ = 0;
  float goal_[2] = {0.0f, 0.0f};
};

FixtureGenerator::FixtureGenerator(const DatasetInfo& info, const FixtureShape& shape, autodiff::Rng& rng)
    : info_(info), env_(dataset_env(info)), rng_(rng), antmaze_(info.suite == kAntmazeSuite) {
  episode_rows_ = shape.episode_rows ? shape.episode_rows : antmaze_ ? kAntmazeEpisodeRows : kLocomotionEpisodeRows;
  // locomotion observations drop the x position; antmaze observations are the full qpos and qvel
  skip_qpos_ = antmaze_ ? 0 : 1;
  if (static_cast<size_t>(env_.obs_dim) != env_.nq - skip_qpos_ + env_.nv) {
    throw DatasetError("fixture for " + info.name + ": env " + env_.name + " observations are not qpos and qvel");
  }
  size_t n = shape.rows;
  D4rlArrays& a = file_.arrays;
  a.observations = Tensor({n, size_t(env_.obs_dim)});
  a.actions = Tensor({n, size_t(env_.act_dim)});
  a.rewards = Tensor({n, 1});
  a.terminals.assign(n, 0);
  a.timeouts.assign(n, 0);
  a.qpos = StateMatrix({n, size_t(env_.nq)});
  a.qvel = StateMatrix({n, size_t(env_.nv)});
  if (antmaze_) {
    a.goal = Tensor({n, 2});
  } else {
    file_.next_observations = Tensor({n, size_t(env_.obs_dim)});
    file_.action_log_probs = Tensor({n, 1});
  }
  file_.floats = info.floats;
  state_.qpos.resize(env_.nq);
  state_.qvel.resize(env_.nv);
}

D4rlFile FixtureGenerator::run() {
  for (size_t i = 0; i < file_.arrays.rows(); ++i) {
    if (episode_step_ == 0) start_episode();
    step(i);
  }
  return std::move(file_);
}

void FixtureGenerator::start_episode() {
  for (float& q : state_.qpos) q = static_cast<float>(rng_.uniform(-0.1, 0.1));
  for (float& v : state_.qvel) v = static_cast<float>(0.1 * rng_.normal());
  if (!antmaze_) return;
  for (float& g : goal_) g = static_cast<float>(rng_.uniform(0.0, 20.0));
  // half of the episodes reach the goal and stay a while: runs of reward 1, as in the real data
  bool reaches = rng_.uniform() < 0.5;
  success_start_ = reaches ? rng_.below(episode_rows_) : episode_rows_;
  success_end_ = std::min(episode_rows_, success_start_ + 1 + rng_.below(kLongestSuccessRun));
}

void FixtureGenerator::write_observation(const RobotState& state, Tensor& observations, size_t i) const {
  float* out = observations.data() + i * observations.shape(1);
  out = std::copy(state.qpos.begin() + skip_qpos_, state.qpos.end(), out);
  std::copy(state.qvel.begin(), state.qvel.end(), out);
}

void FixtureGenerator::step(size_t i) {
  D4rlArrays& a = file_.arrays;
  // the state before the action: infos and the observation
  std::copy(state_.qpos.begin(), state_.qpos.end(), a.qpos.data() + i * env_.nq);
  std::copy(state_.qvel.begin(), state_.qvel.end(), a.qvel.data() + i * env_.nv);
  write_observation(state_, a.observations, i);
  act_and_move(i);
  bool terminal = antmaze_ ? antmaze_outcome(i) : locomotion_outcome(i);

  // a locomotion fall ends the episode (and is no timeout); antmaze runs on to the time limit
  bool ends_early = terminal && !antmaze_;
  bool timeout = !ends_early && episode_step_ + 1 == episode_rows_;
  a.terminals[i] = terminal;
  a.timeouts[i] = timeout;
  episode_step_ = timeout || ends_early ? 0 : episode_step_ + 1;
}

void FixtureGenerator::act_and_move(size_t i) {
  // velocities follow the actions, positions follow the velocities
  float* action = file_.arrays.actions.data() + i * env_.act_dim;
  for (int k = 0; k < env_.act_dim; ++k) action[k] = static_cast<float>(rng_.uniform(-1.0, 1.0));
  for (int k = 0; k < env_.nv; ++k) {
    float noise = static_cast<float>(0.05 * rng_.normal());
    state_.qvel[k] = 0.9f * state_.qvel[k] + 0.1f * action[k % env_.act_dim] + noise;
  }
  for (int k = 0; k < env_.nq; ++k) state_.qpos[k] += 0.05f * state_.qvel[k % env_.nv];
}

bool FixtureGenerator::antmaze_outcome(size_t i) {
  // at the goal: reward 1 and terminal, relabelled as the real data are
  bool at_goal = episode_step_ >= success_start_ && episode_step_ < success_end_;
  file_.arrays.rewards(i, 0) = at_goal ? 1.0f : 0.0f;
  std::copy_n(goal_, 2, file_.arrays.goal.data() + 2 * i);
  return at_goal;
}

bool FixtureGenerator::locomotion_outcome(size_t i) {
  write_observation(state_, file_.next_observations, i);
  // forward velocity plus the healthy bonus, roughly
  file_.arrays.rewards(i, 0) = state_.qvel[0] + 1.0f + static_cast<float>(0.1 * rng_.normal());
  file_.action_log_probs(i, 0) = static_cast<float>(rng_.normal() - env_.act_dim);
  // halfcheetah never terminates; hopper and walker2d fall over now and then
  return info_.env != "halfcheetah" && rng_.uniform() < 1.0 / episode_rows_;
}

}  // namespace

Hdf5Writer::Hdf5Writer(const std::string& path, bool gzip) : path_(path), gzip_(gzip) {
  QuietHdf5 quiet;
  // the file's creation properties make the root group: no times there either
  H5Id creation = property_list(H5P_FILE_CREATE);
  file_ = H5Id(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, creation.get(), H5P_DEFAULT), H5Fclose);
  if (!file_.valid()) throw DatasetError(path + ": cannot create an HDF5 file (" + hdf5_error_detail() + ")");
}

void Hdf5Writer::floats(const std::string& key, const Tensor& values, FloatType type, bool as_vector) {
  if (as_vector && values.shape(1) != 1) {
    throw DatasetError(path_ + ": cannot write '" + key + "' as a vector: it has " +
                       std::to_string(values.shape(1)) + " columns");
  }
  std::vector<hsize_t> dims = {values.shape(0), values.shape(1)};
  if (as_vector) dims.pop_back();
  write(key, file_type_of(type), H5T_NATIVE_FLOAT, dims, values.data());
}

void Hdf5Writer::doubles(const std::string& key, const autodiff::Matrix<double>& values, FloatType type) {
  write(key, file_type_of(type), H5T_NATIVE_DOUBLE, {values.shape(0), values.shape(1)}, values.data());
}

void Hdf5Writer::text(const std::string& key, const std::string& value) {
  QuietHdf5 quiet;
  make_groups(key);
  H5Id type(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(type.get(), H5T_VARIABLE);
  H5Tset_cset(type.get(), H5T_CSET_UTF8);
  H5Id space(H5Screate(H5S_SCALAR), H5Sclose);
  H5Id creation = property_list(H5P_DATASET_CREATE);
  H5Id set(H5Dcreate2(file_.get(), key.c_str(), type.get(), space.get(), H5P_DEFAULT, creation.get(), H5P_DEFAULT),
           H5Dclose);
  const char* data = value.c_str();
  if (!set.valid() || H5Dwrite(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &data) < 0) {
    throw DatasetError(path_ + ": cannot write '" + key + "' (" + hdf5_error_detail() + ")");
  }
}

void Hdf5Writer::flags(const std::string& key, const std::vector<uint8_t>& values, FlagType type) {
  std::vector<hsize_t> dims = {values.size()};
  if (type == FlagType::uint8) return write(key, H5T_STD_U8LE, H5T_NATIVE_UINT8, dims, values.data());
  // h5py's bool: an enum over int8 with FALSE = 0 and TRUE = 1; 0/1 bytes are its values
  H5Id boolean(H5Tenum_create(H5T_NATIVE_INT8), H5Tclose);
  for (int8_t value : {0, 1}) H5Tenum_insert(boolean.get(), value ? "TRUE" : "FALSE", &value);
  write(key, boolean.get(), boolean.get(), dims, values.data());
}

void Hdf5Writer::close() {
  QuietHdf5 quiet;
  if (file_.valid() && H5Fflush(file_.get(), H5F_SCOPE_LOCAL) < 0) {
    throw DatasetError(path_ + ": cannot write to disk (" + hdf5_error_detail() + ")");
  }
  file_.reset();
}

void Hdf5Writer::make_groups(const std::string& key) {
  for (size_t slash = key.find('/'); slash != std::string::npos; slash = key.find('/', slash + 1)) {
    std::string group = key.substr(0, slash);
    if (H5Lexists(file_.get(), group.c_str(), H5P_DEFAULT) > 0) continue;
    H5Id creation = property_list(H5P_GROUP_CREATE);
    H5Id made(H5Gcreate2(file_.get(), group.c_str(), H5P_DEFAULT, creation.get(), H5P_DEFAULT), H5Gclose);
    if (!made.valid()) throw DatasetError(path_ + ": cannot create group '" + group + "'");
  }
}

void Hdf5Writer::write(const std::string& key, hid_t file_type, hid_t memory_type, const std::vector<hsize_t>& dims,
                       const void* data) {
  QuietHdf5 quiet;
  make_groups(key);
  H5Id space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose);
  H5Id creation = property_list(H5P_DATASET_CREATE);
  if (gzip_ && dims[0] > 0) {
    std::vector<hsize_t> chunk = dims;
    chunk[0] = std::min(dims[0], kChunkRows);
    H5Pset_chunk(creation.get(), static_cast<int>(chunk.size()), chunk.data());
    H5Pset_deflate(creation.get(), kDeflateLevel);
  }
  H5Id set(H5Dcreate2(file_.get(), key.c_str(), file_type, space.get(), H5P_DEFAULT, creation.get(), H5P_DEFAULT),
           H5Dclose);
  bool empty = dims[0] == 0 || (dims.size() == 2 && dims[1] == 0);
  if (!set.valid() || (!empty && H5Dwrite(set.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)) {
    throw DatasetError(path_ + ": cannot write '" + key + "' (" + hdf5_error_detail() + ")");
  }
}

void write_d4rl(const std::string& path, const D4rlFile& file) {
  check_file(path, file);
  // write under a temporary name so a failed write never leaves a half file under `path`
  std::string partial = path + ".writing";
  try {
    const D4rlArrays& a = file.arrays;
    Hdf5Writer out(partial, file.gzip);
    out.floats("observations", a.observations, file.floats);
    out.floats("actions", a.actions, file.floats);
    out.floats("rewards", a.rewards, file.floats, true);
    out.flags("terminals", a.terminals, file.flags);
    out.flags("timeouts", a.timeouts, file.flags);
    write_if_present(out, "next_observations", file.next_observations, file.floats);
    write_if_present(out, "infos/action_log_probs", file.action_log_probs, file.floats, true);
    write_if_present(out, "infos/qpos", a.qpos, file.floats);
    write_if_present(out, "infos/qvel", a.qvel, file.floats);
    write_if_present(out, "infos/goal", a.goal, file.floats);
    for (const auto& [key, text] : file.metadata_text) out.text(key, text);
    for (const NamedTensor& t : file.metadata_tensors) out.floats(t.key, t.values, FloatType::f32, t.vector);
    out.close();
    std::filesystem::rename(partial, path);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw;
  }
}

D4rlFile random_d4rl_file(const DatasetInfo& info, const FixtureShape& shape, autodiff::Rng& rng) {
  return FixtureGenerator(info, shape, rng).run();
}

void write_fixture(const std::string& path, const DatasetInfo& info, const FixtureShape& shape, uint64_t seed) {
  autodiff::Rng rng = autodiff::Rng::stream(seed, "fixture");
  write_d4rl(path, random_d4rl_file(info, shape, rng));
}

}  // namespace harness
