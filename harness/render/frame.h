// One rendered image: 8-bit RGB, rows top to bottom (as video encoders and image files expect).
// H = height, W = width in pixels
#pragma once
#include <cstdint>
#include <vector>

namespace harness {

struct FrameSize {
  int width = 480;
  int height = 480;
};

struct Frame {
  FrameSize size;
  std::vector<uint8_t> rgb;  // (H, W, 3), top row first
};

}  // namespace harness
