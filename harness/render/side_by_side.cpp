#include "harness/render/side_by_side.h"

#include <algorithm>
#include <string>

#include "harness/render/render_error.h"

namespace harness {
namespace {

constexpr uint8_t kSeamGray = 40;

// the seam: columns [join - kSeamPixels/2, join + kSeamPixels/2) of every row, clipped to the frame
void draw_seam(Frame& frame, int join) {
  const int from = std::max(0, join - kSeamPixels / 2), to = std::min(frame.size.width, join + kSeamPixels / 2);
  for (int y = 0; y < frame.size.height; ++y) {
    uint8_t* row = frame.rgb.data() + static_cast<size_t>(y) * frame.size.width * 3;
    std::fill(row + from * 3, row + to * 3, kSeamGray);
  }
}

}  // namespace

Frame side_by_side(const Frame& left, const Frame& right) {
  if (left.size.height != right.size.height) {
    throw RenderError("side_by_side: the left frame is " + std::to_string(left.size.height) +
                      " pixels high and the right one " + std::to_string(right.size.height));
  }
  Frame out;
  out.size = {left.size.width + right.size.width, left.size.height};
  out.rgb.resize(static_cast<size_t>(out.size.width) * out.size.height * 3);
  const size_t left_row = static_cast<size_t>(left.size.width) * 3, right_row = static_cast<size_t>(right.size.width) * 3;
  for (int y = 0; y < out.size.height; ++y) {
    uint8_t* row = out.rgb.data() + static_cast<size_t>(y) * (left_row + right_row);
    std::copy_n(left.rgb.data() + y * left_row, left_row, row);
    std::copy_n(right.rgb.data() + y * right_row, right_row, row + left_row);
  }
  draw_seam(out, left.size.width);
  return out;
}

}  // namespace harness
