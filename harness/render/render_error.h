// The error of the rendering room: no GL context, a video that cannot be written, bad video input.
#pragma once
#include "autodiff/error.h"

namespace harness {

struct RenderError : autodiff::Error {
  using autodiff::Error::Error;
};

}  // namespace harness
