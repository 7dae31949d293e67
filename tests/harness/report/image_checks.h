// Test support for the figure tests: the size a PNG file declares (signature and IHDR, read by
// hand: eight fixed bytes and two big-endian words), and the size an SVG document declares (parsed
// as XML by libxml2, so a malformed document fails), plus a pixel count of a rendered PNG (decoded
// by cairo) to see that something of a colour was drawn.
#pragma once
#include <cairo.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "harness/report/drawing.h"

namespace harness::testing {

struct ImageSize {
  int width = 0;
  int height = 0;
  bool operator==(const ImageSize&) const = default;
};

inline uint32_t big_endian_word(const std::string& bytes, size_t at) {
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i) value = value << 8 | static_cast<uint8_t>(bytes[at + i]);
  return value;
}

/// The width and height of a PNG's IHDR chunk, or nullopt when the signature or the first chunk
/// is not what the PNG specification (section 5.2, 11.2.2) requires.
inline std::optional<ImageSize> png_size(const std::string& bytes) {
  const std::string signature = "\x89PNG\r\n\x1a\n";
  if (bytes.size() < 33 || bytes.compare(0, 8, signature) != 0) return std::nullopt;
  if (big_endian_word(bytes, 8) != 13 || bytes.compare(12, 4, "IHDR") != 0) return std::nullopt;
  return ImageSize{static_cast<int>(big_endian_word(bytes, 16)), static_cast<int>(big_endian_word(bytes, 20))};
}

/// The width and height attributes ("800pt") of an SVG document's root, or nullopt when it does
/// not parse as XML or its root is not <svg> with both.
inline std::optional<ImageSize> svg_size(const std::string& text) {
  xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "figure.svg", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) return std::nullopt;
  std::optional<ImageSize> size;
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (root && xmlStrcmp(root->name, BAD_CAST "svg") == 0) {
    xmlChar* width = xmlGetProp(root, BAD_CAST "width");
    xmlChar* height = xmlGetProp(root, BAD_CAST "height");
    if (width && height) {
      size = ImageSize{static_cast<int>(std::lround(std::atof(reinterpret_cast<char*>(width)))),
                       static_cast<int>(std::lround(std::atof(reinterpret_cast<char*>(height))))};
    }
    xmlFree(width);
    xmlFree(height);
  }
  xmlFreeDoc(doc);
  return size;
}

inline cairo_status_t read_from_string(void* closure, unsigned char* data, unsigned int length) {
  auto* rest = static_cast<std::string_view*>(closure);
  if (rest->size() < length) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(rest->data(), length, data);
  rest->remove_prefix(length);
  return CAIRO_STATUS_SUCCESS;
}

/// The pixels of a PNG within `tolerance` (0..255 per channel) of `color`; -1 when it does not decode.
inline int pixels_near(const std::string& png, Rgb color, int tolerance = 12) {
  std::string_view rest = png;
  cairo_surface_t* surface = cairo_image_surface_create_from_png_stream(read_from_string, &rest);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return -1;
  }
  cairo_surface_flush(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  auto near = [&](uint32_t channel, double target) { return std::abs(int(channel) - int(std::lround(target * 255))) <= tolerance; };
  int count = 0;
  for (int y = 0; y < cairo_image_surface_get_height(surface); ++y) {
    for (int x = 0; x < cairo_image_surface_get_width(surface); ++x) {
      uint32_t pixel;
      std::memcpy(&pixel, data + y * stride + 4 * x, 4);  // native-endian xRGB
      count += near(pixel >> 16 & 0xff, color.r) && near(pixel >> 8 & 0xff, color.g) && near(pixel & 0xff, color.b);
    }
  }
  cairo_surface_destroy(surface);
  return count;
}

}  // namespace harness::testing
