#include "harness/report/png.h"

#include <zlib.h>

#include <array>
#include <fstream>

#include "autodiff/error.h"

namespace harness {
namespace {

constexpr std::array<uint8_t, 8> kPngSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr uint8_t kBitDepth = 8;
constexpr uint8_t kColorTypeRgb = 2;
constexpr uint8_t kFilterNone = 0;

// the CRC of every byte value, computed once
std::array<uint32_t, 256> make_crc_table() {
  std::array<uint32_t, 256> table{};
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}

void put_u32(std::vector<uint8_t>& out, uint32_t value) {  // PNG integers are big-endian
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(value >> shift));
}

// length, type, data, CRC of type + data
void put_chunk(std::vector<uint8_t>& out, const char (&type)[5], const std::vector<uint8_t>& data) {
  put_u32(out, static_cast<uint32_t>(data.size()));
  const size_t crc_from = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), data.begin(), data.end());
  put_u32(out, png_crc32(std::span<const uint8_t>(out).subspan(crc_from)));
}

std::vector<uint8_t> header_data(const Canvas& canvas) {
  std::vector<uint8_t> ihdr;
  put_u32(ihdr, static_cast<uint32_t>(canvas.width()));
  put_u32(ihdr, static_cast<uint32_t>(canvas.height()));
  // bit depth, colour type, compression (deflate), filter method, no interlace
  ihdr.insert(ihdr.end(), {kBitDepth, kColorTypeRgb, 0, 0, 0});
  return ihdr;
}

// each scanline prefixed with its filter byte, then zlib-compressed
std::vector<uint8_t> image_data(const Canvas& canvas) {
  const size_t row_bytes = static_cast<size_t>(canvas.width()) * 3;
  std::vector<uint8_t> raw;
  raw.reserve((row_bytes + 1) * static_cast<size_t>(canvas.height()));
  for (int y = 0; y < canvas.height(); ++y) {
    raw.push_back(kFilterNone);
    auto row = canvas.rgb().begin() + static_cast<std::ptrdiff_t>(row_bytes * static_cast<size_t>(y));
    raw.insert(raw.end(), row, row + static_cast<std::ptrdiff_t>(row_bytes));
  }
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::vector<uint8_t> compressed(size);
  if (compress2(compressed.data(), &size, raw.data(), static_cast<uLong>(raw.size()), Z_BEST_COMPRESSION) != Z_OK) {
    throw autodiff::Error("encode_png: zlib could not compress a " + std::to_string(canvas.width()) + " x " +
                          std::to_string(canvas.height()) + " image");
  }
  compressed.resize(size);
  return compressed;
}

}  // namespace

uint32_t png_crc32(std::span<const uint8_t> bytes) {
  static const std::array<uint32_t, 256> table = make_crc_table();
  uint32_t c = 0xFFFFFFFFu;
  for (uint8_t byte : bytes) c = table[(c ^ byte) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::vector<uint8_t> encode_png(const Canvas& canvas) {
  std::vector<uint8_t> png(kPngSignature.begin(), kPngSignature.end());
  put_chunk(png, "IHDR", header_data(canvas));
  put_chunk(png, "IDAT", image_data(canvas));
  put_chunk(png, "IEND", {});
  return png;
}

void write_png(const std::string& path, const Canvas& canvas) {
  const std::vector<uint8_t> png = encode_png(canvas);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
  if (!out) throw autodiff::Error(path + ": cannot write the PNG (does its directory exist?)");
}

}  // namespace harness
