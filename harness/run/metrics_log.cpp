#include "harness/run/metrics_log.h"

#include <filesystem>
#include <stdexcept>

#include "autodiff/error.h"

namespace harness {

MetricsLog::MetricsLog(const std::string& path, int64_t keep_through_step) : path_(path) {
  if (std::filesystem::exists(path)) {
    std::string kept;
    for (const auto& line : read_metrics(path)) {
      if (json_number(line, "step", 0) > static_cast<double>(keep_through_step)) break;
      kept += JsonObject::json_line(line) + "\n";  // an old file's bare NaN is rewritten as valid JSON
    }
    std::ofstream(path, std::ios::trunc) << kept;
  }
  out_.open(path, std::ios::app);
  if (!out_) throw autodiff::Error(path + ": cannot open the metrics log for writing");
}

void MetricsLog::write(const JsonObject& line) {
  out_ << line.str() << '\n';
  out_.flush();
  if (!out_) throw autodiff::Error(path_ + ": cannot write the metrics log (disk full?)");
}

std::vector<Json> read_metrics(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw autodiff::Error(path + ": cannot read the metrics log");
  std::vector<Json> lines;
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.empty()) continue;
    try {
      lines.push_back(parse_json_object(text));
    } catch (const std::runtime_error& e) {
      throw autodiff::Error(path + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  return lines;
}

}  // namespace harness
