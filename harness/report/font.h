// A 5x7 bitmap font of our own for plot labels: printable ASCII (32..126). Each glyph is seven
// rows of five characters, '#' for ink, '.' for paper, so the table reads as the letters it draws,
// plus two rows below the baseline that only g, j, p, q and y reach into.
#pragma once
#include <array>
#include <string_view>

namespace harness {

inline constexpr int kGlyphWidth = 5;
inline constexpr int kGlyphAscent = 7;   // rows above the baseline: capitals and digits
inline constexpr int kGlyphHeight = 9;   // with the two descender rows
inline constexpr int kGlyphAdvance = 6;  // one blank column between letters

using GlyphRows = std::array<std::string_view, kGlyphHeight>;

/// The rows of `c`, top first; characters outside printable ASCII draw as '?'.
const GlyphRows& glyph(char c);

}  // namespace harness
