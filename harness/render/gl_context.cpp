#include "harness/render/gl_context.h"

#include <string>

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include "harness/render/render_error.h"

namespace harness {
namespace {

constexpr const char* kPackages = "install libegl-mesa0 and libgl1-mesa-dri (make deps)";

[[noreturn]] void egl_failed(const std::string& call) {
  char code[16];
  std::snprintf(code, sizeof code, "0x%04x", eglGetError());
  throw RenderError("cannot create an OpenGL context: " + call + " failed (EGL error " + code + "); " + kPackages);
}

// one display for the process: EGL displays are not reference counted, so terminating it when one
// context goes would pull the ground from under any other; the OS frees it at exit
EGLDisplay surfaceless_display() {
  static const EGLDisplay display = [] {
    auto get_display =
        reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
    if (!get_display) egl_failed("eglGetProcAddress(eglGetPlatformDisplayEXT)");
    EGLDisplay d = get_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    if (d == EGL_NO_DISPLAY) egl_failed("eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA)");
    EGLint major = 0, minor = 0;
    if (!eglInitialize(d, &major, &minor)) egl_failed("eglInitialize");
    return d;
  }();
  return display;
}

// an RGBA8 config with depth and stencil (MuJoCo's offscreen buffer wants both) that can render GL
EGLConfig choose_config(EGLDisplay display) {
  const EGLint attributes[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                               EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8,
                               EGL_DEPTH_SIZE, 24, EGL_STENCIL_SIZE, 8, EGL_NONE};
  EGLConfig config = nullptr;
  EGLint found = 0;
  if (!eglChooseConfig(display, attributes, &config, 1, &found) || found == 0) egl_failed("eglChooseConfig");
  return config;
}

}  // namespace

GlContext::GlContext() : display_(surfaceless_display()) {
  if (!eglBindAPI(EGL_OPENGL_API)) egl_failed("eglBindAPI(EGL_OPENGL_API)");
  const EGLint attributes[] = {EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_COMPATIBILITY_PROFILE_BIT,
                               EGL_NONE};
  context_ = eglCreateContext(display_, choose_config(display_), EGL_NO_CONTEXT, attributes);
  if (context_ == EGL_NO_CONTEXT) egl_failed("eglCreateContext (compatibility profile)");
  make_current();
}

GlContext::~GlContext() {
  eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  eglDestroyContext(display_, context_);
}

void GlContext::make_current() const {
  if (!eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, context_)) egl_failed("eglMakeCurrent");
}

}  // namespace harness
