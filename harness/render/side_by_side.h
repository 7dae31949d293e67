// Two frames as one, left and right, with a thin dark seam between them: the split frame of a
// video that sets two policies side by side on the same episode.
// H = height, W = width in pixels
#pragma once
#include "harness/render/frame.h"

namespace harness {

/// Width of the seam drawn over the join, in pixels (each frame loses half of it at its edge).
constexpr int kSeamPixels = 4;

/// The frame (H, W_left + W_right) holding `left` then `right`, row by row. Throws RenderError
/// when their heights differ.
Frame side_by_side(const Frame& left, const Frame& right);

}  // namespace harness
