#include "harness/run/replay_stream.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <filesystem>

#include "harness/data/d4rl_writer.h"
#include "harness/data/hdf5_file.h"
#include "harness/data/sha256.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFloatKeys[] = {"observations", "actions", "rewards", "terminals",
                                      "timeouts", "next_observations", "action_log_probs"};
constexpr const char* kDoubleKeys[] = {"qpos", "qvel"};

// the columns of each key, in kFloatKeys / kDoubleKeys order
std::vector<std::vector<float>*> float_columns(ReplayRows& r) {
  return {&r.observations, &r.actions, &r.rewards, &r.terminals, &r.timeouts, &r.next_observations, &r.action_log_probs};
}
std::vector<std::vector<double>*> double_columns(ReplayRows& r) { return {&r.qpos, &r.qvel}; }
std::vector<size_t> float_widths(const ReplayRows& r) { return {r.obs_dim, r.act_dim, 1, 1, 1, r.obs_dim, 1}; }
std::vector<size_t> double_widths(const ReplayRows& r) { return {r.nq, r.nv}; }

std::string chunk_name(int64_t first, int64_t end) {
  char name[64];
  std::snprintf(name, sizeof name, "rows-%010" PRId64 "-%010" PRId64 ".h5", first, end);
  return name;
}

template <class T>
autodiff::Matrix<T> as_matrix(const std::vector<T>& values, size_t rows, size_t cols) {
  autodiff::Matrix<T> m({rows, cols});
  std::copy(values.begin(), values.end(), m.begin());
  return m;
}

ReplayRows empty_rows(const ReplayStream::Shape& s) {
  ReplayRows r;
  r.obs_dim = s.obs_dim, r.act_dim = s.act_dim, r.nq = s.nq, r.nv = s.nv;
  return r;
}

}  // namespace

void ReplayRows::append(const Transition& t) {
  observations.insert(observations.end(), t.observation.begin(), t.observation.end());
  actions.insert(actions.end(), t.action.begin(), t.action.end());
  rewards.push_back(t.reward);
  terminals.push_back(t.terminal ? 1.0f : 0.0f);
  timeouts.push_back(t.timeout ? 1.0f : 0.0f);
  next_observations.insert(next_observations.end(), t.next_observation.begin(), t.next_observation.end());
  action_log_probs.push_back(t.action_log_prob);
  qpos.insert(qpos.end(), t.qpos.begin(), t.qpos.end());
  qvel.insert(qvel.end(), t.qvel.begin(), t.qvel.end());
  ++rows;
}

Transition ReplayRows::row(size_t i) const {
  Transition t;
  t.observation = {observations.data() + i * obs_dim, obs_dim};
  t.action = {actions.data() + i * act_dim, act_dim};
  t.reward = rewards[i];
  t.terminal = terminals[i] != 0.0f;
  t.timeout = timeouts[i] != 0.0f;
  t.next_observation = {next_observations.data() + i * obs_dim, obs_dim};
  t.qpos = {qpos.data() + i * nq, nq};
  t.qvel = {qvel.data() + i * nv, nv};
  t.action_log_prob = action_log_probs[i];
  return t;
}

void ReplayRows::clear() {
  for (std::vector<float>* c : float_columns(*this)) c->clear();
  for (std::vector<double>* c : double_columns(*this)) c->clear();
  rows = 0;
}

ReplayStream::ReplayStream(std::string dir, Shape shape, Access access)
    : dir_(std::move(dir)), shape_(shape), pending_(empty_rows(shape)) {
  if (access == Access::append) fs::create_directories(dir_);
  if (!fs::is_directory(dir_)) throw autodiff::Error(dir_ + ": no replay stream here (the replay/ folder of an `iql sac` run)");
  for (const fs::directory_entry& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 8 && name.substr(name.size() - 8) == ".writing") {
      // a chunk being written, or one whose writing was cut: its rows are not counted yet
      if (access == Access::append) fs::remove(entry.path());
      continue;
    }
    long long first = 0, end = 0;
    if (std::sscanf(name.c_str(), "rows-%lld-%lld.h5", &first, &end) != 2 || chunk_name(first, end) != name) {
      throw autodiff::Error(entry.path().string() + ": not a chunk of a replay stream; move it out of " + dir_);
    }
    chunks_.push_back({first, end, entry.path().string()});
  }
  std::sort(chunks_.begin(), chunks_.end(), [](const Chunk& a, const Chunk& b) { return a.first < b.first; });
  for (const Chunk& c : chunks_) {
    if (c.first != flushed_ || c.end <= c.first) {
      throw autodiff::Error(c.path + ": the replay stream has a hole or an overlap before row " + std::to_string(c.first) +
                            " (it continues row " + std::to_string(flushed_) + ")");
    }
    flushed_ = c.end;
  }
}

void ReplayStream::flush() {
  if (pending_.rows == 0) return;
  const int64_t end = flushed_ + static_cast<int64_t>(pending_.rows);
  const std::string path = dir_ + "/" + chunk_name(flushed_, end);
  write_hdf5_file(path, [&](Hdf5Writer& out) {
    const std::vector<size_t> fw = float_widths(pending_), dw = double_widths(pending_);
    const std::vector<std::vector<float>*> fc = float_columns(pending_);
    const std::vector<std::vector<double>*> dc = double_columns(pending_);
    for (size_t k = 0; k < fc.size(); ++k) out.floats(kFloatKeys[k], as_matrix(*fc[k], pending_.rows, fw[k]), FloatType::f32);
    for (size_t k = 0; k < dc.size(); ++k) out.doubles(kDoubleKeys[k], as_matrix(*dc[k], pending_.rows, dw[k]));
  });
  chunks_.push_back({flushed_, end, path});
  flushed_ = end;
  pending_.clear();
}

void ReplayStream::truncate(int64_t rows) {
  pending_.clear();
  if (rows > flushed_) {
    throw autodiff::Error(dir_ + ": the replay stream holds " + std::to_string(flushed_) + " rows, but the checkpoint needs " +
                          std::to_string(rows) + "; it was deleted or moved: start the run again in a new --out");
  }
  while (!chunks_.empty() && chunks_.back().first >= rows) {
    fs::remove(chunks_.back().path);
    chunks_.pop_back();
  }
  flushed_ = chunks_.empty() ? 0 : chunks_.back().end;
  if (flushed_ != rows) {
    throw autodiff::Error(chunks_.back().path + ": this chunk runs past row " + std::to_string(rows) +
                          ", where the checkpoint stopped; the stream and the checkpoint come from different runs");
  }
}

ReplayRows ReplayStream::read_chunk(const Chunk& chunk) const {
  H5Id file = open_hdf5(chunk.path);
  ReplayRows r = empty_rows(shape_);
  r.rows = static_cast<size_t>(chunk.end - chunk.first);
  const std::vector<size_t> fw = float_widths(r), dw = double_widths(r);
  const std::vector<std::vector<float>*> fc = float_columns(r);
  const std::vector<std::vector<double>*> dc = double_columns(r);
  auto check = [&](const char* key, auto&& m, size_t width) {
    if (m.shape(0) != r.rows || m.shape(1) != width) {
      throw autodiff::Error(chunk.path + ": '" + key + "' has shape " + autodiff::shape_string(m) + ", expected (" +
                            std::to_string(r.rows) + ", " + std::to_string(width) + ")");
    }
  };
  for (size_t k = 0; k < fc.size(); ++k) {
    const autodiff::Tensor m = read_tensor(file.get(), chunk.path, kFloatKeys[k]);
    check(kFloatKeys[k], m, fw[k]);
    fc[k]->assign(m.begin(), m.end());
  }
  for (size_t k = 0; k < dc.size(); ++k) {
    const autodiff::Matrix<double> m = read_matrix<double>(file.get(), chunk.path, kDoubleKeys[k]);
    check(kDoubleKeys[k], m, dw[k]);
    dc[k]->assign(m.begin(), m.end());
  }
  return r;
}

ReplayRows ReplayStream::read(int64_t first, int64_t end) const {
  if (first < 0 || end > flushed_ || first > end) {
    throw autodiff::Error(dir_ + ": rows [" + std::to_string(first) + ", " + std::to_string(end) +
                          ") are not in the replay stream (it holds " + std::to_string(flushed_) + ")");
  }
  ReplayRows out = empty_rows(shape_);
  for (const Chunk& c : chunks_) {
    if (c.end <= first || c.first >= end) continue;
    ReplayRows part = read_chunk(c);
    const size_t from = static_cast<size_t>(std::max(first, c.first) - c.first);
    const size_t to = static_cast<size_t>(std::min(end, c.end) - c.first);
    const std::vector<size_t> fw = float_widths(out), dw = double_widths(out);
    const std::vector<std::vector<float>*> ofc = float_columns(out), pfc = float_columns(part);
    const std::vector<std::vector<double>*> odc = double_columns(out), pdc = double_columns(part);
    for (size_t k = 0; k < ofc.size(); ++k)
      ofc[k]->insert(ofc[k]->end(), pfc[k]->begin() + from * fw[k], pfc[k]->begin() + to * fw[k]);
    for (size_t k = 0; k < odc.size(); ++k)
      odc[k]->insert(odc[k]->end(), pdc[k]->begin() + from * dw[k], pdc[k]->begin() + to * dw[k]);
    out.rows += to - from;
  }
  return out;
}

std::string ReplayStream::digest() const {
  std::vector<Sha256> keys(std::size(kFloatKeys) + std::size(kDoubleKeys));
  for (const Chunk& c : chunks_) {
    ReplayRows part = read_chunk(c);
    size_t k = 0;
    for (const std::vector<float>* col : float_columns(part)) keys[k++].update(col->data(), col->size() * sizeof(float));
    for (const std::vector<double>* col : double_columns(part)) keys[k++].update(col->data(), col->size() * sizeof(double));
  }
  std::string joined;
  for (Sha256& k : keys) joined += k.hex();
  return sha256_bytes(joined);
}

}  // namespace harness
