// Tests for harness/render/side_by_side.cpp: pixels land on their side, the seam is drawn, and
// frames of different heights are refused.
#include <gtest/gtest.h>

#include "harness/render/render_error.h"
#include "harness/render/side_by_side.h"

namespace harness {
namespace {

// a frame whose pixel (y, x) is (value, y, x)
Frame filled(int width, int height, uint8_t value) {
  Frame f;
  f.size = {width, height};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) f.rgb.insert(f.rgb.end(), {value, uint8_t(y), uint8_t(x)});
  return f;
}

std::array<uint8_t, 3> pixel(const Frame& f, int y, int x) {
  const size_t i = (static_cast<size_t>(y) * f.size.width + x) * 3;
  return {f.rgb[i], f.rgb[i + 1], f.rgb[i + 2]};
}

TEST(SideBySide, PutsTheLeftFrameLeftAndTheRightFrameRightWithASeamBetween) {
  const Frame both = side_by_side(filled(10, 6, 200), filled(8, 6, 100));
  ASSERT_EQ(both.size.width, 18);
  ASSERT_EQ(both.size.height, 6);
  ASSERT_EQ(both.rgb.size(), 18u * 6 * 3);
  EXPECT_EQ(pixel(both, 0, 0), (std::array<uint8_t, 3>{200, 0, 0}));
  EXPECT_EQ(pixel(both, 5, 7), (std::array<uint8_t, 3>{200, 5, 7}));   // left of the seam
  EXPECT_EQ(pixel(both, 3, 12), (std::array<uint8_t, 3>{100, 3, 2}));  // right frame's column 2
  EXPECT_EQ(pixel(both, 5, 17), (std::array<uint8_t, 3>{100, 5, 7}));
  // the seam covers kSeamPixels columns centred on the join, in every row
  for (int y = 0; y < 6; ++y) {
    for (int x = 10 - kSeamPixels / 2; x < 10 + kSeamPixels / 2; ++x) {
      EXPECT_EQ(pixel(both, y, x)[0], pixel(both, y, x)[2]) << "row " << y << ", column " << x;
      EXPECT_NE(pixel(both, y, x)[0], 200) << "row " << y << ", column " << x;
    }
  }
}

TEST(SideBySide, RefusesFramesOfDifferentHeights) {
  EXPECT_THROW(side_by_side(filled(4, 6, 1), filled(4, 8, 1)), RenderError);
}

}  // namespace
}  // namespace harness
