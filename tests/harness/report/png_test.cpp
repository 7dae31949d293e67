// Tests for harness/report/png.cpp: the file structure, checked with zlib as an independent oracle.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>

#include "harness/report/png.h"

namespace harness {
namespace {

struct Chunk {
  std::string type;
  std::vector<uint8_t> data;
  uint32_t crc = 0;
  uint32_t crc_of_type_and_data = 0;  // what zlib computes over type + data
};

uint32_t read_u32(const std::vector<uint8_t>& bytes, size_t at) {
  return uint32_t(bytes[at]) << 24 | uint32_t(bytes[at + 1]) << 16 | uint32_t(bytes[at + 2]) << 8 | bytes[at + 3];
}

// splits the file after the signature into chunks
std::vector<Chunk> chunks_of(const std::vector<uint8_t>& png) {
  std::vector<Chunk> out;
  for (size_t at = 8; at + 12 <= png.size();) {
    const uint32_t length = read_u32(png, at);
    Chunk c;
    c.type.assign(png.begin() + at + 4, png.begin() + at + 8);
    c.data.assign(png.begin() + at + 8, png.begin() + at + 8 + length);
    c.crc = read_u32(png, at + 8 + length);
    c.crc_of_type_and_data = static_cast<uint32_t>(crc32(0, png.data() + at + 4, 4 + length));
    out.push_back(c);
    at += 12 + length;
  }
  return out;
}

// a 7 x 3 canvas with distinct pixels, so a wrong stride would show
Canvas small_canvas() {
  Canvas c(7, 3, {255, 255, 255});
  c.blend(0, 0, {255, 0, 0});
  c.blend(6, 2, {0, 0, 255});
  c.blend(3, 1, {10, 20, 30});
  return c;
}

TEST(PngCrc32, MatchesTheStandardCheckValue) {
  const char* text = "123456789";
  EXPECT_EQ(png_crc32({reinterpret_cast<const uint8_t*>(text), 9}), 0xCBF43926u);  // CRC-32 check value
}

TEST(EncodePng, StartsWithTheSignature) {
  const std::vector<uint8_t> png = encode_png(small_canvas());
  const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  ASSERT_GE(png.size(), 8u);
  EXPECT_EQ(std::memcmp(png.data(), signature, 8), 0);
}

TEST(EncodePng, HeaderHoldsTheSizeAndRgb8) {
  const std::vector<Chunk> chunks = chunks_of(encode_png(small_canvas()));
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].type, "IHDR");
  ASSERT_EQ(chunks[0].data.size(), 13u);
  EXPECT_EQ(read_u32(chunks[0].data, 0), 7u);
  EXPECT_EQ(read_u32(chunks[0].data, 4), 3u);
  EXPECT_EQ(chunks[0].data[8], 8);  // bit depth
  EXPECT_EQ(chunks[0].data[9], 2);  // truecolour
  EXPECT_EQ(chunks[1].type, "IDAT");
  EXPECT_EQ(chunks[2].type, "IEND");
  EXPECT_TRUE(chunks[2].data.empty());
}

TEST(EncodePng, EveryChunkCrcMatchesZlib) {
  for (const Chunk& c : chunks_of(encode_png(small_canvas()))) EXPECT_EQ(c.crc, c.crc_of_type_and_data) << c.type;
}

TEST(EncodePng, ImageDataInflatesToFilteredScanlines) {
  const Canvas canvas = small_canvas();
  const std::vector<Chunk> chunks = chunks_of(encode_png(canvas));
  const size_t row_bytes = 7 * 3;
  std::vector<uint8_t> raw((row_bytes + 1) * 3 + 16);  // room to spare: the size must come out exact
  uLongf size = raw.size();
  ASSERT_EQ(uncompress(raw.data(), &size, chunks[1].data.data(), chunks[1].data.size()), Z_OK);
  ASSERT_EQ(size, (row_bytes + 1) * 3);
  for (size_t y = 0; y < 3; ++y) {
    EXPECT_EQ(raw[y * (row_bytes + 1)], 0) << "filter byte of row " << y;
    for (size_t i = 0; i < row_bytes; ++i) {
      EXPECT_EQ(raw[y * (row_bytes + 1) + 1 + i], canvas.rgb()[y * row_bytes + i]) << "row " << y << " byte " << i;
    }
  }
}

TEST(EncodePng, SameCanvasGivesTheSameBytes) { EXPECT_EQ(encode_png(small_canvas()), encode_png(small_canvas())); }

}  // namespace
}  // namespace harness
