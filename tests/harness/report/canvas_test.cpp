// Tests for harness/report/canvas.cpp and font.cpp: pixels, lines, polygons and text.
#include <gtest/gtest.h>

#include <algorithm>

#include "autodiff/error.h"
#include "harness/report/canvas.h"
#include "harness/report/font.h"

namespace harness {
namespace {

constexpr Color kWhite = {255, 255, 255};
constexpr Color kBlack = {0, 0, 0};

int count_pixels(const Canvas& c, Color color) {
  int n = 0;
  for (int y = 0; y < c.height(); ++y) {
    for (int x = 0; x < c.width(); ++x) n += c.at(x, y) == color;
  }
  return n;
}

TEST(Canvas, BlendMixesByAlphaAndClipsOutside) {
  Canvas c(4, 4, kWhite);
  c.blend(0, 0, kBlack, 0.5);
  EXPECT_EQ(c.at(0, 0), (Color{128, 128, 128}));  // 255 - 127.5, rounded half away from zero
  c.blend(1, 0, {10, 20, 30});
  EXPECT_EQ(c.at(1, 0), (Color{10, 20, 30}));
  c.blend(-1, 2, kBlack);
  c.blend(4, 0, kBlack);
  EXPECT_EQ(count_pixels(c, kWhite), 14);
}

TEST(Canvas, RejectsAnEmptySize) { EXPECT_THROW(Canvas(0, 5, kWhite), autodiff::Error); }

TEST(Canvas, HorizontalLineCoversItsEndpoints) {
  Canvas c(10, 5, kWhite);
  c.line({2, 1}, {7, 1}, kBlack);
  EXPECT_EQ(count_pixels(c, kBlack), 6);
  EXPECT_EQ(c.at(2, 1), kBlack);
  EXPECT_EQ(c.at(7, 1), kBlack);
}

TEST(Canvas, DiagonalLineHasOnePixelPerStep) {
  Canvas c(10, 10, kWhite);
  c.line({0, 0}, {9, 9}, kBlack);
  EXPECT_EQ(count_pixels(c, kBlack), 10);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(c.at(i, i), kBlack) << "at " << i;
}

TEST(Canvas, PolygonFillsPixelCentresInside) {
  Canvas c(10, 10, kWhite);
  c.fill_polygon({{2, 3}, {6, 3}, {6, 8}, {2, 8}}, kBlack);  // 4 x 5 pixels
  EXPECT_EQ(count_pixels(c, kBlack), 20);
  EXPECT_EQ(c.at(2, 3), kBlack);
  EXPECT_EQ(c.at(5, 7), kBlack);
  EXPECT_EQ(c.at(6, 3), kWhite);
}

TEST(Canvas, TranslucentPolygonBlendsEachPixelOnce) {
  Canvas c(10, 10, kWhite);
  c.fill_polygon({{0, 0}, {10, 0}, {10, 10}, {0, 10}}, kBlack, 0.5);
  EXPECT_EQ(count_pixels(c, {128, 128, 128}), 100);
}

int count_ink(char ch) {
  int n = 0;
  for (std::string_view row : glyph(ch)) n += static_cast<int>(std::count(row.begin(), row.end(), '#'));
  return n;
}

TEST(Canvas, TextInksTheGlyphPixels) {
  Canvas c(40, 20, kWhite);
  c.text(1, 1, "A1", kBlack);
  EXPECT_EQ(count_pixels(c, kBlack), count_ink('A') + count_ink('1'));
  Canvas scaled(40, 20, kWhite);
  scaled.text(1, 1, "A", kBlack, 2);
  EXPECT_EQ(count_pixels(scaled, kBlack), 4 * count_ink('A'));
  Canvas turned(20, 40, kWhite);
  turned.vertical_text(1, 30, "A1", kBlack);
  EXPECT_EQ(count_pixels(turned, kBlack), count_ink('A') + count_ink('1'));
}

TEST(TextWidth, CountsAdvanceWithoutTheTrailingGap) {
  EXPECT_EQ(text_width("abc"), 17);  // 3 x 6 - 1
  EXPECT_EQ(text_width("abc", 2), 34);
  EXPECT_EQ(text_width(""), 0);
}

TEST(Font, EveryPrintableGlyphIsFiveBySevenInkOrPaper) {
  for (char ch = ' '; ch <= '~'; ++ch) {
    for (std::string_view row : glyph(ch)) {
      ASSERT_EQ(row.size(), 5u) << "glyph '" << ch << "'";
      EXPECT_EQ(row.find_first_not_of("#."), std::string_view::npos) << "glyph '" << ch << "'";
    }
    if (ch != ' ') {
      EXPECT_GT(count_ink(ch), 0) << "glyph '" << ch << "' is blank";
    }
  }
}

TEST(Font, DistinctCharactersHaveDistinctGlyphs) {
  for (char a = '!'; a <= '~'; ++a) {
    for (char b = static_cast<char>(a + 1); b <= '~'; ++b) EXPECT_NE(glyph(a), glyph(b)) << a << " and " << b;
  }
}

TEST(Font, NonAsciiDrawsAsQuestionMark) { EXPECT_EQ(glyph('\x80'), glyph('?')); }

}  // namespace
}  // namespace harness
