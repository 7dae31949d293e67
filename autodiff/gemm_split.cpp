#include "autodiff/gemm_split.h"

#include <algorithm>

namespace autodiff::gemm {

TileSplit::TileSplit(size_t row_tiles, size_t panels, size_t m, size_t n, size_t k, size_t threads)
    : row_tiles_(row_tiles), panels_(panels), by_rows_(row_tiles >= panels) {
  const size_t work = m * n * k, units = by_rows_ ? row_tiles : panels;
  parts_ = std::max<size_t>(1, std::min({threads, units, work / kMinPartWork}));
}

TileBlock TileSplit::block(size_t t) const {
  const size_t units = by_rows_ ? row_tiles_ : panels_;
  const size_t begin = units * t / parts_, end = units * (t + 1) / parts_;
  return by_rows_ ? TileBlock{begin, end, 0, panels_} : TileBlock{0, row_tiles_, begin, end};
}

}  // namespace autodiff::gemm
