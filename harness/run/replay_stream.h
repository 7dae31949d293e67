// The replay stream of an online run: every transition in the order it was collected, on disk, so
// that replay datasets (D4RL's medium-replay, full-replay) can be cut from it without rerunning the
// run. It is a folder of chunk files, rows-<first>-<end>.h5, each written whole under a temporary
// name and renamed: a crash never leaves a half chunk, and a resumed run truncates the stream to its
// checkpoint and writes the same rows again, so there are neither holes nor duplicates.
// S = observation dim, A = action dim, nq / nv = MuJoCo position / velocity dims.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "harness/run/transition.h"

namespace harness {

/// Rows of a stream, row-major by key. Flags and scalars are one column each.
struct ReplayRows {
  size_t obs_dim = 0, act_dim = 0, nq = 0, nv = 0;
  size_t rows = 0;
  std::vector<float> observations, actions, rewards, terminals, timeouts, next_observations, action_log_probs;
  std::vector<double> qpos, qvel;

  void append(const Transition& t);
  void clear();
  /// Row i as a Transition viewing these vectors.
  Transition row(size_t i) const;
};

class ReplayStream {
 public:
  struct Shape {
    size_t obs_dim, act_dim, nq, nv;
  };

  /// How a stream is opened: by its run, which appends and removes a chunk whose writing was cut,
  /// or to read rows while the run may still be writing it (chunks being written are left alone).
  enum class Access { append, read };

  /// Opens the stream in `dir` (creating it for append); throws naming the file when a chunk name is
  /// not the stream's, or the chunks leave a hole or overlap.
  ReplayStream(std::string dir, Shape shape, Access access = Access::append);

  void append(const Transition& t) { pending_.append(t); }
  /// Writes the rows appended since the last flush as one chunk; nothing when there are none.
  void flush();
  /// Rows on disk and pending.
  int64_t rows() const { return flushed_ + static_cast<int64_t>(pending_.rows); }
  int64_t flushed_rows() const { return flushed_; }

  /// Removes the chunks at or after row `rows` (written after the checkpoint a resume starts from).
  /// Throws when the stream holds fewer rows or a chunk straddles `rows`.
  void truncate(int64_t rows);

  /// Rows [first, end) of the flushed stream.
  ReplayRows read(int64_t first, int64_t end) const;

  /// SHA-256 over the flushed rows' bytes key by key (observations, actions, rewards, terminals,
  /// timeouts, next_observations, action_log_probs, qpos, qvel): independent of where chunks end.
  std::string digest() const;

 private:
  struct Chunk {
    int64_t first, end;
    std::string path;
  };
  ReplayRows read_chunk(const Chunk& chunk) const;

  std::string dir_;
  Shape shape_;
  std::vector<Chunk> chunks_;  // in row order, contiguous from 0
  int64_t flushed_ = 0;
  ReplayRows pending_;
};

}  // namespace harness
