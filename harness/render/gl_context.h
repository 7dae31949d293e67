// An OpenGL context without a display or GPU: EGL on Mesa's surfaceless platform (software
// rendering), compatibility profile because MuJoCo 2.2's renderer uses the fixed-function pipeline.
// It has no default framebuffer; MuJoCo draws into its own offscreen framebuffer.
#pragma once

namespace harness {

class GlContext {
 public:
  /// Creates the context and makes it current on this thread. Throws RenderError naming the EGL
  /// call that failed and the packages to install.
  GlContext();
  ~GlContext();
  GlContext(const GlContext&) = delete;
  GlContext& operator=(const GlContext&) = delete;

  /// Makes this context current on the calling thread (EGL contexts are current per thread).
  void make_current() const;

 private:
  void* display_;  // EGLDisplay
  void* context_;  // EGLContext
};

}  // namespace harness
