// How the threads share one product: each takes a block of c's tiles, a run of rows of tiles over
// every panel or every row of tiles over a run of panels, whichever dimension has more tiles to share.
// Any split gives the same bits: a tile computes each of its elements as one FMA chain in k order, and
// a tile's height or its neighbours do not enter that chain.
#pragma once
#include <cstddef>

namespace autodiff::gemm {

/// Rows of tiles [row_begin, row_end) over panels [panel_begin, panel_end): one thread's share of c.
struct TileBlock {
  size_t row_begin, row_end;
  size_t panel_begin, panel_end;
};

class TileSplit {
 public:
  /// A product of m x n x k multiply-adds as row_tiles x panels tiles, split over at most `threads`
  /// parts, fewer when a part would have too little work to repay waking a thread.
  TileSplit(size_t row_tiles, size_t panels, size_t m, size_t n, size_t k, size_t threads);

  size_t parts() const { return parts_; }
  /// Whether the parts take runs of rows of tiles (each over every panel), else runs of panels.
  bool by_rows() const { return by_rows_; }
  /// The share of part t < parts(): blocks of near-equal size, in order.
  TileBlock block(size_t t) const;

 private:
  size_t row_tiles_, panels_, parts_;
  bool by_rows_;
};

/// Multiply-adds below which a part is not worth a thread: about 3 us of one core's FMA units,
/// several times what handing a part to a spinning worker and waiting for it costs.
constexpr size_t kMinPartWork = size_t{1} << 16;

}  // namespace autodiff::gemm
