// PNG encoding of a Canvas: 8-bit RGB, no interlace, filter 0 on every row, one IDAT chunk
// compressed by zlib. No time or text chunks, so the same canvas always gives the same file.
// Format: the PNG specification (W3C, 2003), sections 5 (chunks), 11.2.2 (IHDR) and 9 (filters).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "harness/report/canvas.h"

namespace harness {

/// The CRC-32 PNG puts after every chunk (polynomial 0xEDB88320, reflected, initial and final
/// xor 0xFFFFFFFF): the same value as zlib's crc32.
uint32_t png_crc32(std::span<const uint8_t> bytes);

/// The bytes of a PNG file holding `canvas`.
std::vector<uint8_t> encode_png(const Canvas& canvas);

/// Writes encode_png(canvas) to `path`; throws autodiff::Error naming the path when it cannot.
void write_png(const std::string& path, const Canvas& canvas);

}  // namespace harness
