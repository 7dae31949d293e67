#include "harness/run/text_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "autodiff/error.h"

namespace harness {

void write_text_file(const std::string& path, const std::string& text) {
  const std::string partial = path + ".writing";
  {
    std::ofstream out(partial, std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(partial, ignored);
      throw autodiff::Error(path + ": cannot write (is the directory writable, the disk full?)");
    }
  }
  std::filesystem::rename(partial, path);
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace harness
